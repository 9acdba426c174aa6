import { Migration } from '@mikro-orm/migrations';
import { auditTriggerSql, dropAuditTriggerSql } from './support/audit-trigger';

/** The business tables audited now: table, entity name in the API, options. */
const AUDITED: [string, string, { idColumn?: string; tenantColumn?: string }?][] = [
  ['project', 'Project'],
  ['progress_report', 'ProgressReport'],
  ['milestone', 'Milestone'],
  ['project_assignment', 'ProjectAssignment'],
  ['project_annual_plan', 'AnnualPlan'],
  ['project_stage_change', 'StageChange'],
  ['traffic_light_rule', 'TrafficLightRules', { idColumn: 'city_code', tenantColumn: 'city_code' }],
];

/**
 * The audit trail (审计留痕): every change a viewer makes to a business record writes an
 * `audit_record` in the same transaction, from row triggers (no write path can forget it, and a
 * rolled-back mutation leaves no record): who (subject, display name, their tenant), when, which
 * record, its owning tenant (for read scope), the operation, and the fields before and after (all of
 * them for a creation or deletion, only those that changed for an update; bookkeeping such as
 * `updated_at` and `version` left out, and an update that changes nothing else records nothing).
 *
 * Tamper evidence: records form one hash chain. hash = sha256(prev_hash || canonical text of the
 * record), the canonical text being a jsonb array of every field (jsonb prints keys sorted, numbers
 * and strings one way; the time is printed in UTC, never in the session's zone). The first record
 * follows 64 zeros. `audit_chain_head` remembers the last record's id and hash, so removing records at
 * the end is detected too. `npm run audit:verify` recomputes the chain (kp_audit_hash).
 *
 * Order under concurrent writers: the chain is one sequence, so appending to it is serialised by a
 * row lock on `audit_chain_head`, taken FOR UPDATE by a statement trigger before the statement locks
 * any business row (taking it only in the row trigger, after the row lock, could deadlock against a
 * transaction that holds the chain and then wants that row). The record's id is drawn after the lock,
 * so id order is chain order. The lock is held until the writing transaction ends: writers queue
 * from their first audited write to their commit. A request's transaction is short (a mutation and
 * the reads of its answer: a few milliseconds), so this bounds writes to some hundreds of
 * transactions a second, far above what officials entering reports and milestones produce, while
 * readers are never blocked. Alternatives, should it ever matter: one chain per city (the lock per
 * chain), or records written unsealed and chained after commit by a single sealer (no waiting, but a
 * window in which a record is not yet protected). A row lock rather than an advisory lock also keeps
 * the chain whole under REPEATABLE READ: a writer whose snapshot predates the head gets a
 * serialization failure instead of forking the chain.
 *
 * Rows written with no viewer (no `kp.subject`: the demo data, the tenant import, repairs run by the
 * owner) are not recorded, as for change events: the trail is of what people did through the
 * application, and the application role cannot write without a scope (row-level security). Bulk
 * loads would otherwise flood the trail with thousands of records nobody made.
 *
 * Privileges: kp_app may read records (under row-level security, as the records' projects or owning
 * tenant) and nothing else: the triggers insert as the owner, and update, delete and truncate are
 * revoked explicitly. The owner still can change anything; that is what the chain detects.
 *
 * Another migration attaches the trail to a new table with `auditTriggerSql(table, entityName)`.
 */
