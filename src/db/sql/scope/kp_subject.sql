-- kp_subject: The viewer's subject (kp.subject: their Keycloak user id) for assignments,
-- idempotency and the audit trail; null outside a viewer's request (migrations, demo load,
-- commands).
--
-- Called by: the row-level security policies of idempotent_request, project, project_assignment;
--   kp_audit_lock, kp_audit_record, kp_project_writable, kp_record_blocker_change,
--   kp_record_change, kp_record_fund_change, kp_record_lead_change; src/graphql/idempotency.ts

create or replace function kp_subject()
  returns text
  language sql
  stable parallel safe
as $$
  select nullif(current_setting('kp.subject', true), '')
$$;
