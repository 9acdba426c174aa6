import { Migration } from '@mikro-orm/migrations';

const STATUSES = `'OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'`;

/**
 * The blocker ledger (问题台账 / 要素制约): a project's blockers and each one's history.
 *
 * - Row-level security as for every project child: a blocker is visible with its project (subtree
 *   readers and active assignees); its events with their blocker.
 * - Live events: `kp_record_blocker_change` writes change_event rows for blocker inserts and updates
 *   (its own trigger; kp_record_change stays as it is), under the project owner's tenant, so the
 *   existing per-event scope of `projectChanged` applies unchanged.
 * - Figures: `kp_blocker_figures(codes, as_of)` counts, for each tenant's subtree, the blockers by type
 *   as they stood at the end of `as_of` (China time), from each blocker's last event on or before it;
 *   SECURITY DEFINER and scoped by kp_read_root() like kp_rollup_read.
 */
export class Migration20261124300000Blockers extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create type "blocker_type" as enum ('LAND', 'FUNDING', 'APPROVALS', 'LAND_ACQUISITION', 'ENVIRONMENTAL_CAPACITY', 'ENERGY_QUOTA', 'UTILITIES', 'OTHER');`,
    );
    this.addSql(`create type "blocker_status" as enum (${STATUSES});`);
    this.addSql(
      `create type "blocker_event_kind" as enum ('RAISED', 'STARTED', 'ESCALATED', 'RESOLVED', 'REOPENED', 'CLOSED');`,
    );
    this.addSql(`create table "blocker" ("id" uuid not null, "project_id" uuid not null, "type" "blocker_type" not null, "description" text not null, "responsible_unit" varchar(100) not null, "deadline_on" date not null, "status" "blocker_status" not null default 'OPEN', "raised_by" varchar(100) not null, "raised_by_name" varchar(100) not null, "raised_by_tenant_code" varchar(12) null, "raised_at" timestamptz not null default now(), "escalated_to_code" varchar(12) null, "escalation_reason" text null, "resolution" text null, "resolved_at" timestamptz null, "resolved_by" varchar(100) null, "resolved_by_name" varchar(100) null, "closed_at" timestamptz null, "version" int not null default 1, "updated_at" timestamptz not null default now(), constraint "blocker_pkey" primary key ("id"));`);
    this.addSql(`create index "blocker_project_id_status_index" on "blocker" ("project_id", "status");`);
    this.addSql(`create index "blocker_escalated_to_code_status_index" on "blocker" ("escalated_to_code", "status");`);
    this.addSql(`alter table "blocker" add constraint "blocker_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "blocker" add constraint "blocker_escalated_to_code_foreign" foreign key ("escalated_to_code") references "tenant" ("code") on update cascade on delete restrict;`);

    this.addSql(`create table "blocker_event" ("id" uuid not null, "blocker_id" uuid not null, "seq" int not null, "kind" "blocker_event_kind" not null, "at" timestamptz not null default now(), "actor_subject" varchar(100) not null, "actor_name" varchar(100) not null, "note" text null, "from_tenant_code" varchar(12) null, "to_tenant_code" varchar(12) null, "status_after" "blocker_status" not null, "escalated_to_after" varchar(12) null, constraint "blocker_event_pkey" primary key ("id"));`);
    this.addSql(`alter table "blocker_event" add constraint "blocker_event_blocker_id_seq_unique" unique ("blocker_id", "seq");`);
    this.addSql(`alter table "blocker_event" add constraint "blocker_event_blocker_id_foreign" foreign key ("blocker_id") references "blocker" ("id") on update cascade on delete cascade;`);

    // Isolation: as every project child (migrations/Migration20261122100000Isolation.ts).
    this.addSql(`grant select, insert, update, delete on "blocker", "blocker_event" to kp_app;`);
    const isolate = (table: string, predicate: string) => {
      this.addSql(`alter table "${table}" enable row level security;`);
      this.addSql(`alter table "${table}" force row level security;`);
      this.addSql(`create policy "${table}_tenant_scope" on "${table}" using (${predicate}) with check (${predicate});`);
    };
    isolate('blocker', 'project_id in (select p.id from project p)');
    isolate('blocker_event', 'blocker_id in (select b.id from blocker b)');

    /**
     * Live events for blockers, shaped as kp_record_change shapes them: the changed columns as
     * text, the project owner's tenant, the actor; nothing without a subject (bulk work, demo data).
     * The blocker's id rides along as `blocker` so a dashboard can open it.
     */
    this.addSql(`create or replace function kp_record_blocker_change() returns trigger
      language plpgsql security definer set search_path = public as $$
      declare
        subject text := kp_subject();
        before jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
        after jsonb := to_jsonb(new);
        diff jsonb;
        the_kind text;
        owner record;
      begin
        if subject is null then
          return null;
        end if;
        select coalesce(jsonb_object_agg(k, jsonb_build_object('before', kp_change_text(before -> k), 'after', kp_change_text(after -> k))), '{}'::jsonb)
          into diff
          from jsonb_object_keys(after) k
         where (before -> k) is distinct from (after -> k)
           and k not in ('id', 'project_id', 'updated_at', 'version');
        if diff = '{}'::jsonb then
          return null;
        end if;
        the_kind := case
          when tg_op = 'INSERT' then 'BLOCKER_RAISED'
          when diff ? 'escalated_to_code' and new.escalated_to_code is not null then 'BLOCKER_ESCALATED'
          when diff ? 'status' and new.status = 'RESOLVED' then 'BLOCKER_RESOLVED'
          when diff ? 'status' and new.status = 'CLOSED' then 'BLOCKER_CLOSED'
          when diff ? 'status' and old.status = 'RESOLVED' then 'BLOCKER_REOPENED'
          else 'BLOCKER_CHANGED'
        end;
        diff := diff || jsonb_build_object('blocker', jsonb_build_object('before', null, 'after', new.id::text));
        select t.code, t.path into owner from project p join tenant t on t.code = p.owner_tenant_code where p.id = new.project_id;
        insert into change_event (kind, tenant_code, tenant_path, project_id, actor_subject, actor_name, changes)
        values (the_kind, owner.code, owner.path, new.project_id, subject, kp_actor_name(), diff);
        return null;
      end $$;`);
    this.addSql(`revoke execute on function kp_record_blocker_change() from public;`);
    this.addSql(`create trigger "blocker_change_event" after insert or update on "blocker"
      for each row execute function kp_record_blocker_change();`);

    /**
     * Blocker figures of each tenant's subtree, by type, as they stood at the end of `as_of`
     * (China time): a blocker counts from the day it was raised, in the status and at the level of
     * its last event on or before that day. Open = OPEN or IN_PROGRESS; overdue = open with a deadline
     * before `as_of`; escalated = open and escalated above the project's own level; raised = every
     * blocker raised by `as_of`; resolved = of those, RESOLVED or CLOSED. Tenants outside the viewer's
     * read root (kp_read_root()) are left out, as in kp_rollup_read.
     */
    this.addSql(`create or replace function kp_blocker_figures(codes varchar[], as_of date)
      returns table (tenant_code varchar, type blocker_type, open_count int, overdue_count int, escalated_count int,
                     raised_count int, resolved_count int)
      language sql stable security definer set search_path = public as $$
        with roots as (
          select t.code, t.path from tenant t where t.code = any(codes) and t.path <@ kp_read_root()),
        state as (
          select b.type, b.deadline_on, o.path as owner_path, e.status_after as status, e.escalated_to_after as escalated_to
            from blocker b
            join project p on p.id = b.project_id
            join tenant o on o.code = p.owner_tenant_code
            join lateral (select ev.status_after, ev.escalated_to_after from blocker_event ev
                           where ev.blocker_id = b.id and (ev.at at time zone 'Asia/Shanghai')::date <= as_of
                           order by ev.seq desc limit 1) e on true
           where o.path <@ kp_read_root())
        select r.code::varchar, s.type,
               (count(*) filter (where s.status in ('OPEN', 'IN_PROGRESS')))::int,
               (count(*) filter (where s.status in ('OPEN', 'IN_PROGRESS') and s.deadline_on < as_of))::int,
               (count(*) filter (where s.status in ('OPEN', 'IN_PROGRESS') and s.escalated_to is not null))::int,
               count(*)::int,
               (count(*) filter (where s.status in ('RESOLVED', 'CLOSED')))::int
          from roots r join state s on s.owner_path <@ r.path
         group by r.code, s.type $$;`);
    this.addSql(`revoke execute on function kp_blocker_figures(varchar[], date) from public;`);
    this.addSql(`grant execute on function kp_blocker_figures(varchar[], date) to kp_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists kp_blocker_figures(varchar[], date);`);
    this.addSql(`drop trigger if exists "blocker_change_event" on "blocker";`);
    this.addSql(`drop function if exists kp_record_blocker_change();`);
    this.addSql(`drop table if exists "blocker_event" cascade;`);
    this.addSql(`drop table if exists "blocker" cascade;`);
    this.addSql(`drop type if exists "blocker_event_kind";`);
    this.addSql(`drop type if exists "blocker_status";`);
    this.addSql(`drop type if exists "blocker_type";`);
  }
}
