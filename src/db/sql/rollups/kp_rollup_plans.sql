-- kp_rollup_plans: Statement trigger on project_annual_plan: keeps the plan sums of the rollup
-- tables.
--
-- Called by: the triggers project_annual_plan_rollup_delete, project_annual_plan_rollup_insert,
--   project_annual_plan_rollup_update on project_annual_plan

create or replace function kp_rollup_plans()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  begin
    if tg_op = 'INSERT' then
    insert into rollup_list as r (tenant_code, located, category, year, nature, bucket, listed_count, planned_wan, slot)
    select a.tenant_code, a.located, p.category, n.year, n.nature, kp_start_bucket(make_date(n.year, 1, 1), p.started_on),
           sum(a.sign * (1)), sum(a.sign * (n.planned_investment_wan)), (select kp_rollup_slot())
      from new_rows n join project p on p.id = n.project_id
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 4, 5, 6, 1, 2
    on conflict (tenant_code, located, category, year, nature, bucket, slot) do update
      set listed_count = r.listed_count + excluded.listed_count, planned_wan = r.planned_wan + excluded.planned_wan;
    insert into rollup_level_list as r (tenant_code, located, level, year, nature, bucket, listed_count, planned_wan, slot)
    select a.tenant_code, a.located, lv.level, n.year, n.nature, kp_start_bucket(make_date(n.year, 1, 1), p.started_on),
           sum(a.sign * (1)), sum(a.sign * (n.planned_investment_wan)), (select kp_rollup_slot())
      from new_rows n join project p on p.id = n.project_id cross join unnest(n.designation_levels) lv(level)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 4, 5, 6, 1, 2
    on conflict (tenant_code, located, level, year, nature, bucket, slot) do update
      set listed_count = r.listed_count + excluded.listed_count, planned_wan = r.planned_wan + excluded.planned_wan;
    insert into rollup_level_month as r (tenant_code, located, level, period, completed_wan, pending_wan, slot)
    select a.tenant_code, a.located, lv.level, x.period,
           sum(a.sign * (case when x.status = 'APPROVED' then x.completed_investment_wan else 0 end)), sum(a.sign * (case when x.status in ('SUBMITTED', 'RESUBMITTED') then x.completed_investment_wan else 0 end)), (select kp_rollup_slot())
      from progress_report x join project p on p.id = x.project_id
      join new_rows n on n.project_id = x.project_id and n.year = extract(year from x.period)
      cross join unnest(n.designation_levels) lv(level)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where x.status in ('APPROVED', 'SUBMITTED', 'RESUBMITTED')
     group by 3, 4, 1, 2
    on conflict (tenant_code, located, level, period, slot) do update
      set completed_wan = r.completed_wan + excluded.completed_wan, pending_wan = r.pending_wan + excluded.pending_wan;
    elsif tg_op = 'UPDATE' then
    insert into rollup_list as r (tenant_code, located, category, year, nature, bucket, listed_count, planned_wan, slot)
    select a.tenant_code, a.located, p.category, n.year, n.nature, kp_start_bucket(make_date(n.year, 1, 1), p.started_on),
           -sum(a.sign * (1)), -sum(a.sign * (n.planned_investment_wan)), (select kp_rollup_slot())
      from old_rows n join project p on p.id = n.project_id
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 4, 5, 6, 1, 2
    on conflict (tenant_code, located, category, year, nature, bucket, slot) do update
      set listed_count = r.listed_count + excluded.listed_count, planned_wan = r.planned_wan + excluded.planned_wan;
    insert into rollup_level_list as r (tenant_code, located, level, year, nature, bucket, listed_count, planned_wan, slot)
    select a.tenant_code, a.located, lv.level, n.year, n.nature, kp_start_bucket(make_date(n.year, 1, 1), p.started_on),
           -sum(a.sign * (1)), -sum(a.sign * (n.planned_investment_wan)), (select kp_rollup_slot())
      from old_rows n join project p on p.id = n.project_id cross join unnest(n.designation_levels) lv(level)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 4, 5, 6, 1, 2
    on conflict (tenant_code, located, level, year, nature, bucket, slot) do update
      set listed_count = r.listed_count + excluded.listed_count, planned_wan = r.planned_wan + excluded.planned_wan;
    insert into rollup_list as r (tenant_code, located, category, year, nature, bucket, listed_count, planned_wan, slot)
    select a.tenant_code, a.located, p.category, n.year, n.nature, kp_start_bucket(make_date(n.year, 1, 1), p.started_on),
           sum(a.sign * (1)), sum(a.sign * (n.planned_investment_wan)), (select kp_rollup_slot())
      from new_rows n join project p on p.id = n.project_id
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 4, 5, 6, 1, 2
    on conflict (tenant_code, located, category, year, nature, bucket, slot) do update
      set listed_count = r.listed_count + excluded.listed_count, planned_wan = r.planned_wan + excluded.planned_wan;
    insert into rollup_level_list as r (tenant_code, located, level, year, nature, bucket, listed_count, planned_wan, slot)
    select a.tenant_code, a.located, lv.level, n.year, n.nature, kp_start_bucket(make_date(n.year, 1, 1), p.started_on),
           sum(a.sign * (1)), sum(a.sign * (n.planned_investment_wan)), (select kp_rollup_slot())
      from new_rows n join project p on p.id = n.project_id cross join unnest(n.designation_levels) lv(level)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 4, 5, 6, 1, 2
    on conflict (tenant_code, located, level, year, nature, bucket, slot) do update
      set listed_count = r.listed_count + excluded.listed_count, planned_wan = r.planned_wan + excluded.planned_wan;
    insert into rollup_level_month as r (tenant_code, located, level, period, completed_wan, pending_wan, slot)
    select a.tenant_code, a.located, lv.level, x.period,
           -sum(a.sign * (case when x.status = 'APPROVED' then x.completed_investment_wan else 0 end)), -sum(a.sign * (case when x.status in ('SUBMITTED', 'RESUBMITTED') then x.completed_investment_wan else 0 end)), (select kp_rollup_slot())
      from progress_report x join project p on p.id = x.project_id
      join (select m.* from old_rows m join new_rows o on o.id = m.id where (m.project_id, m.year, m.designation_levels) is distinct from (o.project_id, o.year, o.designation_levels)) n on n.project_id = x.project_id and n.year = extract(year from x.period)
      cross join unnest(n.designation_levels) lv(level)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where x.status in ('APPROVED', 'SUBMITTED', 'RESUBMITTED')
     group by 3, 4, 1, 2
    on conflict (tenant_code, located, level, period, slot) do update
      set completed_wan = r.completed_wan + excluded.completed_wan, pending_wan = r.pending_wan + excluded.pending_wan;
    insert into rollup_level_month as r (tenant_code, located, level, period, completed_wan, pending_wan, slot)
    select a.tenant_code, a.located, lv.level, x.period,
           sum(a.sign * (case when x.status = 'APPROVED' then x.completed_investment_wan else 0 end)), sum(a.sign * (case when x.status in ('SUBMITTED', 'RESUBMITTED') then x.completed_investment_wan else 0 end)), (select kp_rollup_slot())
      from progress_report x join project p on p.id = x.project_id
      join (select m.* from new_rows m join old_rows o on o.id = m.id where (m.project_id, m.year, m.designation_levels) is distinct from (o.project_id, o.year, o.designation_levels)) n on n.project_id = x.project_id and n.year = extract(year from x.period)
      cross join unnest(n.designation_levels) lv(level)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where x.status in ('APPROVED', 'SUBMITTED', 'RESUBMITTED')
     group by 3, 4, 1, 2
    on conflict (tenant_code, located, level, period, slot) do update
      set completed_wan = r.completed_wan + excluded.completed_wan, pending_wan = r.pending_wan + excluded.pending_wan;
    else
    insert into rollup_list as r (tenant_code, located, category, year, nature, bucket, listed_count, planned_wan, slot)
    select a.tenant_code, a.located, p.category, n.year, n.nature, kp_start_bucket(make_date(n.year, 1, 1), p.started_on),
           -sum(a.sign * (1)), -sum(a.sign * (n.planned_investment_wan)), (select kp_rollup_slot())
      from old_rows n join project p on p.id = n.project_id
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 4, 5, 6, 1, 2
    on conflict (tenant_code, located, category, year, nature, bucket, slot) do update
      set listed_count = r.listed_count + excluded.listed_count, planned_wan = r.planned_wan + excluded.planned_wan;
    insert into rollup_level_list as r (tenant_code, located, level, year, nature, bucket, listed_count, planned_wan, slot)
    select a.tenant_code, a.located, lv.level, n.year, n.nature, kp_start_bucket(make_date(n.year, 1, 1), p.started_on),
           -sum(a.sign * (1)), -sum(a.sign * (n.planned_investment_wan)), (select kp_rollup_slot())
      from old_rows n join project p on p.id = n.project_id cross join unnest(n.designation_levels) lv(level)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 4, 5, 6, 1, 2
    on conflict (tenant_code, located, level, year, nature, bucket, slot) do update
      set listed_count = r.listed_count + excluded.listed_count, planned_wan = r.planned_wan + excluded.planned_wan;
    insert into rollup_level_month as r (tenant_code, located, level, period, completed_wan, pending_wan, slot)
    select a.tenant_code, a.located, lv.level, x.period,
           -sum(a.sign * (case when x.status = 'APPROVED' then x.completed_investment_wan else 0 end)), -sum(a.sign * (case when x.status in ('SUBMITTED', 'RESUBMITTED') then x.completed_investment_wan else 0 end)), (select kp_rollup_slot())
      from progress_report x join project p on p.id = x.project_id
      join old_rows n on n.project_id = x.project_id and n.year = extract(year from x.period)
      cross join unnest(n.designation_levels) lv(level)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where x.status in ('APPROVED', 'SUBMITTED', 'RESUBMITTED')
     group by 3, 4, 1, 2
    on conflict (tenant_code, located, level, period, slot) do update
      set completed_wan = r.completed_wan + excluded.completed_wan, pending_wan = r.pending_wan + excluded.pending_wan;
    end if;
    return null;
  end
$$;
