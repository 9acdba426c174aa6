-- kp_plan_defaults: Before insert on project_annual_plan: a plan without nature or designation
-- levels takes its project's.
--
-- Called by: the triggers project_annual_plan_defaults on project_annual_plan

create or replace function kp_plan_defaults()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  begin
    if new.nature is null or new.designation_levels is null then
      select coalesce(new.nature, p.nature), coalesce(new.designation_levels, p.designation_levels)
        into new.nature, new.designation_levels
        from project p where p.id = new.project_id;
    end if;
    return new;
  end
$$;

revoke execute on function kp_plan_defaults() from public;
