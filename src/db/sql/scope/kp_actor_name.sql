-- kp_actor_name: The viewer's display name (kp.actor_name), recorded with change events and audit
-- records.
--
-- Called by: kp_audit_record, kp_record_blocker_change, kp_record_change, kp_record_fund_change,
--   kp_record_lead_change

create or replace function kp_actor_name()
  returns text
  language sql
  stable parallel safe
as $$
  select nullif(current_setting('kp.actor_name', true), '')
$$;
