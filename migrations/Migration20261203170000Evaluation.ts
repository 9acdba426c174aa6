import { Migration } from '@mikro-orm/migrations';

/** Tenants in the viewer's read subtree, by code (the scope every tenant-keyed policy uses). */
const IN_READ_ROOT = (column: string) => `${column} in (select t.code from tenant t where t.path <@ kp_read_root())`;

/**
 * The quarterly evaluation (季度评比, issue 17).
 *
 * - `evaluation_scheme`: each version of a city's scheme (measures, weights, methods as JSON), one
 *   row per version, never changed: a new scheme is the next version. Readable by every viewer, as
 *   the traffic-light rules are (they explain the scores); written within the writer's read root
 *   (the service allows the city's leaders).
 * - `evaluation_publication`: a published ranking, frozen: the application role may insert and read
 *   but holds no UPDATE or DELETE, so a correction of the figures can never rewrite what was
 *   circulated. Read and written within the viewer's read root by its parent tenant.
 * - Audit trail on both (as auditTriggerSql in migrations/support/audit-trigger.ts writes it): the
 *   scheme's versions under the city's code, a publication under its id.
 */
export class Migration20261203170000Evaluation extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "evaluation_scheme" ("city_code" varchar(12) not null, "version" int not null, "measures" jsonb not null, "created_at" timestamptz not null, "created_by" varchar(100) not null, "created_by_name" varchar(100) not null, constraint "evaluation_scheme_pkey" primary key ("city_code", "version"));`,
    );
    this.addSql(
      `create table "evaluation_publication" ("id" uuid not null, "parent_code" varchar(12) not null, "quarter" varchar(6) not null, "period" date not null, "edition" int not null, "scheme_version" int not null, "content" text not null, "sha256" varchar(64) not null, "published_at" timestamptz not null, "published_by" varchar(100) not null, "published_by_name" varchar(100) not null, constraint "evaluation_publication_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "evaluation_publication" add constraint "evaluation_publication_parent_code_quarter_edition_unique" unique ("parent_code", "quarter", "edition");`,
    );
    this.addSql(
      `alter table "evaluation_publication" add constraint "evaluation_publication_parent_code_foreign" foreign key ("parent_code") references "tenant" ("code") on update cascade on delete restrict;`,
    );

    // --- isolation: insert and read only; nothing of either table is ever changed or removed by the application
    this.addSql(`grant select, insert on "evaluation_scheme", "evaluation_publication" to kp_app;`);
    for (const table of ['evaluation_scheme', 'evaluation_publication']) {
      this.addSql(`alter table "${table}" enable row level security;`);
      this.addSql(`alter table "${table}" force row level security;`);
    }
    this.addSql(`create policy "evaluation_scheme_read" on "evaluation_scheme" for select using (true);`);
    this.addSql(`create policy "evaluation_scheme_insert" on "evaluation_scheme" for insert with check (${IN_READ_ROOT('city_code')});`);
    this.addSql(
      `create policy "evaluation_publication_read" on "evaluation_publication" for select using (${IN_READ_ROOT('parent_code')});`,
    );
    this.addSql(
      `create policy "evaluation_publication_insert" on "evaluation_publication" for insert with check (${IN_READ_ROOT('parent_code')});`,
    );
    this.addSql(`select kp_owner_policies();`);

    // --- the audit trail
    for (const [table, entity, id, tenant] of [
      ['evaluation_scheme', 'EvaluationScheme', 'city_code', 'city_code'],
      ['evaluation_publication', 'EvaluationPublication', 'id', 'parent_code'],
    ]) {
      this.addSql(`create trigger "${table}_audit_lock" before insert or update or delete on "${table}"
        for each statement execute function kp_audit_lock();`);
      this.addSql(`create trigger "${table}_audit" after insert or update or delete on "${table}"
        for each row execute function kp_audit_record('${entity}', '${id}', '${tenant}');`);
    }
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "evaluation_scheme" cascade;`);
    this.addSql(`drop table if exists "evaluation_publication" cascade;`);
  }
}
