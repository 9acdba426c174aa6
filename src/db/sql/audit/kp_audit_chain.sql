-- kp_audit_chain: Which audit chain the open transaction appends to: its viewer's own tenant
-- (kp.tenant_code), or '' (the chain every record joined before chains were per tenant) for a
-- viewer without one. A transaction has one viewer, so it appends to one chain and takes one lock.
--
-- Called by: kp_audit_lock, kp_audit_record

create or replace function kp_audit_chain()
  returns varchar
  language sql
  stable parallel safe
as $$
  select coalesce(nullif(current_setting('kp.tenant_code', true), ''), '')::varchar
$$;

revoke execute on function kp_audit_chain() from public;
