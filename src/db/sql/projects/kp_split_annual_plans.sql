-- kp_split_annual_plans: After a plan is written: splits its planned amount into twelve monthly
-- targets (万元, 4 decimals, summing exactly), unless the targets were set by hand.
--
-- Called by: the triggers project_annual_plan_split_insert, project_annual_plan_split_update on
--   project_annual_plan; src/modules/project/plan-decomposition.ts

create or replace function kp_split_annual_plans()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  begin
      delete from project_monthly_target t using new_rows n where t.annual_plan_id = n.id and not n.targets_are_custom;
      insert into project_monthly_target (annual_plan_id, project_id, period, target_wan)
      select n.id, n.project_id, make_date(n.year, m, 1),
             trunc(n.planned_investment_wan * m / 12, 4) - trunc(n.planned_investment_wan * (m - 1) / 12, 4)
        from new_rows n cross join generate_series(1, 12) m
       where not n.targets_are_custom;
    return null;
  end
$$;
