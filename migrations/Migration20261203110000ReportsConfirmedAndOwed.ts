import { Migration } from '@mikro-orm/migrations';

/**
 * Reports the way the officials count them (issue 13).
 *
 * A stage a monthly report claims takes effect when the report is approved, not when it is filed,
 * and an approved report that is returned takes its stage back. `project_stage_change.report_id`
 * names the report whose review made a change, so a return finds the change to take back and the
 * stage history says which report confirmed a start. Changes recorded before this migration keep
 * a null `report_id` (those made by filing name the report in their note); the stages they set
 * stand as they are.
 *
 * Who owes a month's report (kp_reports_owed, read by `lateReports` and the rollups' reporting
 * figures alike, so both count the same duties): a project on the year's list (an annual plan for
 * the year), from the month it was registered here (its `created_at`, China time) until the month
 * it was completed or put into operation (the stage history's date for reaching COMPLETED or a
 * later stage, while it stands there; that month's report is still owed). Before registration
 * nothing is owed, so nothing is late; after completion nothing more is owed.
 */
export class Migration20261203110000ReportsConfirmedAndOwed extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "project_stage_change" add column "report_id" uuid null;`);
    this.addSql(`alter table "project_stage_change" add constraint "project_stage_change_report_id_foreign" foreign key ("report_id")
      references "progress_report" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "project_stage_change_report_id_index" on "project_stage_change" ("report_id");`);

    // The completion date by the rule the actual start date follows (kp_refresh_started_on): the
    // last move from before COMPLETED to COMPLETED or later, while the project still stands there.
    this.addSql(`create or replace function kp_project_completed_on(project uuid) returns date
      language sql stable parallel safe set search_path = public as $$
        select case when last.to_stage >= 'COMPLETED' then (
                 select max(x.changed_on) from project_stage_change x
                  where x.project_id = kp_project_completed_on.project and x.to_stage >= 'COMPLETED'
                    and (x.from_stage is null or x.from_stage < 'COMPLETED')) end
          from (select y.to_stage from project_stage_change y where y.project_id = kp_project_completed_on.project
                 order by y.changed_on desc, y.recorded_at desc, y.id desc limit 1) last $$;`);
    this.addSql(reportsOwed(true));
  }

  override async down(): Promise<void> {
    this.addSql(reportsOwed(false));
    this.addSql(`drop function if exists kp_project_completed_on(uuid);`);
    this.addSql(`alter table "project_stage_change" drop column if exists "report_id";`);
  }
}

/** kp_reports_owed bounded by registration and completion (`bounded`), or as ReportReview left it. */
function reportsOwed(bounded: boolean): string {
  const bounds = bounded
    ? `and (p.created_at at time zone 'Asia/Shanghai')::date < (kp_reports_owed.period + interval '1 month')::date
           and (p.stage < 'COMPLETED' or coalesce(kp_project_completed_on(p.id), 'infinity'::date) >= kp_reports_owed.period)`
    : '';
  return `create or replace function kp_reports_owed(root varchar, period date)
      returns table (project_id uuid, deadline date, report_id uuid, status report_status, first_submitted_on date)
      language sql stable security definer set search_path = public as $$
        select p.id, d.deadline, r.id, r.status, (r.first_submitted_at at time zone 'Asia/Shanghai')::date
          from tenant x
          cross join lateral (select kp_report_deadline(x.path, period) as deadline) d
          join tenant o on o.path <@ x.path
          join project p on p.owner_tenant_code = o.code
          join project_annual_plan n on n.project_id = p.id and n.year = extract(year from period)
          left join progress_report r on r.project_id = p.id and r.period = kp_reports_owed.period
         where x.code = root and x.path <@ kp_read_root()
           ${bounds} $$;`;
}
