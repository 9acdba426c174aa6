import { Migration } from '@mikro-orm/migrations';

/**
 * Funding sources (资金来源, issue 18): where a year's plan comes from and which source each arrival
 * of funds came through, so the rollups can break plan and funds down by source.
 *
 * A plan's sources live on its row as a JSON array in the API's own shape rather than in a table of
 * their own: they are read and replaced with the plan, the row's row-level security and audit
 * trigger already cover them (a change shows in the plan's trail as one field), and the check
 * (kp_plan_funding_fits, declared here, defined by its file) holds them to the same rules as the API.
 * An arrival's source is a nullable column: arrivals recorded before it have none (未注明).
 */
export class Migration20261203190000FundingSources extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create type "funding_source" as enum ('CENTRAL_BUDGET', 'ULTRA_LONG_TREASURY_BONDS', 'LOCAL_SPECIAL_BONDS', 'LOCAL_FISCAL', 'BANK_LOANS', 'ENTERPRISE_OWN', 'FOREIGN_INVESTMENT', 'OTHER');`,
    );
    // Declared for src/db/sql/projects/kp_plan_funding_fits.sql, applied right after.
    this.addSql(`create or replace function kp_plan_funding_fits(sources jsonb, planned numeric) returns boolean
      language sql immutable parallel safe as $$ select true $$;`);
    this.addSql(`alter table "project_annual_plan" add column "funding_sources" jsonb not null default '[]'::jsonb;`);
    this.addSql(
      `alter table "project_annual_plan" add constraint "project_annual_plan_funding_fits" check (kp_plan_funding_fits("funding_sources", "planned_investment_wan") is true);`,
    );
    this.addSql(`alter table "fund_arrival" add column "source" "funding_source" null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "fund_arrival" drop column if exists "source";`);
    this.addSql(`alter table "project_annual_plan" drop constraint if exists "project_annual_plan_funding_fits";`);
    this.addSql(`alter table "project_annual_plan" drop column if exists "funding_sources";`);
    this.addSql(`drop function if exists kp_plan_funding_fits(jsonb, numeric);`);
    this.addSql(`drop type if exists "funding_source";`);
  }
}
