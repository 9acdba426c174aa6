import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotent answers belong to the scope they were made under, not only to the subject: a user
 * whose tenant or roles changed (the same Keycloak subject, now bound to another tenant) must not
 * get back an answer made for the old scope, which may show a project they can no longer read.
 * `scope_hash` fingerprints the viewer's tenant, read root and roles when the key was claimed.
 *
 * Rows claimed before this migration (or by a replica of the previous release during a rolling
 * update) have no scope: they never replay (CONFLICT) and go with the retention.
 */
export class Migration20261203020000IdempotencyScope extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "idempotent_request" add column "scope_hash" char(64) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "idempotent_request" drop column "scope_hash";`);
  }
}
