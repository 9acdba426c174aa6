import { Migration } from '@mikro-orm/migrations';

/**
 * An index per order of the project list (created, name, total investment; each with `id`, the
 * keyset's tie-break), so that a viewer who reads most of the projects (a city's leaders and
 * offices) gets the first page by walking the order until the page is full, instead of checking
 * every project against the row policy and sorting them all.
 *
 * Why not for every viewer: the row policy's selectivity is one guess whatever the viewer, so the
 * planner would walk the order for a town too, past every other town's projects (measured on a
 * city grown to 3,670 projects: a town with one project 1,058 → 1,498 µs, a city 2,562 → 678 µs).
 * The page's statement says which plan it wants (see pageStatement in project-list.ts): the
 * ordered walk for a viewer whose read root is a city, today's scan and sort for everyone else.
 * The name index takes the column's collation (pinyin, zh-x-icu), as the order does.
 */
export class Migration20261205000000ProjectPageOrders extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "project_created_at_id_index" on "project" ("created_at", "id");`);
    this.addSql(`create index "project_name_id_index" on "project" ("name", "id");`);
    this.addSql(`create index "project_total_investment_wan_id_index" on "project" ("total_investment_wan", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "project_total_investment_wan_id_index";`);
    this.addSql(`drop index "project_name_id_index";`);
    this.addSql(`drop index "project_created_at_id_index";`);
  }
}
