-- kp_start_bucket: The month of the plan year a project started in (1-12), 0 when before the year,
-- 13 when not yet or later: the key of the start-rate (开工率) sums.
--
-- Called by: kp_rebuild_rollup_sums, kp_rollup_plans, kp_rollup_projects

create or replace function kp_start_bucket(planned date, started date)
  returns smallint
  language sql
  immutable parallel safe
as $$
  select (case
    when started is null then 13
    when started < make_date(extract(year from planned)::int, 1, 1) then 0
    when extract(year from started) = extract(year from planned) then extract(month from started)
    else 13 end)::smallint
$$;
