import { Migration } from '@mikro-orm/migrations';

/**
 * Funds in place (到位资金) as dated arrivals. Until now a project (and an investment lead) held one
 * running total, so nobody could say what arrived this year (本年到位资金) or in a month. Each
 * arrival is now a row of `fund_arrival`: its project (and the lead it came through, for 招商),
 * the day it arrived and the amount. Totals are sums of arrivals:
 *
 * - `project.funds_in_place_wan` is kept equal to the sum of the project's arrivals by a trigger
 *   (`kp_fund_totals`), like `started_on` from the stage history; nothing else writes it.
 * - a lead's funds are the sum of the arrivals recorded through it (`lead_id`); the attraction
 *   figures read those arrivals (kp_attraction_read, in the rollup migration).
 * - the rollups count arrivals by month (rollup_funds, in the rollup migration).
 *
 * Existing totals become one arrival each: a lead's at the date it last recorded funds (attributed
 * to its project when the project's total holds it), and what remains of a project's total at its
 * registration (created_at, China time), the only date known. Their `note` says so.
 *
 * Arrivals are never edited: a wrong one is removed and recorded again. They are audited (entity
 * FundArrival) and stream as change events (FUNDS_ARRIVED, FUNDS_ARRIVAL_REMOVED, the arrival's id
 * as `arrival`), under the project's owner (the lead's owner for a lead without a project).
 * Row-level security: read with their project or lead; written where the project is writable.
 */
