-- kp_rebuild_rollup_sums: Recomputes project.started_on and every rollup sum from the raw rows
-- (repair, bulk loads, verification: the rollup property test compares it with what the triggers
-- kept).
--
-- Called by: kp_rebuild_rollups

create or replace function kp_rebuild_rollup_sums()
  returns void
  language plpgsql
  security definer
  set search_path = public
as $$
  begin

    update project p set started_on = s.started_on
      from (select q.id,
                   case when last.to_stage >= 'STARTED' then (
                     select max(c.changed_on) from project_stage_change c
                      where c.project_id = q.id and c.to_stage >= 'STARTED'
                        and (c.from_stage is null or c.from_stage < 'STARTED')) end as started_on
              from project q
              left join lateral (select y.to_stage from project_stage_change y where y.project_id = q.id
                                  order by y.changed_on desc, y.recorded_at desc, y.id desc limit 1) last on true) s
     where p.id = s.id and p.started_on is distinct from s.started_on;
    truncate rollup_project, rollup_report_month, rollup_level_month, rollup_list, rollup_level_list, rollup_funds, rollup_milestone, rollup_milestone_month, rollup_target,
             rollup_report_source_month;

    insert into rollup_project as r (tenant_code, located, stage, category, project_count, total_investment_wan, opening_wan)
    select a.tenant_code, a.located, p.stage, p.category,
           sum(a.sign * (1)), sum(a.sign * (p.total_investment_wan)), sum(a.sign * (p.completed_before_tracking_wan))
      from project p
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 4, 1, 2
    on conflict (tenant_code, located, stage, category, slot) do update
      set project_count = r.project_count + excluded.project_count, total_investment_wan = r.total_investment_wan + excluded.total_investment_wan, opening_wan = r.opening_wan + excluded.opening_wan;
    insert into rollup_report_month as r (tenant_code, located, category, period, completed_wan, report_count, pending_wan)
    select a.tenant_code, a.located, p.category, x.period,
           sum(a.sign * (case when x.status = 'APPROVED' then x.completed_investment_wan else 0 end)), sum(a.sign * (case when x.status = 'APPROVED' then 1 else 0 end)), sum(a.sign * (case when x.status in ('SUBMITTED', 'RESUBMITTED') then x.completed_investment_wan else 0 end))
      from progress_report x join project p on p.id = x.project_id
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where x.status in ('APPROVED', 'SUBMITTED', 'RESUBMITTED')
     group by 3, 4, 1, 2
    on conflict (tenant_code, located, category, period, slot) do update
      set completed_wan = r.completed_wan + excluded.completed_wan, report_count = r.report_count + excluded.report_count, pending_wan = r.pending_wan + excluded.pending_wan;
    insert into rollup_level_month as r (tenant_code, located, level, period, completed_wan, pending_wan)
    select a.tenant_code, a.located, lv.level, x.period,
           sum(a.sign * (case when x.status = 'APPROVED' then x.completed_investment_wan else 0 end)), sum(a.sign * (case when x.status in ('SUBMITTED', 'RESUBMITTED') then x.completed_investment_wan else 0 end))
      from progress_report x join project p on p.id = x.project_id
      join project_annual_plan n on n.project_id = x.project_id and n.year = extract(year from x.period)
      cross join unnest(n.designation_levels) lv(level)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where x.status in ('APPROVED', 'SUBMITTED', 'RESUBMITTED')
     group by 3, 4, 1, 2
    on conflict (tenant_code, located, level, period, slot) do update
      set completed_wan = r.completed_wan + excluded.completed_wan, pending_wan = r.pending_wan + excluded.pending_wan;
    insert into rollup_report_source_month as r (tenant_code, located, source, period, completed_wan)
    select a.tenant_code, a.located, s.source, x.period,
           sum(a.sign * s.amount)
      from progress_report x join project p on p.id = x.project_id
      cross join lateral kp_report_sources(x.funding_sources, x.completed_investment_wan) s
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a
     where x.status = 'APPROVED'
     group by 3, 4, 1, 2
    on conflict (tenant_code, located, source, period, slot) do update
      set completed_wan = r.completed_wan + excluded.completed_wan;
    insert into rollup_list as r (tenant_code, located, category, year, nature, bucket, listed_count, planned_wan)
    select a.tenant_code, a.located, p.category, n.year, n.nature, kp_start_bucket(make_date(n.year, 1, 1), p.started_on),
           sum(a.sign * (1)), sum(a.sign * (n.planned_investment_wan))
      from project_annual_plan n join project p on p.id = n.project_id
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 4, 5, 6, 1, 2
    on conflict (tenant_code, located, category, year, nature, bucket, slot) do update
      set listed_count = r.listed_count + excluded.listed_count, planned_wan = r.planned_wan + excluded.planned_wan;
    insert into rollup_level_list as r (tenant_code, located, level, year, nature, bucket, listed_count, planned_wan)
    select a.tenant_code, a.located, lv.level, n.year, n.nature, kp_start_bucket(make_date(n.year, 1, 1), p.started_on),
           sum(a.sign * (1)), sum(a.sign * (n.planned_investment_wan))
      from project_annual_plan n join project p on p.id = n.project_id cross join unnest(n.designation_levels) lv(level)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 4, 5, 6, 1, 2
    on conflict (tenant_code, located, level, year, nature, bucket, slot) do update
      set listed_count = r.listed_count + excluded.listed_count, planned_wan = r.planned_wan + excluded.planned_wan;
    insert into rollup_funds as r (tenant_code, located, category, period, arrived_wan)
    select a.tenant_code, a.located, p.category, date_trunc('month', x.arrived_on)::date,
           sum(a.sign * (x.amount_wan))
      from fund_arrival x join project p on p.id = x.project_id
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 4, 1, 2
    on conflict (tenant_code, located, category, period, slot) do update
      set arrived_wan = r.arrived_wan + excluded.arrived_wan;
    insert into rollup_milestone as r (tenant_code, located, day, due_count, settled_count)
    select a.tenant_code, a.located, b.day,
           sum(a.sign * (b.due)), sum(a.sign * (b.settled))
      from milestone x join project p on p.id = x.project_id cross join lateral (values (x.due_on + 1, 1, 0),
      (greatest(x.due_on + 1, x.done_on), 0, case when x.done_on is null then 0 else 1 end)) b(day, due, settled)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 1, 2
    on conflict (tenant_code, located, day, slot) do update
      set due_count = r.due_count + excluded.due_count, settled_count = r.settled_count + excluded.settled_count;
    insert into rollup_milestone_month as r (tenant_code, located, month, due_count, settled_count)
    select a.tenant_code, a.located, date_trunc('month', b.day)::date,
           sum(a.sign * (b.due)), sum(a.sign * (b.settled))
      from milestone x join project p on p.id = x.project_id cross join lateral (values (x.due_on + 1, 1, 0),
      (greatest(x.due_on + 1, x.done_on), 0, case when x.done_on is null then 0 else 1 end)) b(day, due, settled)
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 1, 2
    on conflict (tenant_code, located, month, slot) do update
      set due_count = r.due_count + excluded.due_count, settled_count = r.settled_count + excluded.settled_count;
    insert into rollup_target as r (tenant_code, located, period, target_wan)
    select a.tenant_code, a.located, x.period,
           sum(a.sign * (x.target_wan))
      from project_monthly_target x join project p on p.id = x.project_id
      cross join lateral kp_rollup_tenants(p.owner_tenant_code, p.location_tenant_code) a

     group by 3, 1, 2
    on conflict (tenant_code, located, period, slot) do update
      set target_wan = r.target_wan + excluded.target_wan;
  end
$$;

revoke execute on function kp_rebuild_rollup_sums() from public;
