-- kp_rollup_flag_spans: Statement trigger on rollup_flag_span: moves +1/-1 per span edge into
-- rollup_flag (by day) and rollup_flag_month, at every tenant the project counts in.
--
-- Called by: the triggers rollup_flag_span_flag_delete, rollup_flag_span_flag_insert,
--   rollup_flag_span_flag_update on rollup_flag_span

create or replace function kp_rollup_flag_spans()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  begin
    if tg_op = 'INSERT' then
    insert into rollup_flag as r (tenant_code, located, flag, day, change, slot)
    select a.tenant_code, a.located, s.flag, b.day, sum(a.sign * b.change), (select kp_rollup_slot())
      from new_rows s
      join project p on p.id = s.project_id
      cross join lateral (values (s.from_on, 1), (s.to_on, -1)) b(day, change)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where b.day is not null
     group by 1, 2, 3, 4
    on conflict (tenant_code, located, flag, day, slot) do update set change = r.change + excluded.change;
    insert into rollup_flag_month as r (tenant_code, located, flag, month, change, slot)
    select a.tenant_code, a.located, s.flag, date_trunc('month', b.day)::date, sum(a.sign * b.change), (select kp_rollup_slot())
      from new_rows s
      join project p on p.id = s.project_id
      cross join lateral (values (s.from_on, 1), (s.to_on, -1)) b(day, change)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where b.day is not null
     group by 1, 2, 3, 4
    on conflict (tenant_code, located, flag, month, slot) do update set change = r.change + excluded.change;
    elsif tg_op = 'UPDATE' then
    insert into rollup_flag as r (tenant_code, located, flag, day, change, slot)
    select a.tenant_code, a.located, s.flag, b.day, -sum(a.sign * b.change), (select kp_rollup_slot())
      from old_rows s
      join project p on p.id = s.project_id
      cross join lateral (values (s.from_on, 1), (s.to_on, -1)) b(day, change)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where b.day is not null
     group by 1, 2, 3, 4
    on conflict (tenant_code, located, flag, day, slot) do update set change = r.change + excluded.change;
    insert into rollup_flag_month as r (tenant_code, located, flag, month, change, slot)
    select a.tenant_code, a.located, s.flag, date_trunc('month', b.day)::date, -sum(a.sign * b.change), (select kp_rollup_slot())
      from old_rows s
      join project p on p.id = s.project_id
      cross join lateral (values (s.from_on, 1), (s.to_on, -1)) b(day, change)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where b.day is not null
     group by 1, 2, 3, 4
    on conflict (tenant_code, located, flag, month, slot) do update set change = r.change + excluded.change;
    insert into rollup_flag as r (tenant_code, located, flag, day, change, slot)
    select a.tenant_code, a.located, s.flag, b.day, sum(a.sign * b.change), (select kp_rollup_slot())
      from new_rows s
      join project p on p.id = s.project_id
      cross join lateral (values (s.from_on, 1), (s.to_on, -1)) b(day, change)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where b.day is not null
     group by 1, 2, 3, 4
    on conflict (tenant_code, located, flag, day, slot) do update set change = r.change + excluded.change;
    insert into rollup_flag_month as r (tenant_code, located, flag, month, change, slot)
    select a.tenant_code, a.located, s.flag, date_trunc('month', b.day)::date, sum(a.sign * b.change), (select kp_rollup_slot())
      from new_rows s
      join project p on p.id = s.project_id
      cross join lateral (values (s.from_on, 1), (s.to_on, -1)) b(day, change)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where b.day is not null
     group by 1, 2, 3, 4
    on conflict (tenant_code, located, flag, month, slot) do update set change = r.change + excluded.change;
    else
    insert into rollup_flag as r (tenant_code, located, flag, day, change, slot)
    select a.tenant_code, a.located, s.flag, b.day, -sum(a.sign * b.change), (select kp_rollup_slot())
      from old_rows s
      join project p on p.id = s.project_id
      cross join lateral (values (s.from_on, 1), (s.to_on, -1)) b(day, change)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where b.day is not null
     group by 1, 2, 3, 4
    on conflict (tenant_code, located, flag, day, slot) do update set change = r.change + excluded.change;
    insert into rollup_flag_month as r (tenant_code, located, flag, month, change, slot)
    select a.tenant_code, a.located, s.flag, date_trunc('month', b.day)::date, -sum(a.sign * b.change), (select kp_rollup_slot())
      from old_rows s
      join project p on p.id = s.project_id
      cross join lateral (values (s.from_on, 1), (s.to_on, -1)) b(day, change)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where b.day is not null
     group by 1, 2, 3, 4
    on conflict (tenant_code, located, flag, month, slot) do update set change = r.change + excluded.change;
    end if;
    return null;
  end
$$;
