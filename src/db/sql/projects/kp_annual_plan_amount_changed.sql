-- kp_annual_plan_amount_changed: Before update on project_annual_plan: a new planned amount drops
-- custom monthly targets, so they are split again from the new amount.
--
-- Called by: the triggers project_annual_plan_amount_changed on project_annual_plan

create or replace function kp_annual_plan_amount_changed()
  returns trigger
  language plpgsql
as $$
  begin
    if new.planned_investment_wan is distinct from old.planned_investment_wan then
      new.targets_are_custom := false;
    end if;
    return new;
  end
$$;
