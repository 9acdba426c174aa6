-- kp_reports_owed: Every report owed for a month under a tenant the viewer reads: a project with a
-- plan for the year, registered before the month ended and not completed before it; with its
-- report, if any.
--
-- Called by: kp_reporting_read; src/demo/demo-data.ts, src/modules/progress-report/late-report.ts

create or replace function kp_reports_owed(root varchar, period date)
  returns table (
    project_id uuid,
    deadline date,
    report_id uuid,
    status report_status,
    first_submitted_on date
  )
  language sql
  stable security definer
  set search_path = public
as $$
  select p.id, d.deadline, r.id, r.status, (r.first_submitted_at at time zone 'Asia/Shanghai')::date
    from tenant x
    cross join lateral (select kp_report_deadline(x.path, period) as deadline) d
    join tenant o on o.path <@ x.path
    join project p on p.owner_tenant_code = o.code
    join project_annual_plan n on n.project_id = p.id and n.year = extract(year from period)
    left join progress_report r on r.project_id = p.id and r.period = kp_reports_owed.period
   where x.code = root and x.path <@ kp_read_root()
     and (p.created_at at time zone 'Asia/Shanghai')::date < (kp_reports_owed.period + interval '1 month')::date
     and (p.stage < 'COMPLETED' or coalesce(kp_project_completed_on(p.id), 'infinity'::date) >= kp_reports_owed.period)
$$;

revoke execute on function kp_reports_owed(varchar, date) from public;
grant execute on function kp_reports_owed(varchar, date) to kp_app;
