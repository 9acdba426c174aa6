import { Migration } from '@mikro-orm/migrations';

/**
 * Each viewer's mark of what they have seen (上次查看), for a 包抓 leader's "what changed since I
 * last looked": one row per Keycloak subject. Row-level security on the subject, as for
 * idempotent requests: a viewer reads and writes only their own mark, whatever the query says.
 * Not audited: it records what someone read, not what anyone decided.
 */
export class Migration20261203160000SeenMarks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "seen_mark" (
      "subject" varchar(100) not null,
      "seen_at" timestamptz not null,
      "marked_at" timestamptz not null,
      constraint "seen_mark_pkey" primary key ("subject"));`);
    this.addSql(`grant select, insert, update on "seen_mark" to kp_app;`);
    this.addSql(`alter table "seen_mark" enable row level security;`);
    this.addSql(`alter table "seen_mark" force row level security;`);
    this.addSql(`create policy "seen_mark_own" on "seen_mark" using ("subject" = kp_subject()) with check ("subject" = kp_subject());`);
    // The owner's policy, as every table under FORCE ROW LEVEL SECURITY has (OwnerPolicies).
    this.addSql(`select kp_owner_policies();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "seen_mark";`);
  }
}
