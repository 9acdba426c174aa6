import { Migration } from '@mikro-orm/migrations';

/** Tables whose rows belong to a tenant, directly or through their project. */
const PROJECT_CHILDREN = ['project_annual_plan', 'project_stage_change', 'progress_report', 'milestone'];

/**
 * Tenant isolation in PostgreSQL itself, independent of the service layer:
 *
 * - `kp_app` is the group role the application works as. It owns nothing and cannot bypass row-level
 *   security; logins join it (`grant kp_app to <login>`), and every request transaction also runs
 *   `set local role kp_app`.
 * - Each request sets its scope with set_config(..., true): `kp.read_root` (the ltree path of the
 *   subtree the viewer reads; empty for none) and `kp.subject` (the viewer's Keycloak subject, for
 *   assignments). With no scope set every policy is false: nothing is visible.
 * - `project` is visible within the read root or through an active assignment; its children follow
 *   their project; `project_assignment` is visible to its assignee and within the read root, and carries
 *   the project's owner so its policy never reads `project` (whose policy reads it: no cycle).
 * - `tenant` holds the official division list, public reference data: readable by all, changed only
 *   by administrators through the service layer; the app may not insert or delete tenants.
 */
export class Migration20261122100000Isolation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "assignment_kind" as enum ('LEAD_LEADER', 'DEPUTY_LEADER', 'RESPONSIBLE_UNIT', 'CONTACT');`);
    this.addSql(`create table "project_assignment" ("id" uuid not null, "project_id" uuid not null, "owner_tenant_code" varchar(12) not null, "subject" varchar(100) not null, "name" varchar(100) not null, "kind" "assignment_kind" not null, "started_on" date not null, "assigned_at" timestamptz not null default now(), "assigned_by" varchar(100) not null, "assigned_by_name" varchar(100) not null, "ended_at" timestamptz null, "ended_by" varchar(100) null, "ended_by_name" varchar(100) null, constraint "project_assignment_pkey" primary key ("id"));`);
    this.addSql(`create unique index "project_assignment_active_unique" on "project_assignment" ("project_id", "subject", "kind") where "ended_at" is null;`);
    this.addSql(`create index "project_assignment_subject_index" on "project_assignment" ("subject", "ended_at");`);
    this.addSql(`alter table "project_assignment" add constraint "project_assignment_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project_assignment" add constraint "project_assignment_owner_tenant_code_foreign" foreign key ("owner_tenant_code") references "tenant" ("code") on update cascade on delete restrict;`);

    // The application's role: creating it needs CREATEROLE once; afterwards it simply exists.
    this.addSql(`do $$ begin
      if not exists (select 1 from pg_roles where rolname = 'kp_app') then
        create role kp_app nologin nosuperuser nobypassrls noinherit;
      end if;
    end $$;`);
    this.addSql(`grant usage on schema public to kp_app;`);
    this.addSql(`grant select, update on "tenant" to kp_app;`);
    this.addSql(
      `grant select, insert, update, delete on "project", "project_assignment", ${PROJECT_CHILDREN.map((t) => `"${t}"`).join(', ')} to kp_app;`,
    );
    this.addSql(`grant select on "mikro_orm_migrations" to kp_app;`);

    // Scope readers: unset or empty settings mean "nothing".
    this.addSql(`create or replace function kp_read_root() returns ltree language sql stable parallel safe as
      $$ select nullif(current_setting('kp.read_root', true), '')::ltree $$;`);
    this.addSql(`create or replace function kp_subject() returns text language sql stable parallel safe as
      $$ select nullif(current_setting('kp.subject', true), '') $$;`);

    const inReadRoot = (column: string) => `${column} in (select t.code from tenant t where t.path <@ kp_read_root())`;
    const projectVisible = `${inReadRoot('owner_tenant_code')} or id in (select a.project_id from project_assignment a where a.subject = kp_subject() and a.ended_at is null)`;
    const assignmentVisible = `subject = kp_subject() or ${inReadRoot('owner_tenant_code')}`;
    const childVisible = 'project_id in (select p.id from project p)';

    const isolate = (table: string, predicate: string) => {
      this.addSql(`alter table "${table}" enable row level security;`);
      this.addSql(`alter table "${table}" force row level security;`);
      this.addSql(`create policy "${table}_tenant_scope" on "${table}" using (${predicate}) with check (${predicate});`);
    };
    isolate('project', projectVisible);
    isolate('project_assignment', assignmentVisible);
    for (const table of PROJECT_CHILDREN) isolate(table, childVisible);
  }

  override async down(): Promise<void> {
    for (const table of ['project', 'project_assignment', ...PROJECT_CHILDREN]) {
      this.addSql(`drop policy if exists "${table}_tenant_scope" on "${table}";`);
      this.addSql(`alter table "${table}" no force row level security;`);
      this.addSql(`alter table "${table}" disable row level security;`);
    }
    this.addSql(`drop function if exists kp_read_root();`);
    this.addSql(`drop function if exists kp_subject();`);
    this.addSql(`revoke all on all tables in schema public from kp_app;`);
    this.addSql(`revoke usage on schema public from kp_app;`);
    this.addSql(`drop table if exists "project_assignment" cascade;`);
    this.addSql(`drop type if exists "assignment_kind";`);
  }
}
