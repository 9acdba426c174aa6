import { Migration } from '@mikro-orm/migrations';

/**
 * A tenant's light judges the share of its projects in trouble, not raw counts (issue 13):
 *
 * - `traffic_light_rule` gains the tenant-level blocker thresholds: the percentage of a tenant's
 *   projects with an open blocker from which it turns yellow / red (10% / 25% by default, as for
 *   overdue milestones). `blocker_yellow` / `blocker_red` stay, for one project's count. A city
 *   that set its rules keeps them and gets the defaults for the new pair.
 * - `kp_light_project_counts(codes, as_of)` counts, for each tenant's subtree, the projects with at
 *   least one overdue milestone (due before `as_of`, not done by it: the rollup's own definition)
 *   and those with at least one open blocker at the end of `as_of` (China time; each blocker's last
 *   event on or before it, as kp_blocker_figures reads it). The rollup tables count milestones, not
 *   projects, so this reads the rows; it starts from the overdue milestones and open blockers, not
 *   from every project. SECURITY DEFINER and scoped by kp_read_root() like kp_blocker_figures.
 */
export class Migration20261203130000TenantLightShares extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "traffic_light_rule" add column "tenant_blocker_share_percent_yellow" int not null default 10,
                   add column "tenant_blocker_share_percent_red" int not null default 25;`);
    this.addSql(`create or replace function kp_light_project_counts(codes varchar[], as_of date)
      returns table (tenant_code varchar, with_overdue_milestone int, with_open_blocker int)
      language sql stable security definer set search_path = public as $$
        with roots as (
          select t.code, t.path from tenant t where t.code = any(codes) and t.path <@ kp_read_root()),
        overdue as (
          select distinct m.project_id from milestone m
           where m.due_on < as_of and (m.done_on is null or m.done_on > as_of)),
        blocked as (
          select distinct b.project_id from blocker b
            join lateral (select ev.status_after from blocker_event ev
                           where ev.blocker_id = b.id and (ev.at at time zone 'Asia/Shanghai')::date <= as_of
                           order by ev.seq desc limit 1) e on true
           where e.status_after in ('OPEN', 'IN_PROGRESS')),
        flagged as (
          select o.path, f.project_id in (select project_id from overdue) as is_overdue,
                 f.project_id in (select project_id from blocked) as is_blocked
            from (select project_id from overdue union select project_id from blocked) f
            join project p on p.id = f.project_id
            join tenant o on o.code = p.owner_tenant_code
           where o.path <@ kp_read_root())
        select r.code::varchar, (count(*) filter (where f.is_overdue))::int, (count(*) filter (where f.is_blocked))::int
          from roots r join flagged f on f.path <@ r.path
         group by r.code $$;`);
    this.addSql(`revoke execute on function kp_light_project_counts(varchar[], date) from public;`);
    this.addSql(`grant execute on function kp_light_project_counts(varchar[], date) to kp_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists kp_light_project_counts(varchar[], date);`);
    this.addSql(`alter table "traffic_light_rule" drop column "tenant_blocker_share_percent_yellow",
                   drop column "tenant_blocker_share_percent_red";`);
  }
}
