import { Migration } from '@mikro-orm/migrations';

/** Tables whose rows follow their project's visibility (`project_id`). */
const PROJECT_CHILDREN = [
  'project_annual_plan',
  'project_stage_change',
  'progress_report',
  'milestone',
  'progress_report_review',
  'project_monthly_target',
  'blocker',
];

const IN_READ_ROOT = (column: string) => `${column} in (select t.code from tenant t where t.path <@ kp_read_root())`;
const ASSIGNED = `id in (select a.project_id from project_assignment a where a.subject = kp_subject() and a.ended_at is null)`;
/** Who may write a project (and so its records): its owner's subtree, or an active assignee. */
const PROJECT_WRITABLE = `${IN_READ_ROOT('owner_tenant_code')} or ${ASSIGNED}`;

/**
 * Where a project is built (属地). A project has an owner (who registers it and answers for it) and
 * may have a location below it: the city's heating network built in 德城区黄河涯镇. The county a
 * project is built in reads it, with its reports, milestones, plans, assignments and blockers, but
 * changes nothing of it unless it also owns it. Before, every read followed the owner only, so
 * 德城区's leader got NOT_FOUND for a project on its own land.
 *
 * Each policy that allowed reading and writing alike (`<table>_tenant_scope`) becomes a read policy
 * and write policies:
 * - project: read within the read root by owner or by location, or through an active assignment;
 *   insert, update and delete only by owner or assignment (as before).
 * - its records: read with their project; written only where the project is writable
 *   (`kp_project_writable`).
 * - project_assignment: read by its assignee, within the read root by the owner copy, or where the
 *   project is located in the read root (`kp_located_project_ids`, SECURITY DEFINER: the assignment
 *   policy must not read `project`, whose policy reads assignments); written as before.
 * The service layer applies the same rule (Access.readsProjectAt, ProjectAccess).
 */
export class Migration20261203100100LocationReads extends Migration {
  override async up(): Promise<void> {
    // A project's records are written where the project itself is (its row's policy applies inside).
    this.addSql(`create or replace function kp_project_writable(project_id uuid) returns boolean
      language sql stable set search_path = public as
      $$ select exists (select 1 from project p
                         where p.id = $1
                           and (p.owner_tenant_code in (select t.code from tenant t where t.path <@ kp_read_root())
                                or p.id in (select a.project_id from project_assignment a where a.subject = kp_subject() and a.ended_at is null))) $$;`);
    this.addSql(`create or replace function kp_located_project_ids() returns setof uuid
      language sql stable security definer set search_path = public as
      $$ select p.id from project p join tenant t on t.code = p.location_tenant_code where t.path <@ kp_read_root() $$;`);
    this.addSql(`revoke execute on function kp_located_project_ids() from public;`);
    this.addSql(`grant execute on function kp_located_project_ids() to kp_app;`);

    this.addSql(`drop policy "project_tenant_scope" on "project";`);
    this.addSql(`create policy "project_read" on "project" for select
      using (${IN_READ_ROOT('owner_tenant_code')} or ${IN_READ_ROOT('location_tenant_code')} or ${ASSIGNED});`);
    this.writePolicies('project', PROJECT_WRITABLE);

    for (const table of PROJECT_CHILDREN) {
      this.addSql(`drop policy "${table}_tenant_scope" on "${table}";`);
      this.addSql(`create policy "${table}_read" on "${table}" for select using (project_id in (select p.id from project p));`);
      this.writePolicies(table, 'kp_project_writable(project_id)');
    }
    this.addSql(`drop policy "blocker_event_tenant_scope" on "blocker_event";`);
    this.addSql(`create policy "blocker_event_read" on "blocker_event" for select using (blocker_id in (select b.id from blocker b));`);
    this.writePolicies('blocker_event', 'blocker_id in (select b.id from blocker b where kp_project_writable(b.project_id))');

    const assignmentWritable = `subject = kp_subject() or ${IN_READ_ROOT('owner_tenant_code')}`;
    this.addSql(`drop policy "project_assignment_tenant_scope" on "project_assignment";`);
    this.addSql(`create policy "project_assignment_read" on "project_assignment" for select
      using (${assignmentWritable} or project_id in (select kp_located_project_ids()));`);
    this.writePolicies('project_assignment', assignmentWritable);
  }

  /** Insert, update and delete under one predicate (a read policy is created beside them). */
  private writePolicies(table: string, predicate: string): void {
    this.addSql(`create policy "${table}_insert" on "${table}" for insert with check (${predicate});`);
    this.addSql(`create policy "${table}_update" on "${table}" for update using (${predicate}) with check (${predicate});`);
    this.addSql(`create policy "${table}_delete" on "${table}" for delete using (${predicate});`);
  }

  override async down(): Promise<void> {
    const restore = (table: string, predicate: string) => {
      for (const suffix of ['read', 'insert', 'update', 'delete']) this.addSql(`drop policy if exists "${table}_${suffix}" on "${table}";`);
      this.addSql(`create policy "${table}_tenant_scope" on "${table}" using (${predicate}) with check (${predicate});`);
    };
    restore('project', PROJECT_WRITABLE);
    for (const table of PROJECT_CHILDREN) restore(table, 'project_id in (select p.id from project p)');
    restore('blocker_event', 'blocker_id in (select b.id from blocker b)');
    restore('project_assignment', `subject = kp_subject() or ${IN_READ_ROOT('owner_tenant_code')}`);
    this.addSql(`drop function if exists kp_located_project_ids();`);
    this.addSql(`drop function if exists kp_project_writable(uuid);`);
  }
}
