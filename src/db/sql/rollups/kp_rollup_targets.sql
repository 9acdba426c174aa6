-- kp_rollup_targets: Statement trigger on project_monthly_target: keeps the monthly target sums.
--
-- Called by: the triggers project_monthly_target_rollup_delete,
--   project_monthly_target_rollup_insert, project_monthly_target_rollup_update on
--   project_monthly_target

create or replace function kp_rollup_targets()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  begin
    if tg_op = 'INSERT' then
    insert into rollup_target as r (tenant_code, located, period, target_wan, slot)
    select a.tenant_code, a.located, x.period,
           sum(a.sign * (x.target_wan)), (select kp_rollup_slot())
      from new_rows x join project p on p.id = x.project_id
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 1, 2
    on conflict (tenant_code, located, period, slot) do update
      set target_wan = r.target_wan + excluded.target_wan;
    elsif tg_op = 'UPDATE' then
    insert into rollup_target as r (tenant_code, located, period, target_wan, slot)
    select a.tenant_code, a.located, x.period,
           -sum(a.sign * (x.target_wan)), (select kp_rollup_slot())
      from old_rows x join project p on p.id = x.project_id
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 1, 2
    on conflict (tenant_code, located, period, slot) do update
      set target_wan = r.target_wan + excluded.target_wan;
    insert into rollup_target as r (tenant_code, located, period, target_wan, slot)
    select a.tenant_code, a.located, x.period,
           sum(a.sign * (x.target_wan)), (select kp_rollup_slot())
      from new_rows x join project p on p.id = x.project_id
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 1, 2
    on conflict (tenant_code, located, period, slot) do update
      set target_wan = r.target_wan + excluded.target_wan;
    else
    insert into rollup_target as r (tenant_code, located, period, target_wan, slot)
    select a.tenant_code, a.located, x.period,
           -sum(a.sign * (x.target_wan)), (select kp_rollup_slot())
      from old_rows x join project p on p.id = x.project_id
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 1, 2
    on conflict (tenant_code, located, period, slot) do update
      set target_wan = r.target_wan + excluded.target_wan;
    end if;
    return null;
  end
$$;