export class Migration20261124100000AuditTrail extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audit_record" (
      "id" bigint generated always as identity,
      "recorded_at" timestamptz not null default now(),
      "tx" xid8 not null default pg_current_xact_id(),
      "actor_subject" varchar(100) not null,
      "actor_name" varchar(100) null,
      "actor_tenant_code" varchar(12) null,
      "entity" varchar(40) not null,
      "entity_id" varchar(64) not null,
      "project_id" uuid null,
      "tenant_code" varchar(12) null,
      "tenant_path" ltree null,
      "operation" varchar(6) not null check ("operation" in ('CREATE', 'UPDATE', 'DELETE')),
      "before" jsonb null,
      "after" jsonb null,
      "prev_hash" char(64) not null,
      "hash" char(64) not null,
      constraint "audit_record_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_record_entity" on "audit_record" ("entity", "entity_id", "id");`);
    this.addSql(`create index "audit_record_project" on "audit_record" ("project_id");`);
    this.addSql(`create table "audit_chain_head" ("singleton" boolean primary key default true check ("singleton"),
      "last_id" bigint not null default 0, "last_hash" char(64) not null default repeat('0', 64));`);
    this.addSql(`insert into "audit_chain_head" default values;`);

    // Canonical text and hash of a record; the verifier uses the same functions.
    this.addSql(`create or replace function kp_audit_canonical(r audit_record) returns text language sql stable parallel safe as $$
      select jsonb_build_array(r.id, to_char(r.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.tx::text,
        r.actor_subject, r.actor_name, r.actor_tenant_code, r.entity, r.entity_id, r.project_id, r.tenant_code,
        r.tenant_path::text, r.operation, r.before, r.after)::text $$;`);
    this.addSql(`create or replace function kp_audit_hash(prev_hash text, r audit_record) returns text language sql stable parallel safe as $$
      select encode(sha256(convert_to(prev_hash || kp_audit_canonical(r), 'UTF8')), 'hex') $$;`);

    // Writers queue for the chain before they lock any row (see above).
    this.addSql(`create or replace function kp_audit_lock() returns trigger
      language plpgsql security definer set search_path = public as $$
      begin
        if kp_subject() is not null then
          perform 1 from audit_chain_head for update;
        end if;
        return null;
      end $$;`);
    /**
     * The row trigger. Arguments: the entity's API name, the id column, and optionally a column naming
     * the owning tenant for tables with neither owner_tenant_code nor project_id.
     */
    this.addSql(`create or replace function kp_audit_record() returns trigger
      language plpgsql security definer set search_path = public as $$
      declare
        subject text := kp_subject();
        old_row jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
        new_row jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
        row_data jsonb := coalesce(new_row, old_row);
        bookkeeping text[] := array['updated_at', 'version', 'overdue_announced_on'];
        head audit_chain_head;
        rec audit_record;
      begin
        if subject is null then
          return null;
        end if;
        if tg_op = 'UPDATE' then
          select jsonb_object_agg(k, old_row -> k), jsonb_object_agg(k, new_row -> k) into rec.before, rec.after
            from jsonb_object_keys(new_row) k
           where (old_row -> k) is distinct from (new_row -> k) and k <> all (bookkeeping);
          if rec.before is null then
            return null;
          end if;
        else
          rec.before := old_row - bookkeeping;
          rec.after := new_row - bookkeeping;
        end if;
        rec.entity := tg_argv[0];
        rec.entity_id := row_data ->> coalesce(nullif(tg_argv[1], ''), 'id');
        rec.operation := case tg_op when 'INSERT' then 'CREATE' else tg_op end;
        rec.project_id := case when tg_table_name = 'project' then row_data ->> 'id' else row_data ->> 'project_id' end;
        rec.tenant_code := row_data ->> 'owner_tenant_code';
        if rec.tenant_code is null and rec.project_id is not null then
          select p.owner_tenant_code into rec.tenant_code from project p where p.id = rec.project_id;
        end if;
        if rec.tenant_code is null and coalesce(tg_argv[2], '') <> '' then
          rec.tenant_code := row_data ->> tg_argv[2];
        end if;
        select t.path into rec.tenant_path from tenant t where t.code = rec.tenant_code;
        rec.actor_subject := subject;
        rec.actor_name := kp_actor_name();
        rec.actor_tenant_code := nullif(current_setting('kp.tenant_code', true), '');
        rec.recorded_at := now();
        rec.tx := pg_current_xact_id();

        select * into head from audit_chain_head for update;
        rec.id := nextval(pg_get_serial_sequence('audit_record', 'id'));
        rec.prev_hash := head.last_hash;
        rec.hash := kp_audit_hash(rec.prev_hash, rec);
        insert into audit_record overriding system value select (rec).*;
        update audit_chain_head set last_id = rec.id, last_hash = rec.hash;
        return null;
      end $$;`);
    for (const [table, entity, options] of AUDITED) {
      for (const sql of auditTriggerSql(table, entity, options)) this.addSql(sql);
    }

    // The application reads records of what it may read, and can change none.
    this.addSql(`alter table "audit_record" enable row level security;`);
    this.addSql(`alter table "audit_chain_head" enable row level security;`);
    this.addSql(`create policy "audit_record_read" on "audit_record" for select using (
      project_id in (select p.id from project p) or (project_id is null and tenant_path <@ kp_read_root()));`);
    this.addSql(`revoke all on "audit_record", "audit_chain_head" from public;`);
    this.addSql(`revoke all on "audit_record", "audit_chain_head" from kp_app;`);
    this.addSql(`grant select on "audit_record" to kp_app;`);
    for (const fn of ['kp_audit_lock()', 'kp_audit_record()', 'kp_audit_canonical(audit_record)', 'kp_audit_hash(text, audit_record)']) {
      this.addSql(`revoke execute on function ${fn} from public;`);
    }
  }

  override async down(): Promise<void> {
    for (const [table] of AUDITED) {
      for (const sql of dropAuditTriggerSql(table)) this.addSql(sql);
    }
    this.addSql(`drop function if exists kp_audit_record();`);
    this.addSql(`drop function if exists kp_audit_lock();`);
    this.addSql(`drop function if exists kp_audit_hash(text, audit_record);`);
    this.addSql(`drop function if exists kp_audit_canonical(audit_record);`);
    this.addSql(`drop table if exists "audit_chain_head";`);
    this.addSql(`drop table if exists "audit_record";`);
  }
}
