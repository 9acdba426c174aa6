-- kp_rollup_milestones: Statement trigger on milestone: keeps the due and settled milestone counts
-- by day and by month.
--
-- Called by: the triggers milestone_rollup_delete, milestone_rollup_insert, milestone_rollup_update
--   on milestone

create or replace function kp_rollup_milestones()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  begin
    if tg_op = 'INSERT' then
    insert into rollup_milestone as r (tenant_code, located, day, due_count, settled_count, slot)
    select a.tenant_code, a.located, b.day,
           sum(a.sign * (b.due)), sum(a.sign * (b.settled)), (select kp_rollup_slot())
      from new_rows x join project p on p.id = x.project_id cross join lateral (values (x.due_on + 1, 1, 0),
      (greatest(x.due_on + 1, x.done_on), 0, case when x.done_on is null then 0 else 1 end)) b(day, due, settled)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 1, 2
    on conflict (tenant_code, located, day, slot) do update
      set due_count = r.due_count + excluded.due_count, settled_count = r.settled_count + excluded.settled_count;
    insert into rollup_milestone_month as r (tenant_code, located, month, due_count, settled_count, slot)
    select a.tenant_code, a.located, date_trunc('month', b.day)::date,
           sum(a.sign * (b.due)), sum(a.sign * (b.settled)), (select kp_rollup_slot())
      from new_rows x join project p on p.id = x.project_id cross join lateral (values (x.due_on + 1, 1, 0),
      (greatest(x.due_on + 1, x.done_on), 0, case when x.done_on is null then 0 else 1 end)) b(day, due, settled)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 1, 2
    on conflict (tenant_code, located, month, slot) do update
      set due_count = r.due_count + excluded.due_count, settled_count = r.settled_count + excluded.settled_count;
    elsif tg_op = 'UPDATE' then
    insert into rollup_milestone as r (tenant_code, located, day, due_count, settled_count, slot)
    select a.tenant_code, a.located, b.day,
           -sum(a.sign * (b.due)), -sum(a.sign * (b.settled)), (select kp_rollup_slot())
      from old_rows x join project p on p.id = x.project_id cross join lateral (values (x.due_on + 1, 1, 0),
      (greatest(x.due_on + 1, x.done_on), 0, case when x.done_on is null then 0 else 1 end)) b(day, due, settled)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 1, 2
    on conflict (tenant_code, located, day, slot) do update
      set due_count = r.due_count + excluded.due_count, settled_count = r.settled_count + excluded.settled_count;
    insert into rollup_milestone_month as r (tenant_code, located, month, due_count, settled_count, slot)
    select a.tenant_code, a.located, date_trunc('month', b.day)::date,
           -sum(a.sign * (b.due)), -sum(a.sign * (b.settled)), (select kp_rollup_slot())
      from old_rows x join project p on p.id = x.project_id cross join lateral (values (x.due_on + 1, 1, 0),
      (greatest(x.due_on + 1, x.done_on), 0, case when x.done_on is null then 0 else 1 end)) b(day, due, settled)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 1, 2
    on conflict (tenant_code, located, month, slot) do update
      set due_count = r.due_count + excluded.due_count, settled_count = r.settled_count + excluded.settled_count;
    insert into rollup_milestone as r (tenant_code, located, day, due_count, settled_count, slot)
    select a.tenant_code, a.located, b.day,
           sum(a.sign * (b.due)), sum(a.sign * (b.settled)), (select kp_rollup_slot())
      from new_rows x join project p on p.id = x.project_id cross join lateral (values (x.due_on + 1, 1, 0),
      (greatest(x.due_on + 1, x.done_on), 0, case when x.done_on is null then 0 else 1 end)) b(day, due, settled)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 1, 2
    on conflict (tenant_code, located, day, slot) do update
      set due_count = r.due_count + excluded.due_count, settled_count = r.settled_count + excluded.settled_count;
    insert into rollup_milestone_month as r (tenant_code, located, month, due_count, settled_count, slot)
    select a.tenant_code, a.located, date_trunc('month', b.day)::date,
           sum(a.sign * (b.due)), sum(a.sign * (b.settled)), (select kp_rollup_slot())
      from new_rows x join project p on p.id = x.project_id cross join lateral (values (x.due_on + 1, 1, 0),
      (greatest(x.due_on + 1, x.done_on), 0, case when x.done_on is null then 0 else 1 end)) b(day, due, settled)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 1, 2
    on conflict (tenant_code, located, month, slot) do update
      set due_count = r.due_count + excluded.due_count, settled_count = r.settled_count + excluded.settled_count;
    else
    insert into rollup_milestone as r (tenant_code, located, day, due_count, settled_count, slot)
    select a.tenant_code, a.located, b.day,
           -sum(a.sign * (b.due)), -sum(a.sign * (b.settled)), (select kp_rollup_slot())
      from old_rows x join project p on p.id = x.project_id cross join lateral (values (x.due_on + 1, 1, 0),
      (greatest(x.due_on + 1, x.done_on), 0, case when x.done_on is null then 0 else 1 end)) b(day, due, settled)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 1, 2
    on conflict (tenant_code, located, day, slot) do update
      set due_count = r.due_count + excluded.due_count, settled_count = r.settled_count + excluded.settled_count;
    insert into rollup_milestone_month as r (tenant_code, located, month, due_count, settled_count, slot)
    select a.tenant_code, a.located, date_trunc('month', b.day)::date,
           -sum(a.sign * (b.due)), -sum(a.sign * (b.settled)), (select kp_rollup_slot())
      from old_rows x join project p on p.id = x.project_id cross join lateral (values (x.due_on + 1, 1, 0),
      (greatest(x.due_on + 1, x.done_on), 0, case when x.done_on is null then 0 else 1 end)) b(day, due, settled)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 1, 2
    on conflict (tenant_code, located, month, slot) do update
      set due_count = r.due_count + excluded.due_count, settled_count = r.settled_count + excluded.settled_count;
    end if;
    return null;
  end
$$;
