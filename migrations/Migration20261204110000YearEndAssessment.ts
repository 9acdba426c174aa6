import { Migration } from '@mikro-orm/migrations';

/** Tenants in the viewer's read subtree, by code (the scope every tenant-keyed policy uses). */
const IN_READ_ROOT = (column: string) => `${column} in (select t.code from tenant t where t.path <@ kp_read_root())`;

/**
 * The year-end assessment (年终考核, issue 18): `year_end_assessment`, one frozen row per assessing
 * tenant and year, holding the scores, ranks, the figures and targets they came from and the
 * rewards and penalties (奖惩) decided, as canonical JSON with its SHA-256.
 *
 * - Frozen for everyone, the owner included: a row trigger refuses UPDATE and DELETE and a statement
 *   trigger TRUNCATE (kp_refuse_frozen_change), beside the application role holding only SELECT and
 *   INSERT. A result that decided rewards and penalties is never rewritten; a mistake is answered by
 *   a decision recorded elsewhere, not by changing what was announced.
 * - Read by the assessing tenant's subtree readers (and those above), and by each assessed tenant
 *   itself: `assessed_codes` lists them, so the policy needs no second table. A sibling's town or a
 *   tenant not assessed reads nothing. Inserted only within the writer's read root.
 * - Audited (kp_audit_record under the row's id and the assessing tenant) and announced live
 *   (kp_record_publication_change: YEAR_END_ASSESSMENT_FROZEN under the assessing tenant).
 */
export class Migration20261204110000YearEndAssessment extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "year_end_assessment" (
      "id" uuid not null,
      "parent_code" varchar(12) not null,
      "year" smallint not null,
      "period" date not null,
      "scheme_version" int not null,
      "assessed_codes" varchar(12)[] not null,
      "content" text not null,
      "sha256" varchar(64) not null,
      "frozen_at" timestamptz not null,
      "frozen_by" varchar(100) not null,
      "frozen_by_name" varchar(100) not null,
      constraint "year_end_assessment_pkey" primary key ("id"));`);
    this.addSql(
      `alter table "year_end_assessment" add constraint "year_end_assessment_parent_code_year_unique" unique ("parent_code", "year");`,
    );
    this.addSql(
      `alter table "year_end_assessment" add constraint "year_end_assessment_parent_code_foreign" foreign key ("parent_code") references "tenant" ("code") on update cascade on delete restrict;`,
    );

    // --- isolation: insert and read only
    this.addSql(`grant select, insert on "year_end_assessment" to kp_app;`);
    this.addSql(`alter table "year_end_assessment" enable row level security;`);
    this.addSql(`alter table "year_end_assessment" force row level security;`);
    this.addSql(`create policy "year_end_assessment_read" on "year_end_assessment" for select using (
      ${IN_READ_ROOT('parent_code')}
      or exists (select 1 from tenant t where t.path = kp_read_root() and t.code = any ("assessed_codes")));`);
    this.addSql(
      `create policy "year_end_assessment_insert" on "year_end_assessment" for insert with check (${IN_READ_ROOT('parent_code')});`,
    );
    this.addSql(`select kp_owner_policies();`);

    // --- frozen: declared here for src/db/sql/assessment/kp_refuse_frozen_change.sql, applied right after
    this.addSql(`create or replace function kp_refuse_frozen_change() returns trigger language plpgsql as $$ begin return null; end $$;`);
    this.addSql(`create trigger "year_end_assessment_frozen" before update or delete on "year_end_assessment"
      for each row execute function kp_refuse_frozen_change();`);
    this.addSql(`create trigger "year_end_assessment_frozen_truncate" before truncate on "year_end_assessment"
      for each statement execute function kp_refuse_frozen_change();`);

    // --- the audit trail and the live event
    this.addSql(`create trigger "year_end_assessment_audit_lock" before insert or update or delete on "year_end_assessment"
      for each statement execute function kp_audit_lock();`);
    this.addSql(`create trigger "year_end_assessment_audit" after insert or update or delete on "year_end_assessment"
      for each row execute function kp_audit_record('YearEndAssessment', 'id', 'parent_code');`);
    this.addSql(`create trigger "year_end_assessment_change_event" after insert on "year_end_assessment"
      for each row execute function kp_record_publication_change();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "year_end_assessment" cascade;`);
    this.addSql(`drop function if exists kp_refuse_frozen_change();`);
  }
}
