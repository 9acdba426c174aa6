import { Migration } from '@mikro-orm/migrations';

/**
 * Target-responsibility letters (目标责任书, issue 18): `responsibility_target`, one row per tenant,
 * year and measure, set by the tenant above. Row-level security: read and written within the
 * viewer's read root (the tenant above reads its children's subtrees); the service decides who
 * writes (the tenant above's managers). Audited like every record.
 */
export class Migration20261203192000ResponsibilityTargets extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "target_measure" as enum ('INVESTMENT_COMPLETED', 'NEW_PROJECTS_STARTED', 'LEADS_SIGNED', 'FUNDS_ARRIVED');`);
    this.addSql(`create table "responsibility_target" (
      "id" uuid not null,
      "tenant_code" varchar(12) not null,
      "year" smallint not null,
      "measure" "target_measure" not null,
      "target_value" numeric(18,4) not null,
      "signed_on" date not null,
      "updated_by" varchar(100) not null,
      "updated_by_name" varchar(100) not null,
      "updated_at" timestamptz not null default now(),
      constraint "responsibility_target_pkey" primary key ("id"),
      constraint responsibility_target_value_positive check ("target_value" > 0));`);
    this.addSql(
      `alter table "responsibility_target" add constraint "responsibility_target_tenant_year_measure_unique" unique ("tenant_code", "year", "measure");`,
    );
    this.addSql(
      `alter table "responsibility_target" add constraint "responsibility_target_tenant_code_foreign" foreign key ("tenant_code") references "tenant" ("code") on update cascade on delete restrict;`,
    );
    this.addSql(`grant select, insert, update, delete on "responsibility_target" to kp_app;`);
    this.addSql(`alter table "responsibility_target" enable row level security;`);
    this.addSql(`alter table "responsibility_target" force row level security;`);
    const scope = 'tenant_code in (select t.code from tenant t where t.path <@ kp_read_root())';
    this.addSql(`create policy "responsibility_target_tenant_scope" on "responsibility_target" using (${scope}) with check (${scope});`);
    this.addSql(`select kp_owner_policies();`);
    this.addSql(`create trigger "responsibility_target_audit_lock" before insert or update or delete on "responsibility_target"
      for each statement execute function kp_audit_lock();`);
    this.addSql(`create trigger "responsibility_target_audit" after insert or update or delete on "responsibility_target"
      for each row execute function kp_audit_record('ResponsibilityTarget', 'id', 'tenant_code');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "responsibility_target" cascade;`);
    this.addSql(`drop type if exists "target_measure";`);
  }
}
