-- kp_rollup_reports: Statement trigger on progress_report: keeps the reported (approved and
-- pending) sums, and the approved completion by funding source (rollup_report_source_month).
--
-- Called by: the triggers progress_report_rollup_delete, progress_report_rollup_insert,
--   progress_report_rollup_update on progress_report

create or replace function kp_rollup_reports()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  begin
    if tg_op = 'INSERT' then
    insert into rollup_report_month as r (tenant_code, located, category, period, completed_wan, report_count, pending_wan, slot)
    select a.tenant_code, a.located, p.category, x.period,
           sum(a.sign * (case when x.status = 'APPROVED' then x.completed_investment_wan else 0 end)), sum(a.sign * (case when x.status = 'APPROVED' then 1 else 0 end)), sum(a.sign * (case when x.status in ('SUBMITTED', 'RESUBMITTED') then x.completed_investment_wan else 0 end)), (select kp_rollup_slot())
      from new_rows x join project p on p.id = x.project_id
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where x.status in ('APPROVED', 'SUBMITTED', 'RESUBMITTED')
     group by 3, 4, 1, 2
    on conflict (tenant_code, located, category, period, slot) do update
      set completed_wan = r.completed_wan + excluded.completed_wan, report_count = r.report_count + excluded.report_count, pending_wan = r.pending_wan + excluded.pending_wan;
    insert into rollup_level_month as r (tenant_code, located, level, period, completed_wan, pending_wan, slot)
    select a.tenant_code, a.located, lv.level, x.period,
           sum(a.sign * (case when x.status = 'APPROVED' then x.completed_investment_wan else 0 end)), sum(a.sign * (case when x.status in ('SUBMITTED', 'RESUBMITTED') then x.completed_investment_wan else 0 end)), (select kp_rollup_slot())
      from new_rows x join project p on p.id = x.project_id
      join project_annual_plan n on n.project_id = x.project_id and n.year = extract(year from x.period)
      cross join unnest(n.designation_levels) lv(level)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where x.status in ('APPROVED', 'SUBMITTED', 'RESUBMITTED')
     group by 3, 4, 1, 2
    on conflict (tenant_code, located, level, period, slot) do update
      set completed_wan = r.completed_wan + excluded.completed_wan, pending_wan = r.pending_wan + excluded.pending_wan;
    insert into rollup_report_source_month as r (tenant_code, located, source, period, completed_wan, slot)
    select a.tenant_code, a.located, s.source, x.period,
           sum(a.sign * s.amount), (select kp_rollup_slot())
      from new_rows x join project p on p.id = x.project_id
      cross join lateral kp_report_sources(x.funding_sources, x.completed_investment_wan) s
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where x.status = 'APPROVED'
     group by 3, 4, 1, 2
    on conflict (tenant_code, located, source, period, slot) do update
      set completed_wan = r.completed_wan + excluded.completed_wan;
    elsif tg_op = 'UPDATE' then
    insert into rollup_report_source_month as r (tenant_code, located, source, period, completed_wan, slot)
    select a.tenant_code, a.located, s.source, x.period,
           -sum(a.sign * s.amount), (select kp_rollup_slot())
      from old_rows x join project p on p.id = x.project_id
      cross join lateral kp_report_sources(x.funding_sources, x.completed_investment_wan) s
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where x.status = 'APPROVED'
     group by 3, 4, 1, 2
    on conflict (tenant_code, located, source, period, slot) do update
      set completed_wan = r.completed_wan + excluded.completed_wan;
    insert into rollup_report_month as r (tenant_code, located, category, period, completed_wan, report_count, pending_wan, slot)
    select a.tenant_code, a.located, p.category, x.period,
           -sum(a.sign * (case when x.status = 'APPROVED' then x.completed_investment_wan else 0 end)), -sum(a.sign * (case when x.status = 'APPROVED' then 1 else 0 end)), -sum(a.sign * (case when x.status in ('SUBMITTED', 'RESUBMITTED') then x.completed_investment_wan else 0 end)), (select kp_rollup_slot())
      from old_rows x join project p on p.id = x.project_id
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where x.status in ('APPROVED', 'SUBMITTED', 'RESUBMITTED')
     group by 3, 4, 1, 2
    on conflict (tenant_code, located, category, period, slot) do update
      set completed_wan = r.completed_wan + excluded.completed_wan, report_count = r.report_count + excluded.report_count, pending_wan = r.pending_wan + excluded.pending_wan;
    insert into rollup_level_month as r (tenant_code, located, level, period, completed_wan, pending_wan, slot)
    select a.tenant_code, a.located, lv.level, x.period,
           -sum(a.sign * (case when x.status = 'APPROVED' then x.completed_investment_wan else 0 end)), -sum(a.sign * (case when x.status in ('SUBMITTED', 'RESUBMITTED') then x.completed_investment_wan else 0 end)), (select kp_rollup_slot())
      from old_rows x join project p on p.id = x.project_id
      join project_annual_plan n on n.project_id = x.project_id and n.year = extract(year from x.period)
      cross join unnest(n.designation_levels) lv(level)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where x.status in ('APPROVED', 'SUBMITTED', 'RESUBMITTED')
     group by 3, 4, 1, 2
    on conflict (tenant_code, located, level, period, slot) do update
      set completed_wan = r.completed_wan + excluded.completed_wan, pending_wan = r.pending_wan + excluded.pending_wan;
    insert into rollup_report_month as r (tenant_code, located, category, period, completed_wan, report_count, pending_wan, slot)
    select a.tenant_code, a.located, p.category, x.period,
           sum(a.sign * (case when x.status = 'APPROVED' then x.completed_investment_wan else 0 end)), sum(a.sign * (case when x.status = 'APPROVED' then 1 else 0 end)), sum(a.sign * (case when x.status in ('SUBMITTED', 'RESUBMITTED') then x.completed_investment_wan else 0 end)), (select kp_rollup_slot())
      from new_rows x join project p on p.id = x.project_id
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where x.status in ('APPROVED', 'SUBMITTED', 'RESUBMITTED')
     group by 3, 4, 1, 2
    on conflict (tenant_code, located, category, period, slot) do update
      set completed_wan = r.completed_wan + excluded.completed_wan, report_count = r.report_count + excluded.report_count, pending_wan = r.pending_wan + excluded.pending_wan;
    insert into rollup_level_month as r (tenant_code, located, level, period, completed_wan, pending_wan, slot)
    select a.tenant_code, a.located, lv.level, x.period,
           sum(a.sign * (case when x.status = 'APPROVED' then x.completed_investment_wan else 0 end)), sum(a.sign * (case when x.status in ('SUBMITTED', 'RESUBMITTED') then x.completed_investment_wan else 0 end)), (select kp_rollup_slot())
      from new_rows x join project p on p.id = x.project_id
      join project_annual_plan n on n.project_id = x.project_id and n.year = extract(year from x.period)
      cross join unnest(n.designation_levels) lv(level)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where x.status in ('APPROVED', 'SUBMITTED', 'RESUBMITTED')
     group by 3, 4, 1, 2
    on conflict (tenant_code, located, level, period, slot) do update
      set completed_wan = r.completed_wan + excluded.completed_wan, pending_wan = r.pending_wan + excluded.pending_wan;
    insert into rollup_report_source_month as r (tenant_code, located, source, period, completed_wan, slot)
    select a.tenant_code, a.located, s.source, x.period,
           sum(a.sign * s.amount), (select kp_rollup_slot())
      from new_rows x join project p on p.id = x.project_id
      cross join lateral kp_report_sources(x.funding_sources, x.completed_investment_wan) s
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where x.status = 'APPROVED'
     group by 3, 4, 1, 2
    on conflict (tenant_code, located, source, period, slot) do update
      set completed_wan = r.completed_wan + excluded.completed_wan;
    else
    insert into rollup_report_month as r (tenant_code, located, category, period, completed_wan, report_count, pending_wan, slot)
    select a.tenant_code, a.located, p.category, x.period,
           -sum(a.sign * (case when x.status = 'APPROVED' then x.completed_investment_wan else 0 end)), -sum(a.sign * (case when x.status = 'APPROVED' then 1 else 0 end)), -sum(a.sign * (case when x.status in ('SUBMITTED', 'RESUBMITTED') then x.completed_investment_wan else 0 end)), (select kp_rollup_slot())
      from old_rows x join project p on p.id = x.project_id
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where x.status in ('APPROVED', 'SUBMITTED', 'RESUBMITTED')
     group by 3, 4, 1, 2
    on conflict (tenant_code, located, category, period, slot) do update
      set completed_wan = r.completed_wan + excluded.completed_wan, report_count = r.report_count + excluded.report_count, pending_wan = r.pending_wan + excluded.pending_wan;
    insert into rollup_level_month as r (tenant_code, located, level, period, completed_wan, pending_wan, slot)
    select a.tenant_code, a.located, lv.level, x.period,
           -sum(a.sign * (case when x.status = 'APPROVED' then x.completed_investment_wan else 0 end)), -sum(a.sign * (case when x.status in ('SUBMITTED', 'RESUBMITTED') then x.completed_investment_wan else 0 end)), (select kp_rollup_slot())
      from old_rows x join project p on p.id = x.project_id
      join project_annual_plan n on n.project_id = x.project_id and n.year = extract(year from x.period)
      cross join unnest(n.designation_levels) lv(level)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where x.status in ('APPROVED', 'SUBMITTED', 'RESUBMITTED')
     group by 3, 4, 1, 2
    on conflict (tenant_code, located, level, period, slot) do update
      set completed_wan = r.completed_wan + excluded.completed_wan, pending_wan = r.pending_wan + excluded.pending_wan;
    insert into rollup_report_source_month as r (tenant_code, located, source, period, completed_wan, slot)
    select a.tenant_code, a.located, s.source, x.period,
           -sum(a.sign * s.amount), (select kp_rollup_slot())
      from old_rows x join project p on p.id = x.project_id
      cross join lateral kp_report_sources(x.funding_sources, x.completed_investment_wan) s
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where x.status = 'APPROVED'
     group by 3, 4, 1, 2
    on conflict (tenant_code, located, source, period, slot) do update
      set completed_wan = r.completed_wan + excluded.completed_wan;
    end if;
    return null;
  end
$$;
