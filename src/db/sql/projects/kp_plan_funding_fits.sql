-- kp_plan_funding_fits: the check on project_annual_plan.funding_sources (资金来源). The value is a
-- JSON array of {"source", "amountWan"} objects, exactly the API's PlanFundingSource: each source a
-- value of funding_source and listed once, each amount a positive number of 万元 with at most four
-- decimals, together no more than the plan. The API checks the same and names the field at fault
-- (src/modules/project/plan-funding.ts); this holds for every other writer (imports, the demo, SQL).
--
-- Called by: the check constraint project_annual_plan_funding_fits

create or replace function kp_plan_funding_fits(sources jsonb, planned numeric)
  returns boolean
  language sql
  immutable parallel safe
as $$
  select case when jsonb_typeof(sources) <> 'array' then false else coalesce((
    select bool_and(case
             when jsonb_typeof(e) = 'object'
              and (select count(*) from jsonb_object_keys(e)) = 2
              and (e ->> 'source') = any(enum_range(null::funding_source)::text[])
              and (e ->> 'amountWan') ~ '^[0-9]{1,14}(\.[0-9]{1,4})?$'
             then (e ->> 'amountWan')::numeric > 0
             else false end)
       and count(distinct e ->> 'source') = count(*)
       and sum(case when (e ->> 'amountWan') ~ '^[0-9]{1,14}(\.[0-9]{1,4})?$' then (e ->> 'amountWan')::numeric end) <= planned
      from jsonb_array_elements(sources) e), true) end
$$;
