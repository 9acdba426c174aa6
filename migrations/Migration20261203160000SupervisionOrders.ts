import { Migration } from '@mikro-orm/migrations';

/** Read with what the order concerns (its project, else its tenant's subtree), or by its addressee's subtree. */
const ORDER_READABLE = `(project_id is not null and project_id in (select p.id from project p))
   or (project_id is null and owner_tenant_code in (select t.code from tenant t where t.path <@ kp_read_root()))
   or addressee_tenant_code in (select t.code from tenant t where t.path <@ kp_read_root())`;

/**
 * Supervision orders (督办, issue 17) and accountability outcomes (问责).
 *
 * - `supervision_order`: an order about a project, a blocker (with its project) or a tenant, addressed
 *   to a tenant and/or a unit, with a deadline and a status; `supervision_order_event` its history
 *   (each feedback with its text and time, the escalation of an overdue order with no actor);
 *   `accountability_outcome`: who was held to account on a closed order or a blocker, by what measure.
 * - Row-level security: an order is read and written under the scope of what it concerns, or by its
 *   addressee's subtree (ORDER_READABLE); the service layer decides which role may take which step
 *   (the supervisor role writes orders only). Its events and outcomes go with their order or blocker.
 * - Live events: `kp_record_order_change` writes change_event rows under the tenant the order
 *   concerns, so `projectChanged` and the tenant's live events carry them as they carry blockers'.
 * - Audit trail on the order and the outcome (the history rows record steps whose effect on the order
 *   is audited, as for blockers).
 * The functions' bodies are in src/db/sql/supervision-orders (kp_escalate_overdue_orders,
 * kp_order_figures) and src/db/sql/change-events (kp_record_order_change).
 */
