import { Migration } from '@mikro-orm/migrations';

/**
 * A monthly report says which funding sources (资金来源) the month's completed investment came from,
 * so the rollups break completion down by source as they break down the plan (issue 18): the same
 * JSON shape and the same check as a plan's sources, held to the month's completed amount. Reports
 * filed before name none (未注明来源).
 */
export class Migration20261204140000ReportFundingSources extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "progress_report" add column "funding_sources" jsonb not null default '[]'::jsonb;`);
    this.addSql(
      `alter table "progress_report" add constraint "progress_report_funding_fits" check (kp_plan_funding_fits("funding_sources", "completed_investment_wan") is true);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "progress_report" drop constraint if exists "progress_report_funding_fits";`);
    this.addSql(`alter table "progress_report" drop column if exists "funding_sources";`);
  }
}
