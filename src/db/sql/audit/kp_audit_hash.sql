-- kp_audit_hash: One link of the audit hash chain: sha256(previous hash || canonical record).
--
-- Called by: kp_audit_record; src/modules/audit/audit-chain.ts

create or replace function kp_audit_hash(prev_hash text, r audit_record)
  returns text
  language sql
  stable parallel safe
as $$
  select encode(sha256(convert_to(prev_hash || kp_audit_canonical(r), 'UTF8')), 'hex')
$$;

revoke execute on function kp_audit_hash(text, audit_record) from public;