export class Migration20261203160000SupervisionOrders extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "order_subject" as enum ('PROJECT', 'BLOCKER', 'TENANT');`);
    this.addSql(`create type "order_status" as enum ('ISSUED', 'ACKNOWLEDGED', 'FEEDBACK_GIVEN', 'SENT_BACK', 'CLOSED');`);
    this.addSql(`create type "order_event_kind" as enum ('ISSUED', 'ACKNOWLEDGED', 'FEEDBACK_GIVEN', 'SENT_BACK', 'CLOSED', 'ESCALATED');`);
    this.addSql(
      `create type "accountability_measure" as enum ('REMINDER_TALK', 'INTERVIEW', 'WRITTEN_SELF_EXAMINATION', 'CIRCULATED_CRITICISM', 'ADMONISHMENT', 'DISCIPLINARY_ACTION', 'OTHER');`,
    );
    this.addSql(
      `create table "supervision_order" ("id" uuid not null, "subject" "order_subject" not null, "project_id" uuid null, "blocker_id" uuid null, "owner_tenant_code" varchar(12) not null, "title" varchar(200) not null, "requirement" text not null, "addressee_tenant_code" varchar(12) null, "addressee_unit" varchar(100) null, "deadline_on" date not null, "status" "order_status" not null default 'ISSUED', "issued_by_subject" varchar(100) not null, "issued_by_name" varchar(100) not null, "issued_by_tenant_code" varchar(12) null, "issued_at" timestamptz not null default now(), "latest_feedback" text null, "send_back_reason" text null, "closed_at" timestamptz null, "escalated_to_code" varchar(12) null, "escalated_on" date null, "version" int not null default 1, "updated_at" timestamptz not null default now(), constraint "supervision_order_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "supervision_order_addressee_tenant_code_status_index" on "supervision_order" ("addressee_tenant_code", "status");`,
    );
    this.addSql(`create index "supervision_order_owner_tenant_code_status_index" on "supervision_order" ("owner_tenant_code", "status");`);
    this.addSql(
      `create table "supervision_order_event" ("id" uuid not null, "order_id" uuid not null, "seq" int not null, "kind" "order_event_kind" not null, "acted_at" timestamptz not null default now(), "acted_by_subject" varchar(100) null, "acted_by_name" varchar(100) null, "note" text null, "from_tenant_code" varchar(12) null, "to_tenant_code" varchar(12) null, "status_after" "order_status" not null, constraint "supervision_order_event_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "supervision_order_event" add constraint "supervision_order_event_order_id_seq_unique" unique ("order_id", "seq");`,
    );
    this.addSql(
      `create table "accountability_outcome" ("id" uuid not null, "order_id" uuid null, "blocker_id" uuid null, "project_id" uuid null, "owner_tenant_code" varchar(12) not null, "person_name" varchar(50) not null, "person_unit" varchar(100) not null, "measure" "accountability_measure" not null, "detail" text null, "decided_on" date not null, "recorded_by_subject" varchar(100) not null, "recorded_by_name" varchar(100) not null, "recorded_at" timestamptz not null default now(), constraint "accountability_outcome_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "supervision_order" add constraint "supervision_order_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "supervision_order" add constraint "supervision_order_blocker_id_foreign" foreign key ("blocker_id") references "blocker" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "supervision_order" add constraint "supervision_order_owner_tenant_code_foreign" foreign key ("owner_tenant_code") references "tenant" ("code") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "supervision_order" add constraint "supervision_order_addressee_tenant_code_foreign" foreign key ("addressee_tenant_code") references "tenant" ("code") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "supervision_order" add constraint "supervision_order_escalated_to_code_foreign" foreign key ("escalated_to_code") references "tenant" ("code") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "supervision_order_event" add constraint "supervision_order_event_order_id_foreign" foreign key ("order_id") references "supervision_order" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "accountability_outcome" add constraint "accountability_outcome_order_id_foreign" foreign key ("order_id") references "supervision_order" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "accountability_outcome" add constraint "accountability_outcome_blocker_id_foreign" foreign key ("blocker_id") references "blocker" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "accountability_outcome" add constraint "accountability_outcome_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "accountability_outcome" add constraint "accountability_outcome_owner_tenant_code_foreign" foreign key ("owner_tenant_code") references "tenant" ("code") on update cascade on delete restrict;`,
    );
    this.addSql(`create index "supervision_order_project_id_index" on "supervision_order" ("project_id");`);
    this.addSql(`create index "accountability_outcome_order_id_index" on "accountability_outcome" ("order_id");`);
    this.addSql(`create index "accountability_outcome_blocker_id_index" on "accountability_outcome" ("blocker_id");`);

    // --- isolation
    this.addSql(`grant select, insert, update on "supervision_order" to kp_app;`);
    this.addSql(`grant select, insert on "supervision_order_event", "accountability_outcome" to kp_app;`);
    this.isolate('supervision_order', ORDER_READABLE);
    this.isolate('supervision_order_event', 'order_id in (select o.id from supervision_order o)');
    this.isolate(
      'accountability_outcome',
      'order_id in (select o.id from supervision_order o) or blocker_id in (select b.id from blocker b)',
    );
    this.addSql(`select kp_owner_policies();`);

    // --- live events; declared for src/db/sql/change-events/kp_record_order_change.sql, applied right after
    this.addSql(`create or replace function kp_record_order_change() returns trigger language plpgsql as $$ begin return null; end $$;`);
    this.addSql(`create trigger "supervision_order_change_event" after insert or update on "supervision_order"
      for each row execute function kp_record_order_change();`);

    // --- the audit trail (as auditTriggerSql in migrations/support/audit-trigger.ts writes it)
    for (const [table, entity] of [
      ['supervision_order', 'SupervisionOrder'],
      ['accountability_outcome', 'AccountabilityOutcome'],
    ]) {
      this.addSql(`create trigger "${table}_audit_lock" before insert or update or delete on "${table}"
        for each statement execute function kp_audit_lock();`);
      this.addSql(`create trigger "${table}_audit" after insert or update or delete on "${table}"
        for each row execute function kp_audit_record('${entity}', 'id', '');`);
    }
  }

  /** Read and written under one predicate: who reads an order may be allowed a step on it; the service decides which. */
  private isolate(table: string, predicate: string): void {
    this.addSql(`alter table "${table}" enable row level security;`);
    this.addSql(`alter table "${table}" force row level security;`);
    this.addSql(`create policy "${table}_read" on "${table}" for select using (${predicate});`);
    this.addSql(`create policy "${table}_insert" on "${table}" for insert with check (${predicate});`);
    this.addSql(`create policy "${table}_update" on "${table}" for update using (${predicate}) with check (${predicate});`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists kp_escalate_overdue_orders(date);`);
    this.addSql(`drop function if exists kp_order_figures(varchar[], date, boolean);`);
    this.addSql(`drop trigger if exists "supervision_order_change_event" on "supervision_order";`);
    this.addSql(`drop function if exists kp_record_order_change();`);
    this.addSql(`alter table "supervision_order_event" drop constraint "supervision_order_event_order_id_foreign";`);
    this.addSql(`alter table "accountability_outcome" drop constraint "accountability_outcome_order_id_foreign";`);
    this.addSql(`drop table if exists "supervision_order" cascade;`);
    this.addSql(`drop table if exists "supervision_order_event" cascade;`);
    this.addSql(`drop table if exists "accountability_outcome" cascade;`);
    this.addSql(`drop type if exists "order_subject";`);
    this.addSql(`drop type if exists "order_status";`);
    this.addSql(`drop type if exists "order_event_kind";`);
    this.addSql(`drop type if exists "accountability_measure";`);
  }
}
