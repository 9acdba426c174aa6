import { Migration } from '@mikro-orm/migrations';

/**
 * Completion by funding source (资金来源, issue 18) kept as a rollup: `rollup.byFundingSource` read
 * every approved report of the year and expanded its sources, about 75,000 reports for a city of
 * 10,000 projects (360 ms a read). `rollup_report_source_month` keeps the approved reports'
 * completed investment per source and month the way rollup_report_month keeps it per category:
 * keyed by the receiving tenant and `located` (kp_rollup_tenants), summed per slot
 * (kp_rollup_slot), kept by kp_rollup_reports (and kp_rollup_projects when a project moves),
 * rebuilt by kp_rebuild_rollup_sums and folded by kp_compact_rollup_slot.
 *
 * `source` is a FundingSource value, or '' for the part of a report's amount that names no source
 * (未注明来源): a key column cannot be null, and no FundingSource value is empty. It is text, not the
 * funding_source enum, for that marker.
 *
 * The existing approved reports are summed into slot 0 here. kp_report_sources is declared with its
 * body because the backfill needs it now; src/db/sql/rollups/kp_report_sources.sql stays its
 * definition.
 */
export class Migration20261204170000ReportSourceRollup extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "rollup_report_source_month" (
      "tenant_code" varchar(12) not null references "tenant" ("code") on update cascade on delete cascade,
      "located" boolean not null,
      "source" varchar(32) not null,
      "period" date not null,
      "completed_wan" numeric(18,4) not null default 0,
      "slot" smallint not null default 0,
      primary key ("tenant_code", "located", "source", "period", "slot"));`);
    this.addSql(`create index "rollup_report_source_month_slot" on "rollup_report_source_month" ("slot") where "slot" <> 0;`);
    this.addSql(`grant select on "rollup_report_source_month" to kp_app;`);
    this.addSql(`alter table "rollup_report_source_month" enable row level security;`);
    this.addSql(`alter table "rollup_report_source_month" force row level security;`);
    this.addSql(`create policy "rollup_report_source_month_tenant_scope" on "rollup_report_source_month" for select to kp_app
      using (tenant_code in (select t.code from tenant t where t.path <@ kp_read_root()));`);
    this.addSql(`select kp_owner_policies();`);

    this.addSql(`create or replace function kp_report_sources(sources jsonb, completed numeric)
      returns table (source varchar, amount numeric)
      language sql immutable parallel safe as $$
        select s.source, s.amount
          from (select e ->> 'source', (e ->> 'amountWan')::numeric from jsonb_array_elements(sources) e
                union all
                select '', completed - coalesce((select sum((e ->> 'amountWan')::numeric) from jsonb_array_elements(sources) e), 0)
               ) s(source, amount)
         where s.amount <> 0 $$;`);
    this.addSql(`insert into rollup_report_source_month (tenant_code, located, source, period, completed_wan)
      select a.tenant_code, a.located, s.source, x.period, sum(a.sign * s.amount)
        from progress_report x join project p on p.id = x.project_id
        cross join lateral kp_report_sources(x.funding_sources, x.completed_investment_wan) s
        cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
       where x.status = 'APPROVED'
       group by 3, 4, 1, 2;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "rollup_report_source_month";`);
    this.addSql(`drop function if exists kp_report_sources(jsonb, numeric);`);
  }
}
