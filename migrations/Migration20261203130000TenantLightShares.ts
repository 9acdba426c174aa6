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
 *   event on or before it, as kp_blocker_figures reads it). SECURITY DEFINER and scoped by
 *   kp_read_root() like kp_blocker_figures.
 *
 *   The rollup tables count milestones, not projects, so this reads the rows: its cost grows with
 *   the overdue milestones and open blockers beneath the tenants read (nothing for a city of a few
 *   hundred projects; tens of milliseconds at 100,000 projects with 17,000 overdue). Once the
 *   rollup tables keep projects with an overdue milestone / an open blocker by day, the lights
 *   should read them there instead.
 */
export class Migration20261203130000TenantLightShares extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "traffic_light_rule" add column "tenant_blocker_share_percent_yellow" int not null default 10,
                   add column "tenant_blocker_share_percent_red" int not null default 25;`);
    // Flagged projects are counted per owning tenant first, then summed into each root's subtree:
    // a handful of tenants to match by path, not every flagged project.
    this.addSql(`create or replace function kp_light_project_counts(codes varchar[], as_of date)
      returns table (tenant_code varchar, with_overdue_milestone int, with_open_blocker int)
      language sql stable security definer set search_path = public as $$
        with flags as (
          select m.project_id, true as overdue, false as blocked from milestone m
           where m.due_on < as_of and (m.done_on is null or m.done_on > as_of)
          union all
          select b.project_id, false, true from blocker b
            join lateral (select ev.status_after from blocker_event ev
                           where ev.blocker_id = b.id and (ev.at at time zone 'Asia/Shanghai')::date <= as_of
                           order by ev.seq desc limit 1) e on true
           where e.status_after in ('OPEN', 'IN_PROGRESS')),
        by_owner as (
          select p.owner_tenant_code as code, count(*) filter (where f.overdue) as overdue, count(*) filter (where f.blocked) as blocked
            from (select project_id, bool_or(overdue) as overdue, bool_or(blocked) as blocked from flags group by project_id) f
            join project p on p.id = f.project_id
           group by p.owner_tenant_code)
        select r.code::varchar, sum(o.overdue)::int, sum(o.blocked)::int
          from tenant r
          join tenant t on t.path <@ r.path
          join by_owner o on o.code = t.code
         where r.code = any(codes) and r.path <@ kp_read_root()
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
