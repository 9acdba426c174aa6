import { Migration } from '@mikro-orm/migrations';

/**
 * One audit chain per tenant acting (issue 15): the single chain head, locked by every audited
 * statement until its transaction ended, made every writer in the city wait for every other one.
 *
 * - `audit_record.chain` names the chain a record belongs to: the code of the tenant the viewer
 *   acts from (`kp.tenant_code`, already on the record as `actor_tenant_code`), or '' for a viewer
 *   without one. Every record written before this migration stays, unchanged, in the chain ''
 *   (they formed one chain, and their hashes are not touched), which a viewer without a tenant
 *   keeps extending.
 * - `audit_chain_head` holds one row per chain, keyed by `chain`; the row of the chain '' is the
 *   former single head, so its last id and hash carry over. A chain's row is created by its first
 *   record (kp_audit_lock).
 * - Each chain links as before (hash = sha256(prev_hash || canonical text); the first record of a
 *   chain follows 64 zeros), and ids are drawn under the chain's lock, so id order is chain order
 *   within a chain. `chain` is not in the canonical text, so no existing hash changes: moving a
 *   record to another chain breaks the links of both chains anyway.
 *
 * The functions (kp_audit_chain, kp_audit_lock, kp_audit_record) are in src/db/sql/audit; the
 * triggers that call them are unchanged.
 */
export class Migration20261203151500AuditChains extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "audit_record" add column "chain" varchar(12) not null default '';`);
    this.addSql(`create index "audit_record_chain" on "audit_record" ("chain", "id");`);
    this.addSql(`alter table "audit_chain_head" add column "chain" varchar(12) not null default '';`);
    this.addSql(`alter table "audit_chain_head" drop constraint "audit_chain_head_pkey", drop column "singleton";`);
    this.addSql(`alter table "audit_chain_head" add constraint "audit_chain_head_pkey" primary key ("chain");`);
    // Declared for the file src/db/sql/audit/kp_audit_chain.sql, applied right after.
    this.addSql(`create or replace function kp_audit_chain() returns varchar language sql stable as $$ select ''::varchar $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "audit_chain_head" where "chain" <> '';`);
    this.addSql(`alter table "audit_chain_head" drop constraint "audit_chain_head_pkey", drop column "chain";`);
    this.addSql(`alter table "audit_chain_head" add column "singleton" boolean primary key default true check ("singleton");`);
    this.addSql(`drop index if exists "audit_record_chain";`);
    this.addSql(`alter table "audit_record" drop column "chain";`);
    this.addSql(`drop function if exists kp_audit_chain();`);
  }
}
