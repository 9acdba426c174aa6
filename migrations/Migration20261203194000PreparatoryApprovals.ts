import { Migration } from '@mikro-orm/migrations';

/**
 * The default list of a city's approval kinds (前期手续, issue 18) as this migration seeds it for the
 * cities that exist now. New cities get theirs from kp_seed_approval_kinds (src/db/sql/approvals),
 * whose list may move on; this one is history. None is required to start: a city that already has
 * projects waiting to start has recorded none of their approvals, so requiring them from the day of
 * the upgrade would stop every start until the checklists are back-filled. The city's 发改 office
 * marks what it enforces (`updateApprovalKind`).
 * Columns: code, name, approving office, time limit (办理时限, days), warning days (预警), position.
 */
const DEFAULT_KINDS = `values
  ('PROJECT_APPROVAL', '立项/可研批复', '行政审批服务局', 20, 5, 1),
  ('LAND_PRE_REVIEW', '用地预审与选址意见', '自然资源和规划局', 20, 5, 2),
  ('LAND_SUPPLY', '土地供应（划拨/出让）', '自然资源和规划局', 60, 10, 3),
  ('LAND_USE_PLANNING_PERMIT', '建设用地规划许可', '自然资源和规划局', 15, 5, 4),
  ('ENGINEERING_PLANNING_PERMIT', '建设工程规划许可', '自然资源和规划局', 15, 5, 5),
  ('ENVIRONMENTAL_IMPACT', '环境影响评价批复', '生态环境局', 30, 7, 6),
  ('ENERGY_ASSESSMENT', '节能审查', '行政审批服务局', 20, 5, 7),
  ('CONSTRUCTION_PERMIT', '施工许可', '行政审批服务局', 7, 2, 8)`;

/**
 * Preparatory approvals (前期手续, issue 18):
 * - `approval_kind`: a city's list of approvals a project may need, each with its usual approving
 *   office (审批部门), whether it is required before the start (开工前置), the time limit (办理时限)
 *   and the warning days of the approval light (审批信号灯, seed 003). Readable by every viewer (the
 *   checklist and the lights name them), written within the writer's read root (the service allows
 *   the city's leaders and administrator), as traffic_light_rule.
 * - `project_approval`: a project's checklist item per kind, with its state, office, dates and
 *   document number; no row means not started. Read and written as the project's other records.
 * - `project_start_exception`: a leader's recorded exception (容缺开工) letting a project start
 *   without its required approvals; one per project.
 * - Live events (`kp_record_approval_change`) and the audit trail on all three.
 */
