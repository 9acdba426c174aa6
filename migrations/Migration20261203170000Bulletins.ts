import { Migration } from '@mikro-orm/migrations';

/** Within the viewer's read root: the tenant's whole subtree is readable. */
const IN_READ_ROOT = (column: string) => `${column} in (select t.code from tenant t where t.path <@ kp_read_root())`;

/**
 * The monthly bulletin (月通报, issue 17).
 *
 * - `bulletin_rule`: a city's rules for its bulletins (ranking metric, 红榜 / 黑榜 thresholds, list
 *   length), versioned (optimistic lock) and audited like `traffic_light_rule`; readable by every
 *   viewer (they explain the lists), written only within the writer's read root (the service allows
 *   the city's managers).
 * - `bulletin_publication`: a published bulletin, its frozen content (jsonb), SHA-256 hash, version
 *   per tenant and month, who and when. The application role may insert and read, never update or
 *   delete, except to set its hash once (null until the lagging rows it covers are written in the
 *   same transaction): a published version cannot be rewritten, even by a bug in the service.
 * - `bulletin_publication_lagging`: the frozen lagging projects, a row each in the order of the live
 *   list, so a city's list pages and streams from the table instead of one jsonb array of 100,000.
 * - Row-level security: a publication is read and written within the viewer's read root (the
 *   tenant's subtree readable, as a bulletin is read), its rows with their publication.
 */
export class Migration20261203170000Bulletins extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "bulletin_rule" ("city_code" varchar(12) not null, "ranking_metric" text check ("ranking_metric" in ('COMPLETION_RATE', 'PROGRESS_GAP', 'START_RATE', 'NEW_START_RATE', 'ANNUAL_START_RATE', 'COMPLETED_THIS_YEAR', 'YEAR_OVER_YEAR_GROWTH', 'NET_INCREASE', 'FUNDS_IN_PLACE', 'OVERDUE_MILESTONES')) not null default 'COMPLETION_RATE', "red_list_ahead_points" int not null default 10, "black_list_behind_points" int not null default 15, "black_list_planned_start_missed" boolean not null default true, "black_list_overdue_milestones" int not null default 3, "max_entries" int not null default 10, "version" int not null default 1, "updated_at" timestamptz null, "updated_by_name" varchar(100) null, "updated_by" varchar(100) null, constraint "bulletin_rule_pkey" primary key ("city_code"));`,
    );
    this.addSql(
      `create table "bulletin_publication" ("id" uuid not null, "tenant_code" varchar(12) not null, "period" date not null, "version" int not null, "content" jsonb not null, "hash" varchar(64) null, "published_at" timestamptz not null, "published_by_name" varchar(100) not null, "published_by" varchar(100) not null, "lagging_project_count" int not null, constraint "bulletin_publication_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "bulletin_publication" add constraint "bulletin_publication_version_unique" unique ("tenant_code", "period", "version");`,
    );
    this.addSql(
      `create table "bulletin_publication_lagging" ("publication_id" uuid not null, "seq" int not null, "row" jsonb not null, constraint "bulletin_publication_lagging_pkey" primary key ("publication_id", "seq"));`,
    );
    this.addSql(
      `alter table "bulletin_publication_lagging" add constraint "bulletin_publication_lagging_publication_id_foreign" foreign key ("publication_id") references "bulletin_publication" ("id") on update cascade;`,
    );

    // --- isolation
    this.addSql(`grant select, insert, update on "bulletin_rule" to kp_app;`);
    this.addSql(`grant select, insert on "bulletin_publication", "bulletin_publication_lagging" to kp_app;`);
    // The hash is set once, after the lagging rows it covers are written in the same transaction: the
    // one column the application may update, and only while it is null (bulletin_publication_seal).
    this.addSql(`grant update ("hash") on "bulletin_publication" to kp_app;`);
    for (const table of ['bulletin_rule', 'bulletin_publication', 'bulletin_publication_lagging']) {
      this.addSql(`alter table "${table}" enable row level security;`);
      this.addSql(`alter table "${table}" force row level security;`);
    }
    this.addSql(`create policy "bulletin_rule_read" on "bulletin_rule" for select using (true);`);
    this.addSql(`create policy "bulletin_rule_write" on "bulletin_rule" for insert with check (${IN_READ_ROOT('city_code')});`);
    this.addSql(`create policy "bulletin_rule_change" on "bulletin_rule" for update
      using (${IN_READ_ROOT('city_code')}) with check (${IN_READ_ROOT('city_code')});`);
    this.addSql(`create policy "bulletin_publication_read" on "bulletin_publication" for select using (${IN_READ_ROOT('tenant_code')});`);
    this.addSql(
      `create policy "bulletin_publication_insert" on "bulletin_publication" for insert with check (${IN_READ_ROOT('tenant_code')});`,
    );
    this.addSql(`create policy "bulletin_publication_seal" on "bulletin_publication" for update
      using (hash is null and ${IN_READ_ROOT('tenant_code')}) with check (hash is not null);`);
    const withPublication = `publication_id in (select b.id from bulletin_publication b)`;
    this.addSql(
      `create policy "bulletin_publication_lagging_read" on "bulletin_publication_lagging" for select using (${withPublication});`,
    );
    this.addSql(
      `create policy "bulletin_publication_lagging_insert" on "bulletin_publication_lagging" for insert with check (${withPublication});`,
    );
    this.addSql(`select kp_owner_policies();`);

    // --- the audit trail (as auditTriggerSql in migrations/support/audit-trigger.ts writes it)
    for (const [table, entity, id, tenant] of [
      ['bulletin_rule', 'BulletinRules', 'city_code', 'city_code'],
      ['bulletin_publication', 'BulletinPublication', 'id', 'tenant_code'],
    ]) {
      this.addSql(`create trigger "${table}_audit_lock" before insert or update or delete on "${table}"
        for each statement execute function kp_audit_lock();`);
      this.addSql(`create trigger "${table}_audit" after insert or update or delete on "${table}"
        for each row execute function kp_audit_record('${entity}', '${id}', '${tenant}');`);
    }
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "bulletin_publication_lagging" cascade;`);
    this.addSql(`drop table if exists "bulletin_publication" cascade;`);
    this.addSql(`drop table if exists "bulletin_rule" cascade;`);
  }
}
