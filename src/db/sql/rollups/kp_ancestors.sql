-- kp_ancestors: A tenant and every tenant above it: where a contribution counts.
--
-- Called by: kp_rollup_tenants

create or replace function kp_ancestors(code varchar)
  returns table (ancestor varchar)
  language sql
  stable parallel safe
as $$
  select a.code from tenant t join tenant a on a.path @> t.path where t.code = $1
$$;
