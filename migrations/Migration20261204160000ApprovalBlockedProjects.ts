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
export class Migration20261204160000ApprovalBlockedProjects extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop function if exists kp_approval_blocks_start(uuid, date);`);
  }

  override async down(): Promise<void> {
    // The old per-project question back for the code of before this change, answered by the set
    // (the same rule, so the set is left in place for it).
    this.addSql(`create or replace function kp_approval_blocks_start(the_project uuid, as_of date)
      returns boolean language sql stable
      as $$ select exists (select 1 from kp_approval_blocked_projects(as_of) b where b.project_id = the_project) $$;`);
    this.addSql(`revoke execute on function kp_approval_blocks_start(uuid, date) from public;`);
    this.addSql(`grant execute on function kp_approval_blocks_start(uuid, date) to kp_app;`);
  }
}
