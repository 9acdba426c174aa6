import { Migration } from '@mikro-orm/migrations';

/**
 * The outbox of live changes (变更事件). Every change a viewer makes to a project, its reports,
 * milestones, plans or assignments writes a `change_event` row in the same transaction, from a row
 * trigger, so no write path can forget it. After commit the application sends a NOTIFY (outside
 * the write transaction: NOTIFY at commit takes a database-wide lock that would serialise writers),
 * and every replica reads the new rows in order and fans them out to its subscribers.
 *
 * Order without gaps: identities are handed out before commit, so a reader that followed `id`
 * alone could pass over a row whose transaction commits late. Each row records its transaction
 * (`tx`), and readers only take rows of transactions older than every transaction still running
 * (`pg_snapshot_xmin`): nothing can appear behind the cursor any more. Events are ordered by
 * (tx, id), the same for every replica and every client.
 *
 * Bulk work without a viewer (demo data, imports, repairs) sets no subject and writes no events.
 */
export class Migration20261123000000ChangeEvents extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "change_event" (
      "id" bigint generated always as identity,
      "tx" xid8 not null default pg_current_xact_id(),
      "occurred_at" timestamptz not null default now(),
      "kind" varchar(40) not null,
      "tenant_code" varchar(12) not null,
      "tenant_path" ltree not null,
      "project_id" uuid null,
      "actor_subject" varchar(100) null,
      "actor_name" varchar(100) null,
      "changes" jsonb not null default '{}',
      constraint "change_event_pkey" primary key ("id"));`);
    this.addSql(`create index "change_event_order" on "change_event" ("tx", "id");`);
    this.addSql(`create index "change_event_occurred_at" on "change_event" ("occurred_at");`);
    // How far pruning has gone: a cursor behind it may have missed events.
    this.addSql(`create table "change_event_horizon" ("singleton" boolean primary key default true check ("singleton"),
      "tx" xid8 not null default '0', "id" bigint not null default 0);`);
    this.addSql(`insert into "change_event_horizon" default values;`);
    // Nobody reads or writes these tables directly but their owner; the functions below do.
    this.addSql(`alter table "change_event" enable row level security;`);
    this.addSql(`alter table "change_event_horizon" enable row level security;`);

    this.addSql(`create or replace function kp_actor_name() returns text language sql stable parallel safe as
      $$ select nullif(current_setting('kp.actor_name', true), '') $$;`);

    // A value as text; numbers without trailing zeros (12.5000 -> 12.5), as the API writes money.
    this.addSql(`create or replace function kp_change_text(value jsonb) returns text language sql immutable parallel safe as
      $$ select case jsonb_typeof(value) when 'number' then trim_scale((value #>> '{}')::numeric)::text else value #>> '{}' end $$;`);
    /**
     * One row trigger for every audited table: the kind comes from the table and what changed; the
     * changes are the columns whose values differ, as text (money stays exact), bookkeeping columns
     * left out. An update that changes nothing visible records nothing.
     */
    this.addSql(`create or replace function kp_record_change() returns trigger
      language plpgsql security definer set search_path = public as $$
      declare
        subject text := kp_subject();
        before jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
        after jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
        row_data jsonb := coalesce(after, before);
        diff jsonb;
        the_project uuid;
        the_kind text;
        owner record;
      begin
        if subject is null then
          return null;
        end if;
        select coalesce(jsonb_object_agg(k, jsonb_build_object('before', kp_change_text(before -> k), 'after', kp_change_text(after -> k))), '{}'::jsonb)
          into diff
          from jsonb_object_keys(row_data) k
         where (before -> k) is distinct from (after -> k)
           and k not in ('id', 'project_id', 'created_at', 'updated_at', 'recorded_at', 'started_on', 'version',
                         'overdue_announced_on');
        if diff = '{}'::jsonb then
          return null;
        end if;
        the_project := (case when tg_table_name = 'project' then row_data ->> 'id' else row_data ->> 'project_id' end)::uuid;
        the_kind := case tg_table_name
          when 'project' then case when tg_op = 'INSERT' then 'PROJECT_CREATED' when diff ? 'stage' then 'STAGE_CHANGED'
                                   else 'PROJECT_UPDATED' end
          when 'progress_report' then case tg_op when 'INSERT' then 'PROGRESS_REPORTED' when 'UPDATE' then 'PROGRESS_CORRECTED'
                                              else 'PROGRESS_REPORT_REMOVED' end
          when 'milestone' then case when tg_op = 'INSERT' then 'MILESTONE_ADDED' when tg_op = 'DELETE' then 'MILESTONE_REMOVED'
                                     when diff ? 'done_on' and after ->> 'done_on' is not null then 'MILESTONE_DONE'
                                     when diff ? 'done_on' then 'MILESTONE_REOPENED'
                                     else 'MILESTONE_CHANGED' end
          when 'project_assignment' then 'ASSIGNMENT_CHANGED'
          when 'project_annual_plan' then 'ANNUAL_PLAN_CHANGED'
        end;
        -- Assignment events name whose rights changed, so that live streams can follow them.
        if tg_table_name = 'project_assignment' then
          diff := diff || jsonb_build_object('subject', jsonb_build_object('before', before ->> 'subject', 'after', row_data ->> 'subject'));
        end if;
        select t.code, t.path into owner from project p join tenant t on t.code = p.owner_tenant_code where p.id = the_project;
        insert into change_event (kind, tenant_code, tenant_path, project_id, actor_subject, actor_name, changes)
        values (the_kind, owner.code, owner.path, the_project, subject, kp_actor_name(), diff);
        return null;
      end $$;`);
    for (const table of ['project', 'progress_report', 'milestone', 'project_assignment', 'project_annual_plan']) {
      this.addSql(`create trigger "${table}_change_event" after insert or update or delete on "${table}"
        for each row execute function kp_record_change();`);
    }

    // The relays' reader: events after a cursor whose transactions can no longer be overtaken.
    this.addSql(`create or replace function kp_change_events_after(after_tx xid8, after_id bigint, max_rows int)
      returns setof change_event language sql stable security definer set search_path = public as $$
        select * from change_event
         where (tx, id) > (after_tx, after_id) and tx < pg_snapshot_xmin(pg_current_snapshot())
         order by tx, id limit max_rows $$;`);
    // Where a relay starts: the newest settled event (or the beginning), and the pruning horizon.
    this.addSql(`create or replace function kp_change_events_head(out head_tx xid8, out head_id bigint, out horizon_tx xid8, out horizon_id bigint)
      language sql stable security definer set search_path = public as $$
        select coalesce(e.tx, h.tx), coalesce(e.id, h.id), h.tx, h.id
          from change_event_horizon h
          left join lateral (select tx, id from change_event where tx < pg_snapshot_xmin(pg_current_snapshot())
                              order by tx desc, id desc limit 1) e on true $$;`);
    // Retention: events older than `keep` go; the horizon remembers the last one removed.
    this.addSql(`create or replace function kp_prune_change_events(keep interval) returns int
      language plpgsql security definer set search_path = public as $$
      declare
        removed int;
        last_tx xid8;
        last_id bigint;
      begin
        with gone as (delete from change_event where occurred_at < now() - keep returning tx, id)
        select count(*)::int, (array_agg(tx order by tx desc, id desc))[1], (array_agg(id order by tx desc, id desc))[1]
          into removed, last_tx, last_id from gone;
        if removed > 0 then
          update change_event_horizon set tx = last_tx, id = last_id where (tx, id) < (last_tx, last_id);
        end if;
        return removed;
      end $$;`);
    /**
     * Milestones become overdue with the calendar, not with a write: the day after their due date.
     * Any replica may call this; the advisory lock makes one of them record each milestone once.
     */
    this.addSql(`alter table "milestone" add column "overdue_announced_on" date null;`);
    this.addSql(`create or replace function kp_announce_overdue_milestones(today date) returns int
      language plpgsql security definer set search_path = public as $$
      declare
        announced int;
      begin
        if not pg_try_advisory_xact_lock(hashtext('kp_announce_overdue_milestones')) then
          return 0;
        end if;
        with due as (
          update milestone m set overdue_announced_on = today
            from project p join tenant t on t.code = p.owner_tenant_code
           where p.id = m.project_id and m.due_on < today and m.done_on is null and m.overdue_announced_on is null
          returning m.id, m.project_id, m.title, m.due_on, t.code, t.path),
        recorded as (
          insert into change_event (kind, tenant_code, tenant_path, project_id, actor_subject, actor_name, changes)
          select 'MILESTONE_OVERDUE', code, path, project_id, null, null,
                 jsonb_build_object('milestone', jsonb_build_object('before', null, 'after', id::text),
                                    'title', jsonb_build_object('before', null, 'after', title),
                                    'due_on', jsonb_build_object('before', null, 'after', due_on::text))
            from due returning 1)
        select count(*)::int into announced from recorded;
        return announced;
      end $$;`);
    for (const fn of [
      'kp_change_events_after(xid8, bigint, int)',
      'kp_change_events_head()',
      'kp_prune_change_events(interval)',
      'kp_announce_overdue_milestones(date)',
    ]) {
      this.addSql(`revoke execute on function ${fn} from public;`);
      this.addSql(`grant execute on function ${fn} to kp_app;`);
    }
    this.addSql(`revoke execute on function kp_record_change() from public;`);
  }

  override async down(): Promise<void> {
    for (const table of ['project', 'progress_report', 'milestone', 'project_assignment', 'project_annual_plan']) {
      this.addSql(`drop trigger if exists "${table}_change_event" on "${table}";`);
    }
    this.addSql(`drop function if exists kp_announce_overdue_milestones(date);`);
    this.addSql(`alter table "milestone" drop column if exists "overdue_announced_on";`);
    this.addSql(`drop function if exists kp_prune_change_events(interval);`);
    this.addSql(`drop function if exists kp_change_events_head();`);
    this.addSql(`drop function if exists kp_change_events_after(xid8, bigint, int);`);
    this.addSql(`drop function if exists kp_record_change();`);
    this.addSql(`drop function if exists kp_actor_name();`);
    this.addSql(`drop function if exists kp_change_text(jsonb);`);
    this.addSql(`drop table if exists "change_event_horizon";`);
    this.addSql(`drop table if exists "change_event";`);
  }
}
