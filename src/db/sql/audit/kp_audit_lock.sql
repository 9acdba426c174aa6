-- kp_audit_lock: Statement trigger: takes the lock of the viewer's chain head (kp_audit_chain)
-- before the statement locks any row, so writers queue for their chain first and never deadlock
-- between a row lock and the chain lock. A chain's head is created with its first record. Writers
-- of different tenants append to different chains and never wait for each other here.
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
  declare
    chain_key varchar;
  begin
    if kp_subject() is not null then
      chain_key := kp_audit_chain();
      perform 1 from audit_chain_head h where h.chain = chain_key for update;
      if not found then
        -- A second first writer of the same chain waits here for the first one's insert.
        insert into audit_chain_head (chain) values (chain_key) on conflict do nothing;
        perform 1 from audit_chain_head h where h.chain = chain_key for update;
      end if;
    end if;
    return null;
  end
$$;

revoke execute on function kp_audit_lock() from public;
