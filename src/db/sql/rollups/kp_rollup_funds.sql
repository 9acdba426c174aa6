-- kp_rollup_funds: Statement trigger on fund_arrival: keeps the funds-in-place sums.
--
-- Called by: the triggers fund_arrival_rollup_delete, fund_arrival_rollup_insert,
--   fund_arrival_rollup_update on fund_arrival

create or replace function kp_rollup_funds()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  begin
    if tg_op = 'INSERT' then
    insert into rollup_funds as r (tenant_code, located, category, period, arrived_wan, slot)
    select a.tenant_code, a.located, p.category, date_trunc('month', x.arrived_on)::date,
           sum(a.sign * (x.amount_wan)), (select kp_rollup_slot())
      from new_rows x join project p on p.id = x.project_id
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 4, 1, 2
    on conflict (tenant_code, located, category, period, slot) do update
      set arrived_wan = r.arrived_wan + excluded.arrived_wan;
    elsif tg_op = 'UPDATE' then
    insert into rollup_funds as r (tenant_code, located, category, period, arrived_wan, slot)
    select a.tenant_code, a.located, p.category, date_trunc('month', x.arrived_on)::date,
           -sum(a.sign * (x.amount_wan)), (select kp_rollup_slot())
      from old_rows x join project p on p.id = x.project_id
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 4, 1, 2
    on conflict (tenant_code, located, category, period, slot) do update
      set arrived_wan = r.arrived_wan + excluded.arrived_wan;
    insert into rollup_funds as r (tenant_code, located, category, period, arrived_wan, slot)
    select a.tenant_code, a.located, p.category, date_trunc('month', x.arrived_on)::date,
           sum(a.sign * (x.amount_wan)), (select kp_rollup_slot())
      from new_rows x join project p on p.id = x.project_id
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 4, 1, 2
    on conflict (tenant_code, located, category, period, slot) do update
      set arrived_wan = r.arrived_wan + excluded.arrived_wan;
    else
    insert into rollup_funds as r (tenant_code, located, category, period, arrived_wan, slot)
    select a.tenant_code, a.located, p.category, date_trunc('month', x.arrived_on)::date,
           -sum(a.sign * (x.amount_wan)), (select kp_rollup_slot())
      from old_rows x join project p on p.id = x.project_id
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 4, 1, 2
    on conflict (tenant_code, located, category, period, slot) do update
      set arrived_wan = r.arrived_wan + excluded.arrived_wan;
    end if;
    return null;
  end
$$;