export class Migration20261203194000PreparatoryApprovals extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "approval_state" as enum ('NOT_NEEDED', 'NOT_STARTED', 'SUBMITTED', 'APPROVED');`);
    this.addSql(
      `create table "approval_kind" ("id" uuid not null default gen_random_uuid(), "city_code" varchar(12) not null, "code" varchar(40) not null, "name" varchar(50) not null, "office" varchar(100) not null, "is_required_to_start" boolean not null default false, "time_limit_days" int not null, "warning_days" int not null default 0, "position" int not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "approval_kind_pkey" primary key ("id"), constraint "approval_kind_time_limit_check" check ("time_limit_days" > 0), constraint "approval_kind_warning_check" check ("warning_days" >= 0 and "warning_days" < "time_limit_days"));`,
    );
    this.addSql(`alter table "approval_kind" add constraint "approval_kind_city_code_code_unique" unique ("city_code", "code");`);
    this.addSql(
      `alter table "approval_kind" add constraint "approval_kind_city_code_foreign" foreign key ("city_code") references "tenant" ("code") on update cascade on delete restrict;`,
    );
    this.addSql(
      `create table "project_approval" ("id" uuid not null, "project_id" uuid not null, "kind_id" uuid not null, "state" "approval_state" not null, "office" varchar(100) null, "submitted_on" date null, "approved_on" date null, "planned_on" date null, "document_number" varchar(100) null, "note" text null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "project_approval_pkey" primary key ("id"),
        constraint "project_approval_approved_dated" check (("state" = 'APPROVED') = ("approved_on" is not null)),
        constraint "project_approval_submitted_dated" check ("submitted_on" is not null or "state" = 'NOT_NEEDED' or "state" = 'NOT_STARTED'),
        constraint "project_approval_dates_in_order" check ("approved_on" is null or "submitted_on" <= "approved_on"));`,
    );
    this.addSql(
      `alter table "project_approval" add constraint "project_approval_project_id_kind_id_unique" unique ("project_id", "kind_id");`,
    );
    this.addSql(
      `alter table "project_approval" add constraint "project_approval_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "project_approval" add constraint "project_approval_kind_id_foreign" foreign key ("kind_id") references "approval_kind" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(`create index "project_approval_kind_id_index" on "project_approval" ("kind_id");`);
    this.addSql(
      `create table "project_start_exception" ("id" uuid not null, "project_id" uuid not null, "reason" text not null, "recorded_by_subject" varchar(100) not null, "recorded_by_name" varchar(100) not null, "recorded_at" timestamptz not null default now(), constraint "project_start_exception_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "project_start_exception" add constraint "project_start_exception_project_id_unique" unique ("project_id");`);
    this.addSql(
      `alter table "project_start_exception" add constraint "project_start_exception_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`,
    );

    // --- isolation
    this.addSql(`grant select, insert, update on "approval_kind" to kp_app;`);
    this.addSql(`grant select, insert, update, delete on "project_approval" to kp_app;`);
    this.addSql(`grant select, insert on "project_start_exception" to kp_app;`);
    const inReadRoot = `city_code in (select t.code from tenant t where t.path <@ kp_read_root())`;
    this.addSql(`alter table "approval_kind" enable row level security;`);
    this.addSql(`alter table "approval_kind" force row level security;`);
    this.addSql(`create policy "approval_kind_read" on "approval_kind" for select using (true);`);
    this.addSql(`create policy "approval_kind_insert" on "approval_kind" for insert with check (${inReadRoot});`);
    this.addSql(`create policy "approval_kind_update" on "approval_kind" for update using (${inReadRoot}) with check (${inReadRoot});`);
    for (const table of ['project_approval', 'project_start_exception']) {
      this.addSql(`alter table "${table}" enable row level security;`);
      this.addSql(`alter table "${table}" force row level security;`);
      this.addSql(`create policy "${table}_read" on "${table}" for select using (project_id in (select p.id from project p));`);
      this.addSql(`create policy "${table}_insert" on "${table}" for insert with check (kp_project_writable(project_id));`);
      this.addSql(
        `create policy "${table}_update" on "${table}" for update using (kp_project_writable(project_id)) with check (kp_project_writable(project_id));`,
      );
      this.addSql(`create policy "${table}_delete" on "${table}" for delete using (kp_project_writable(project_id));`);
    }
    this.addSql(`select kp_owner_policies();`);

    // --- the default list: for the cities there are, and (by the trigger) for each city added later
    this.addSql(`insert into approval_kind (city_code, code, name, office, time_limit_days, warning_days, position)
      select t.code, d.code, d.name, t.name || d.office, d.days, d.warning, d.position
        from tenant t cross join (${DEFAULT_KINDS}) as d(code, name, office, days, warning, position)
       where t.level = 'CITY';`);
    // Declared for src/db/sql/approvals/kp_seed_approval_kinds.sql, applied right after.
    this.addSql(`create or replace function kp_seed_approval_kinds() returns trigger language plpgsql as $$ begin return null; end $$;`);
    this.addSql(`create trigger "tenant_approval_kinds" after insert on "tenant"
      for each row when (new.level = 'CITY') execute function kp_seed_approval_kinds();`);

    // Declared for src/db/sql/approvals/kp_approval_items.sql, which the figures' files (applied before it) call.
    this.addSql(`create or replace function kp_approval_items(as_of date, by_location boolean)
      returns table (project_id uuid, place_path ltree, office varchar, is_submitted boolean, is_overdue boolean, is_warned boolean)
      language sql stable as $$ select null::uuid, null::ltree, null::varchar, false, false, false where false $$;`);

    // --- live events; declared for src/db/sql/change-events/kp_record_approval_change.sql, applied right after
    this.addSql(`create or replace function kp_record_approval_change() returns trigger language plpgsql as $$ begin return null; end $$;`);
    for (const table of ['project_approval', 'project_start_exception']) {
      this.addSql(`create trigger "${table}_change_event" after insert or update or delete on "${table}"
        for each row execute function kp_record_approval_change();`);
    }

    // --- the audit trail (as auditTriggerSql in migrations/support/audit-trigger.ts writes it)
    for (const [table, entity, tenantColumn] of [
      ['approval_kind', 'ApprovalKind', 'city_code'],
      ['project_approval', 'ProjectApproval', ''],
      ['project_start_exception', 'StartException', ''],
    ]) {
      this.addSql(`create trigger "${table}_audit_lock" before insert or update or delete on "${table}"
        for each statement execute function kp_audit_lock();`);
      this.addSql(`create trigger "${table}_audit" after insert or update or delete on "${table}"
        for each row execute function kp_audit_record('${entity}', 'id', '${tenantColumn}');`);
    }
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "tenant_approval_kinds" on "tenant";`);
    this.addSql(`drop function if exists kp_seed_approval_kinds();`);
    this.addSql(`drop function if exists kp_approval_figures(varchar[], date, boolean);`);
    this.addSql(`drop function if exists kp_approval_office_figures(varchar[], date, boolean);`);
    this.addSql(`drop function if exists kp_approval_items(date, boolean);`);
    this.addSql(`drop function if exists kp_missing_start_approvals(uuid);`);
    this.addSql(`drop table if exists "project_start_exception" cascade;`);
    this.addSql(`drop table if exists "project_approval" cascade;`);
    this.addSql(`drop table if exists "approval_kind" cascade;`);
    this.addSql(`drop function if exists kp_record_approval_change();`);
    this.addSql(`drop type if exists "approval_state";`);
  }
}
