-- kp_project_writable: Whether the viewer may write a project and its records: the owner is in the
-- read root, or the viewer holds an active assignment on it. The write half of the isolation
-- policies.
--
-- Called by: the row-level security policies of blocker, blocker_event, fund_arrival, milestone,
--   progress_report, progress_report_review, project_annual_plan, project_monthly_target,
--   project_stage_change

create or replace function kp_project_writable(project_id uuid)
  returns boolean
  language sql
  stable
  set search_path = public
as $$
  select exists (select 1 from project p
  where p.id = $1
    and (p.owner_tenant_code in (select t.code from tenant t where t.path <@ kp_read_root())
         or p.id in (select a.project_id from project_assignment a where a.subject = kp_subject() and a.ended_at is null)))
$$;
