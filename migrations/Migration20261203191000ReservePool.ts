import { Migration } from '@mikro-orm/migrations';

/**
 * The reserve pool (储备库, issue 18): `reserve_project`, a tenant's projects being planned, graded
 * by readiness, until promoted into a year's list (linked to the key project) or dropped with the
 * reason. Its history is its audit trail; its moves are live events under the pool's tenant.
 *
 * Row-level security as for investment leads: a pool is read and written within the viewer's read
 * root (the owner's subtree); the service decides who of those may write (the owner's managers).
 */
export class Migration20261203191000ReservePool extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "reserve_maturity" as enum ('CONCEPT', 'FEASIBILITY_DONE', 'APPROVALS_UNDER_WAY', 'READY_TO_START');`);
    this.addSql(`create type "reserve_status" as enum ('POOLED', 'PROMOTED', 'DROPPED');`);
    this.addSql(`create table "reserve_project" (
      "id" uuid not null,
      "name" varchar(200) not null,
      "construction_content" text null,
      "category" "project_category" not null,
      "owner_tenant_code" varchar(12) not null,
      "estimated_investment_wan" numeric(18,4) not null,
      "intended_year" smallint not null,
      "maturity" "reserve_maturity" not null,
      "promoting_unit" varchar(200) null,
      "pooled_on" date not null,
      "status" "reserve_status" not null default 'POOLED',
      "closed_on" date null,
      "promoted_year" smallint null,
      "drop_reason" text null,
      "project_id" uuid null,
      "version" int not null default 1,
      "created_at" timestamptz not null default now(),
      "created_by_name" varchar(100) not null,
      "created_by" varchar(100) not null,
      "updated_at" timestamptz not null default now(),
      "updated_by_name" varchar(100) not null,
      "updated_by" varchar(100) not null,
      constraint "reserve_project_pkey" primary key ("id"),
      constraint reserve_project_estimate_positive check ("estimated_investment_wan" > 0),
      constraint reserve_project_exit_consistent check (("status" = 'POOLED' and "closed_on" is null and "project_id" is null) or ("status" = 'PROMOTED' and "closed_on" is not null and "project_id" is not null and "promoted_year" is not null) or ("status" = 'DROPPED' and "closed_on" is not null and "drop_reason" is not null)));`);
    this.addSql(
      `create index "reserve_project_owner_tenant_code_created_at_id_index" on "reserve_project" ("owner_tenant_code", "created_at", "id");`,
    );
    this.addSql(`alter table "reserve_project" add constraint "reserve_project_project_unique" unique ("project_id");`);
    this.addSql(
      `alter table "reserve_project" add constraint "reserve_project_owner_tenant_code_foreign" foreign key ("owner_tenant_code") references "tenant" ("code") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "reserve_project" add constraint "reserve_project_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete set null;`,
    );

    // --- isolation
    this.addSql(`grant select, insert, update on "reserve_project" to kp_app;`);
    this.addSql(`alter table "reserve_project" enable row level security;`);
    this.addSql(`alter table "reserve_project" force row level security;`);
    const scope = 'owner_tenant_code in (select t.code from tenant t where t.path <@ kp_read_root())';
    this.addSql(`create policy "reserve_project_tenant_scope" on "reserve_project" using (${scope}) with check (${scope});`);
    this.addSql(`select kp_owner_policies();`);

    // --- live events; declared for src/db/sql/change-events/kp_record_reserve_change.sql, applied right after
    this.addSql(`create or replace function kp_record_reserve_change() returns trigger language plpgsql as $$ begin return null; end $$;`);
    this.addSql(`create trigger "reserve_project_change_event" after insert or update on "reserve_project"
      for each row execute function kp_record_reserve_change();`);

    // --- the audit trail (as auditTriggerSql in migrations/support/audit-trigger.ts writes it)
    this.addSql(`create trigger "reserve_project_audit_lock" before insert or update or delete on "reserve_project"
      for each statement execute function kp_audit_lock();`);
    this.addSql(`create trigger "reserve_project_audit" after insert or update or delete on "reserve_project"
      for each row execute function kp_audit_record('ReserveProject', 'id', '');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "reserve_project_change_event" on "reserve_project";`);
    this.addSql(`drop function if exists kp_record_reserve_change();`);
    this.addSql(`drop table if exists "reserve_project" cascade;`);
    this.addSql(`drop type if exists "reserve_status";`);
    this.addSql(`drop type if exists "reserve_maturity";`);
  }
}
