-- kp_audit_lock: Statement trigger: takes the chain head's lock before the statement locks any row,
-- so writers queue for the chain first and never deadlock between a row lock and the chain lock.
--
-- Called by: the triggers <table>_audit_lock on blocker, fund_arrival, investment_lead, milestone,
--   progress_report, project, project_annual_plan, project_assignment, project_monthly_target,
--   project_stage_change, reporting_rule, tenant, traffic_light_rule

create or replace function kp_audit_lock()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  begin
    if kp_subject() is not null then
      perform 1 from audit_chain_head for update;
    end if;
    return null;
  end
$$;

revoke execute on function kp_audit_lock() from public;
