import { Migration } from '@mikro-orm/migrations';

/**
 * The write policies of blocker events (insert, update, delete) test the blocker as a correlated
 * `exists (... where b.id = blocker_event.blocker_id and kp_project_writable(b.project_id))`, not
 * as membership in `(select b.id from blocker b where kp_project_writable(b.project_id))`.
 *
 * Why: Migration20261204180000CorrelatedRowPolicies rewrote the read policies of this form, but
 * matched only a membership test without a `where`. These three kept it, and it was worse there:
 * to check the one event being written, PostgreSQL scanned every blocker visible to the writer and
 * called kp_project_writable on each. On a demo city grown to 3,264 blockers, recording one blocker
 * event (raised, escalated, resolved...) spent 697 ms there; with the correlated test the blocker
 * is looked up by its key and the function called once. Who may write which events does not change.
 * tests/db/row-policy-plans.test.ts refuses the filtered form too.
 */
/**
 * A membership test of a parent row by its id through a filtered subquery, as PostgreSQL prints a
 * policy (spaces folded). Not the tests of a tenant by code (`owner_tenant_code in (select t.code
 * from tenant t where t.path <@ kp_read_root())`): tenants are few, and a hashed set of them is the
 * right plan.
 */
export const UNCORRELATED_FILTERED = String.raw`(\w+) IN \( SELECT (\w+)\.id FROM (\w+) \2 WHERE `;

const MEMBERSHIP = 'blocker_id in (select b.id from blocker b where kp_project_writable(b.project_id))';
const CORRELATED = 'exists (select 1 from blocker b where b.id = blocker_event.blocker_id and kp_project_writable(b.project_id))';

function policies(test: string): string[] {
  return [
    `alter policy "blocker_event_insert" on "blocker_event" with check (${test});`,
    `alter policy "blocker_event_update" on "blocker_event" using (${test}) with check (${test});`,
    `alter policy "blocker_event_delete" on "blocker_event" using (${test});`,
  ];
}

export class Migration20261204230000CorrelatedBlockerEventWrites extends Migration {
  override async up(): Promise<void> {
    for (const sql of policies(CORRELATED)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of policies(MEMBERSHIP)) this.addSql(sql);
  }
}
