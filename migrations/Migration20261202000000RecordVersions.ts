import { Migration } from '@mikro-orm/migrations';

const TABLES = ['project', 'milestone', 'progress_report'];

/**
 * Optimistic locking (版本号) for projects, milestones and monthly reports, as blockers and
 * investment leads have it: every row carries a `version` that MikroORM raises by one with each
 * update and checks in the update's `where`, and clients send back the version they read to be told
 * CONFLICT when someone changed the record since. Existing rows start at 1.
 *
 * The change-event and audit triggers treat `version` as bookkeeping (kp_record_change and
 * kp_audit_record leave it out), so a row's version is in neither its events nor its audit records,
 * and existing audit records and their hash chain are untouched. The rollup triggers read named
 * columns only; no function depends on these tables' row types.
 */
export class Migration20261202000000RecordVersions extends Migration {
  override async up(): Promise<void> {
    for (const table of TABLES) {
      this.addSql(`alter table "${table}" add column "version" int not null default 1;`);
    }
  }

  override async down(): Promise<void> {
    for (const table of TABLES) {
      this.addSql(`alter table "${table}" drop column if exists "version";`);
    }
  }
}
