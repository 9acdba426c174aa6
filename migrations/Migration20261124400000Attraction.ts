import { Migration } from '@mikro-orm/migrations';

/**
 * Investment attraction (招商引资): leads (`investment_lead`) followed from intent to funds in place,
 * their dated steps (`investment_lead_stage_change`), and `kp_attraction_read`, the rollup figures of
 * any number of tenants' subtrees in one statement.
 *
 * Isolation as for projects: a lead is visible within the viewer's read root (its owner's subtree
 * readers); its steps follow their lead. There is no assignment-based access to leads.
 *
 * Not here: the audit trail trigger (built on another branch) still has to be attached to both
 * tables; no change events are written for leads (the lead's project writes its own).
 */
export class Migration20261124400000Attraction extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "lead_stage" as enum ('INTENT', 'FRAMEWORK_AGREEMENT', 'CONTRACT_SIGNED', 'STARTED', 'FUNDS_IN_PLACE');`);
    this.addSql(`create table "investment_lead" ("id" uuid not null, "name" varchar(200) not null, "investor_name" varchar(200) not null, "investor_origin" varchar(100) null, "industry" varchar(100) null, "owner_tenant_code" varchar(12) not null, "responsible_unit" varchar(200) null, "stage" "lead_stage" not null, "intent_on" date not null, "framework_agreed_on" date null, "signed_on" date null, "started_on" date null, "funds_in_place_on" date null, "intended_wan" numeric(18,4) not null, "signed_wan" numeric(18,4) null, "funds_in_place_wan" numeric(18,4) not null default '0', "funds_recorded_on" date null, "project_id" uuid null, "version" int not null default 1, "created_at" timestamptz not null default now(), "created_by_name" varchar(100) not null, "created_by" varchar(100) not null, "updated_at" timestamptz not null default now(), "updated_by_name" varchar(100) not null, "updated_by" varchar(100) not null, constraint "investment_lead_pkey" primary key ("id"), constraint investment_lead_step_order check (("framework_agreed_on" is null or "framework_agreed_on" >= "intent_on") and ("signed_on" is null or "signed_on" >= coalesce("framework_agreed_on", "intent_on")) and ("started_on" is null or "started_on" >= "signed_on") and ("funds_in_place_on" is null or "funds_in_place_on" >= "started_on")), constraint investment_lead_money_non_negative check ("intended_wan" >= 0 and ("signed_wan" is null or "signed_wan" > 0) and "funds_in_place_wan" >= 0));`);
    this.addSql(`create index "investment_lead_signed_on_index" on "investment_lead" ("signed_on");`);
    this.addSql(`create index "investment_lead_owner_tenant_code_created_at_id_index" on "investment_lead" ("owner_tenant_code", "created_at", "id");`);
    this.addSql(`alter table "investment_lead" add constraint "investment_lead_project_unique" unique ("project_id");`);
    this.addSql(`create table "investment_lead_stage_change" ("id" uuid not null, "lead_id" uuid not null, "stage" "lead_stage" not null, "changed_on" date not null, "amount_wan" numeric(18,4) null, "note" text null, "recorded_at" timestamptz not null default now(), "recorded_by" varchar(100) not null, "recorded_by_name" varchar(100) not null, constraint "investment_lead_stage_change_pkey" primary key ("id"));`);
    this.addSql(`create index "investment_lead_stage_change_lead_id_changed_on_index" on "investment_lead_stage_change" ("lead_id", "changed_on");`);
    this.addSql(`alter table "investment_lead" add constraint "investment_lead_owner_tenant_code_foreign" foreign key ("owner_tenant_code") references "tenant" ("code") on update cascade on delete restrict;`);
    this.addSql(`alter table "investment_lead" add constraint "investment_lead_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "investment_lead_stage_change" add constraint "investment_lead_stage_change_lead_id_foreign" foreign key ("lead_id") references "investment_lead" ("id") on update cascade on delete cascade;`);

    this.addSql(`grant select, insert, update, delete on "investment_lead", "investment_lead_stage_change" to kp_app;`);
    const isolate = (table: string, predicate: string) => {
      this.addSql(`alter table "${table}" enable row level security;`);
      this.addSql(`alter table "${table}" force row level security;`);
      this.addSql(`create policy "${table}_tenant_scope" on "${table}" using (${predicate}) with check (${predicate});`);
    };
    isolate('investment_lead', 'owner_tenant_code in (select t.code from tenant t where t.path <@ kp_read_root())');
    isolate('investment_lead_stage_change', 'lead_id in (select l.id from investment_lead l)');

    /**
     * The attraction figures of each tenant in `codes` (those under the viewer's read root; the
     * others are left out), each over its whole subtree, for the period ending `period_end`:
     * - leads by the step they stood at on `period_end`, read from their step dates, with their
     *   intended and signed amounts;
     * - signed leads: signed from `year_start` (1 January of the period's year) through `period_end`
     *   (本年签约), their signed amount, and how many of them had started by `period_end`, the
     *   numerator of the fulfilment rate (履约率);
     * - funds in place as recorded now (the funds' history is not kept per date).
     * SECURITY DEFINER so that the scope is applied once per tenant instead of per row read, as in
     * kp_rollup_read.
     */
    this.addSql(`create or replace function kp_attraction_read(codes varchar[], year_start date, period_end date)
      returns table (tenant_code varchar, lead_count int, funds_wan text, signed_count int, started_count int, signed_wan text, by_stage json)
      language sql stable security definer set search_path = public as $$
        select t.code, coalesce(s.lead_count, 0), coalesce(s.funds, 0)::text,
               coalesce(y.signed_count, 0), coalesce(y.started_count, 0), coalesce(y.signed_wan, 0)::text, s.by_stage
          from tenant t
          left join lateral (
            select sum(g.n)::int as lead_count, sum(g.funds) as funds,
                   json_agg(json_build_array(g.stage_at, g.n, g.intended::text, g.signed::text)) as by_stage
              from (select x.stage_at, count(*)::int as n, sum(x.intended_wan) as intended,
                           coalesce(sum(x.signed_wan) filter (where x.signed_on <= period_end), 0) as signed,
                           sum(x.funds_in_place_wan) as funds
                      from (select l.*, case when l.funds_in_place_on <= period_end then 'FUNDS_IN_PLACE'
                                             when l.started_on <= period_end then 'STARTED'
                                             when l.signed_on <= period_end then 'CONTRACT_SIGNED'
                                             when l.framework_agreed_on <= period_end then 'FRAMEWORK_AGREEMENT'
                                             else 'INTENT' end as stage_at
                              from investment_lead l
                             where l.owner_tenant_code in (select d.code from tenant d where d.path <@ t.path)
                               and l.intent_on <= period_end) x
                     group by x.stage_at) g) s on true
          left join lateral (
            select count(*)::int as signed_count, (count(*) filter (where l.started_on <= period_end))::int as started_count,
                   sum(l.signed_wan) as signed_wan
              from investment_lead l
             where l.owner_tenant_code in (select d.code from tenant d where d.path <@ t.path)
               and l.signed_on between year_start and period_end) y on true
         where t.code = any(codes) and t.path <@ kp_read_root()
      $$;`);
    this.addSql(`revoke execute on function kp_attraction_read(varchar[], date, date) from public;`);
    this.addSql(`grant execute on function kp_attraction_read(varchar[], date, date) to kp_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists kp_attraction_read(varchar[], date, date);`);
    this.addSql(`drop table if exists "investment_lead_stage_change" cascade;`);
    this.addSql(`drop table if exists "investment_lead" cascade;`);
    this.addSql(`drop type if exists "lead_stage";`);
  }
}
