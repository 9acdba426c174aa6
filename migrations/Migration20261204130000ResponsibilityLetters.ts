import { Migration } from '@mikro-orm/migrations';

/**
 * The target-responsibility letter (目标责任书) as one record: a tenant's measures for a year were
 * rows without a whole, so two officers setting the same letter overwrote each other unseen and a
 * change was announced once per measure, or not at all. The letter carries the version a change
 * is checked against and announces itself live (TARGETS_SET); its measures stay rows.
 */
export class Migration20261204130000ResponsibilityLetters extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "responsibility_letter" (
      "id" uuid not null,
      "tenant_code" varchar(12) not null,
      "year" smallint not null,
      "signed_on" date not null,
      "version" int not null default 1,
      "updated_by" varchar(100) not null,
      "updated_by_name" varchar(100) not null,
      "updated_at" timestamptz not null default now(),
      constraint "responsibility_letter_pkey" primary key ("id"),
      constraint "responsibility_letter_tenant_year_unique" unique ("tenant_code", "year"));`);
    this.addSql(
      `alter table "responsibility_letter" add constraint "responsibility_letter_tenant_code_foreign" foreign key ("tenant_code") references "tenant" ("code") on update cascade on delete restrict;`,
    );
    // The letters set before: one per tenant and year, as its latest measure left it.
    this.addSql(`insert into responsibility_letter (id, tenant_code, year, signed_on, updated_by, updated_by_name, updated_at)
      select distinct on (tenant_code, year) gen_random_uuid(), tenant_code, year, signed_on, updated_by, updated_by_name, updated_at
        from responsibility_target order by tenant_code, year, updated_at desc;`);

    // --- isolation, as the measures'
    this.addSql(`grant select, insert, update, delete on "responsibility_letter" to kp_app;`);
    this.addSql(`alter table "responsibility_letter" enable row level security;`);
    this.addSql(`alter table "responsibility_letter" force row level security;`);
    const scope = 'tenant_code in (select t.code from tenant t where t.path <@ kp_read_root())';
    this.addSql(`create policy "responsibility_letter_tenant_scope" on "responsibility_letter" using (${scope}) with check (${scope});`);
    this.addSql(`select kp_owner_policies();`);

    // --- live events; declared for src/db/sql/change-events/kp_record_letter_change.sql, applied right after
    this.addSql(`create or replace function kp_record_letter_change() returns trigger language plpgsql as $$ begin return null; end $$;`);
    this.addSql(`create trigger "responsibility_letter_change_event" after insert or update on "responsibility_letter"
      for each row execute function kp_record_letter_change();`);

    // --- the audit trail (as auditTriggerSql in migrations/support/audit-trigger.ts writes it)
    this.addSql(`create trigger "responsibility_letter_audit_lock" before insert or update or delete on "responsibility_letter"
      for each statement execute function kp_audit_lock();`);
    this.addSql(`create trigger "responsibility_letter_audit" after insert or update or delete on "responsibility_letter"
      for each row execute function kp_audit_record('ResponsibilityLetter', 'id', 'tenant_code');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "responsibility_letter_change_event" on "responsibility_letter";`);
    this.addSql(`drop function if exists kp_record_letter_change();`);
    this.addSql(`drop table if exists "responsibility_letter" cascade;`);
  }
}
