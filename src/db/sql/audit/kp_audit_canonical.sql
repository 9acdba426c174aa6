-- kp_audit_canonical: The canonical text of an audit record that the hash chain covers;
-- audit:verify recomputes it.
--
-- Called by: kp_audit_hash

create or replace function kp_audit_canonical(r audit_record)
  returns text
  language sql
  stable parallel safe
as $$
  select jsonb_build_array(r.id, to_char(r.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.tx::text,
    r.actor_subject, r.actor_name, r.actor_tenant_code, r.entity, r.entity_id, r.project_id, r.tenant_code,
    r.tenant_path::text, r.operation, r.before, r.after)::text
$$;

revoke execute on function kp_audit_canonical(audit_record) from public;
