-- kp_report_deadline: The deadline of a month's progress report: day `deadline_day` (default 5) of
-- the next month, by the city's reporting rule.
--
-- Called by: kp_reports_owed

create or replace function kp_report_deadline(tenant_path ltree, period date)
  returns date
  language sql
  stable parallel safe
  set search_path = public
as $$
  select (period + interval '1 month')::date + (coalesce(r.deadline_day, 5) - 1)
    from (select 1) one left join reporting_rule r on r.city_code = split_part(tenant_path::text, '.', 1)
$$;
