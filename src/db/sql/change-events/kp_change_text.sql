-- kp_change_text: A changed value as the API shows it: numbers without trailing zeros, everything
-- else as text.
--
-- Called by: kp_changed_columns, kp_record_blocker_change; src/graphql/api-fields.ts,
--   src/graphql/api-text.ts, src/modules/audit/audit.service.ts

create or replace function kp_change_text(value jsonb)
  returns text
  language sql
  immutable parallel safe
as $$
  select case jsonb_typeof(value) when 'number' then trim_scale((value #>> '{}')::numeric)::text else value #>> '{}' end
$$;