export class Migration20261203100200FundArrivals extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "fund_arrival" ("id" uuid not null, "project_id" uuid null, "lead_id" uuid null,
      "arrived_on" date not null, "amount_wan" numeric(18,4) not null, "note" text null,
      "recorded_at" timestamptz not null default now(), "recorded_by" varchar(100) not null, "recorded_by_name" varchar(100) not null,
      constraint "fund_arrival_pkey" primary key ("id"),
      constraint fund_arrival_amount_positive check ("amount_wan" > 0),
      constraint fund_arrival_has_holder check ("project_id" is not null or "lead_id" is not null));`);
    this.addSql(`create index "fund_arrival_project_id_arrived_on_index" on "fund_arrival" ("project_id", "arrived_on");`);
    this.addSql(`create index "fund_arrival_lead_id_index" on "fund_arrival" ("lead_id");`);
    this.addSql(`alter table "fund_arrival" add constraint "fund_arrival_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "fund_arrival" add constraint "fund_arrival_lead_id_foreign" foreign key ("lead_id") references "investment_lead" ("id") on update cascade on delete cascade;`);

    // --- the totals recorded so far, as arrivals (no viewer: no audit record, no event)
    const MIGRATED = `'migration', '数据迁移'`;
    this.addSql(`insert into "fund_arrival" (id, project_id, lead_id, arrived_on, amount_wan, note, recorded_at, recorded_by, recorded_by_name)
      select gen_random_uuid(), case when p.funds_in_place_wan >= l.funds_in_place_wan then p.id end, l.id,
             coalesce(l.funds_recorded_on, l.funds_in_place_on, l.started_on, l.intent_on), l.funds_in_place_wan,
             '到位资金 recorded through the lead before arrivals were dated', l.updated_at, ${MIGRATED}
        from investment_lead l left join project p on p.id = l.project_id
       where l.funds_in_place_wan > 0;`);
    this.addSql(`insert into "fund_arrival" (id, project_id, arrived_on, amount_wan, note, recorded_at, recorded_by, recorded_by_name)
      select gen_random_uuid(), p.id, (p.created_at at time zone 'Asia/Shanghai')::date,
             p.funds_in_place_wan - coalesce((select sum(f.amount_wan) from fund_arrival f where f.project_id = p.id), 0),
             '到位资金 recorded before arrivals were dated, dated at the registration', p.created_at, ${MIGRATED}
        from project p
       where p.funds_in_place_wan > coalesce((select sum(f.amount_wan) from fund_arrival f where f.project_id = p.id), 0);`);

    // --- the project's total is the sum of its arrivals
    const totals = (rows: string) => `
          update project p set funds_in_place_wan = s.total
            from (select x.project_id, coalesce(sum(f.amount_wan), 0) as total
                    from (select distinct project_id from ${rows} where project_id is not null) x
                    left join fund_arrival f on f.project_id = x.project_id
                   group by x.project_id) s
           where p.id = s.project_id and p.funds_in_place_wan is distinct from s.total;`;
    this.addSql(`create or replace function kp_fund_totals() returns trigger
      language plpgsql security definer set search_path = public as $$
      begin
        if tg_op in ('INSERT', 'UPDATE') then ${totals('new_rows')}
        end if;
        if tg_op in ('DELETE', 'UPDATE') then ${totals('old_rows')}
        end if;
        return null;
      end $$;`);
    this.addSql(`revoke execute on function kp_fund_totals() from public;`);
    const transition = { insert: 'new table as new_rows', update: 'old table as old_rows new table as new_rows', delete: 'old table as old_rows' };
    for (const [op, tables] of Object.entries(transition)) {
      this.addSql(`create trigger "fund_arrival_totals_${op}" after ${op} on "fund_arrival" referencing ${tables}
        for each statement execute function kp_fund_totals();`);
    }

    // --- live events, shaped as the blocker and lead events are
    this.addSql(`create or replace function kp_record_fund_change() returns trigger
      language plpgsql security definer set search_path = public as $$
      declare
        subject text := kp_subject();
        before jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
        after jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
        row_data jsonb := coalesce(after, before);
        the_project uuid := (row_data ->> 'project_id')::uuid;
        diff jsonb;
        owner record;
      begin
        if subject is null then
          return null;
        end if;
        diff := kp_changed_columns(before, after, array['id', 'project_id', 'recorded_at'])
             || jsonb_build_object('arrival', kp_change_subject(tg_op, row_data ->> 'id'));
        select t.code, t.path into owner from tenant t
         where t.code = coalesce((select p.owner_tenant_code from project p where p.id = the_project),
                                 (select l.owner_tenant_code from investment_lead l where l.id = (row_data ->> 'lead_id')::uuid));
        -- A project being deleted takes its arrivals along: its own event says so.
        if owner.code is null then
          return null;
        end if;
        insert into change_event (kind, tenant_code, tenant_path, project_id, actor_subject, actor_name, changes)
        values (case tg_op when 'INSERT' then 'FUNDS_ARRIVED' when 'DELETE' then 'FUNDS_ARRIVAL_REMOVED' else 'FUNDS_ARRIVAL_CHANGED' end,
                owner.code, owner.path, the_project, subject, kp_actor_name(), diff);
        return null;
      end $$;`);
    this.addSql(`revoke execute on function kp_record_fund_change() from public;`);
    this.addSql(`create trigger "fund_arrival_change_event" after insert or update or delete on "fund_arrival"
      for each row execute function kp_record_fund_change();`);

    // --- the audit trail (as auditTriggerSql in src/modules/audit/audit-trigger.ts writes it)
    this.addSql(`create trigger "fund_arrival_audit_lock" before insert or update or delete on "fund_arrival"
      for each statement execute function kp_audit_lock();`);
    this.addSql(`create trigger "fund_arrival_audit" after insert or update or delete on "fund_arrival"
      for each row execute function kp_audit_record('FundArrival', 'id', '');`);

    // --- isolation: read with the project or lead, written where the project is writable
    this.addSql(`grant select, insert, delete on "fund_arrival" to kp_app;`);
    this.addSql(`alter table "fund_arrival" enable row level security;`);
    this.addSql(`alter table "fund_arrival" force row level security;`);
    this.addSql(`create policy "fund_arrival_read" on "fund_arrival" for select
      using (project_id in (select p.id from project p) or lead_id in (select l.id from investment_lead l));`);
    const writable = `(project_id is null or kp_project_writable(project_id)) and (lead_id is null or lead_id in (select l.id from investment_lead l))`;
    this.addSql(`create policy "fund_arrival_insert" on "fund_arrival" for insert with check (${writable});`);
    this.addSql(`create policy "fund_arrival_delete" on "fund_arrival" for delete using (${writable});`);
    this.addSql(`select kp_owner_policies();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "fund_arrival" cascade;`);
    this.addSql(`drop function if exists kp_fund_totals();`);
    this.addSql(`drop function if exists kp_record_fund_change();`);
  }
}
