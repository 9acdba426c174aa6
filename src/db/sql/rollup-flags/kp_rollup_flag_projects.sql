-- kp_rollup_flag_projects: Statement trigger on project: a project whose owner or location changed
-- moves its flag spans' contributions to the new tenants.
--
-- Called by: the triggers project_flag_update on project

create or replace function kp_rollup_flag_projects()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  begin

    insert into rollup_flag as r (tenant_code, located, flag, day, change, slot)
    select a.tenant_code, a.located, s.flag, b.day, -sum(a.sign * b.change), (select kp_rollup_slot())
      from rollup_flag_span s
      join (select m.* from old_rows m join new_rows o on o.id = m.id where (m.owner_tenant_code, m.location_tenant_code) is distinct from (o.owner_tenant_code, o.location_tenant_code)) p on p.id = s.project_id
      cross join lateral (values (s.from_on, 1), (s.to_on, -1)) b(day, change)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where b.day is not null
     group by 1, 2, 3, 4
    on conflict (tenant_code, located, flag, day, slot) do update set change = r.change + excluded.change;
    insert into rollup_flag_month as r (tenant_code, located, flag, month, change, slot)
    select a.tenant_code, a.located, s.flag, date_trunc('month', b.day)::date, -sum(a.sign * b.change), (select kp_rollup_slot())
      from rollup_flag_span s
      join (select m.* from old_rows m join new_rows o on o.id = m.id where (m.owner_tenant_code, m.location_tenant_code) is distinct from (o.owner_tenant_code, o.location_tenant_code)) p on p.id = s.project_id
      cross join lateral (values (s.from_on, 1), (s.to_on, -1)) b(day, change)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where b.day is not null
     group by 1, 2, 3, 4
    on conflict (tenant_code, located, flag, month, slot) do update set change = r.change + excluded.change;

    insert into rollup_flag as r (tenant_code, located, flag, day, change, slot)
    select a.tenant_code, a.located, s.flag, b.day, sum(a.sign * b.change), (select kp_rollup_slot())
      from rollup_flag_span s
      join (select m.* from new_rows m join old_rows o on o.id = m.id where (m.owner_tenant_code, m.location_tenant_code) is distinct from (o.owner_tenant_code, o.location_tenant_code)) p on p.id = s.project_id
      cross join lateral (values (s.from_on, 1), (s.to_on, -1)) b(day, change)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where b.day is not null
     group by 1, 2, 3, 4
    on conflict (tenant_code, located, flag, day, slot) do update set change = r.change + excluded.change;
    insert into rollup_flag_month as r (tenant_code, located, flag, month, change, slot)
    select a.tenant_code, a.located, s.flag, date_trunc('month', b.day)::date, sum(a.sign * b.change), (select kp_rollup_slot())
      from rollup_flag_span s
      join (select m.* from new_rows m join old_rows o on o.id = m.id where (m.owner_tenant_code, m.location_tenant_code) is distinct from (o.owner_tenant_code, o.location_tenant_code)) p on p.id = s.project_id
      cross join lateral (values (s.from_on, 1), (s.to_on, -1)) b(day, change)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where b.day is not null
     group by 1, 2, 3, 4
    on conflict (tenant_code, located, flag, month, slot) do update set change = r.change + excluded.change;
    return null;
  end
$$;
