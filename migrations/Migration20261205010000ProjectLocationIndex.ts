import { Migration } from '@mikro-orm/migrations';

/**
 * An index on where a project is built (`location_tenant_code`), so that the project list of a
 * viewer who reads a small part of the city (a county, a town, a tenant filtered to) finds the
 * projects built in reach by key, beside those owned there (the owner indexes) and those assigned
 * (the primary key): see READ_REACH in src/modules/project/project-list.ts. Without it the
 * location arm was a scan of every project, and the page with it.
 */
export class Migration20261205010000ProjectLocationIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "project_location_tenant_code_index" on "project" ("location_tenant_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "project_location_tenant_code_index";`);
  }
}
