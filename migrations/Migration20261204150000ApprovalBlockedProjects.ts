import { Migration } from '@mikro-orm/migrations';

/**
 * The held-up rule (手续制约开工) as a set: kp_approval_blocks_start(project, day) answered one
 * project at a time, and a SQL function whose body holds a subquery is never inlined, so the
 * figure and the project list's `heldUpByApprovals` filter called it once per project of the
 * subtree, each call planning its own row-level security subqueries over every project: over 30 s
 * for a city of 10,000 projects (bench:rollup). Its successor, kp_approval_blocked_projects(day)
 * (src/db/sql/approvals), returns the held-up projects and is inlined into its callers' FROM. Both
 * callers move to it in the same change; nothing else calls the old one.
 */
export class Migration20261204150000ApprovalBlockedProjects extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop function if exists kp_approval_blocks_start(uuid, date);`);
  }

  override async down(): Promise<void> {
    // The old rule as its file last defined it, for the code of before this change.
    this.addSql(`create or replace function kp_approval_blocks_start(the_project uuid, as_of date)
  returns boolean
  language sql
  stable
as $$
  select exists (
    select 1
      from public.project p
      join public.tenant owner on owner.code = p.owner_tenant_code
      join lateral (select c.to_stage from public.project_stage_change c
                     where c.project_id = p.id and c.changed_on <= as_of
                     order by c.changed_on desc, c.recorded_at desc, c.id desc limit 1) stage on true
     where p.id = the_project
       and stage.to_stage < 'STARTED'
       and not exists (select 1 from public.project_start_exception x
                        where x.project_id = p.id and (x.recorded_at at time zone 'Asia/Shanghai')::date <= as_of)
       and exists (select 1 from public.approval_kind k
                    where k.city_code = subpath(owner.path, 0, 1)::text and k.is_required_to_start
                      and not exists (select 1 from public.project_approval a
                                       where a.project_id = p.id and a.kind_id = k.id
                                         and (a.state = 'NOT_NEEDED' or a.approved_on <= as_of))))
$$;`);
    this.addSql(`revoke execute on function kp_approval_blocks_start(uuid, date) from public;`);
    this.addSql(`grant execute on function kp_approval_blocks_start(uuid, date) to kp_app;`);
  }
}
