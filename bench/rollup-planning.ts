/**
 * bench:rollup's issue-18 rows (before and around the year's list), set-based like the rest of its
 * seed so a province loads them in the same few statements: the funding sources of plans, reports
 * and arrivals (资金来源), the preparatory approvals of every project (前期手续), a reserve pool per
 * tenant (储备库) and the target-responsibility letters (目标责任书). Shaped after src/demo/ (the
 * same offices, required kinds, maturities and measures), at any size.
 *
 * The choices come from a hash of the row's id or a tenant's code, so every size and every run holds
 * the same shares (ids are random, so the exact counts move a little from run to run).
 */

/**
 * A plan's or a report's `amount` (a SQL expression, 万元) split as the project unit fills its 调度表:
 * enterprises' works from their own funds and bank loans, the government's from special bonds,
 * local budgets and a central grant; a tenth left unnamed (未注明来源), and every sixth project's
 * plan not broken down at all. Amounts to four decimals, each listed once, together below the amount:
 * what kp_plan_funding_fits checks.
 */
export function fundingSourcesSql(amount: string, project = 'p'): string {
  const part = (source: string, share: number) =>
    `jsonb_build_object('source', '${source}', 'amountWan', round(${amount} * ${share}, 4)::text)`;
  const enterprise = `jsonb_build_array(${part('ENTERPRISE_OWN', 0.6)}, ${part('BANK_LOANS', 0.3)})`;
  const government = `jsonb_build_array(${part('LOCAL_SPECIAL_BONDS', 0.5)}, ${part('LOCAL_FISCAL', 0.2)},
    case when abs(hashtext(${project}.id::text)) % 2 = 0 then ${part('CENTRAL_BUDGET', 0.2)} else ${part('ULTRA_LONG_TREASURY_BONDS', 0.2)} end)`;
  return `case when abs(hashtext(${project}.id::text)) % 6 = 0 then '[]'::jsonb
               when ${project}.category in ('INDUSTRIAL_UPGRADE', 'INVESTMENT_ATTRACTION') then ${enterprise}
               else ${government} end`;
}

/**
 * The source an arrival came through (`day` its date): last autumn's arrival from the largest
 * planned source, this spring's from the second; every tenth arrival recorded without one.
 */
export function arrivalSourceSql(day: string, project = 'project'): string {
  return `(case when abs(hashtext(${project}.id::text || ${day}::text)) % 10 = 0 then null
                when ${project}.category in ('INDUSTRIAL_UPGRADE', 'INVESTMENT_ATTRACTION')
                  then case when extract(month from ${day}) > 6 then 'ENTERPRISE_OWN' else 'BANK_LOANS' end
                else case when extract(month from ${day}) > 6 then 'LOCAL_SPECIAL_BONDS' else 'LOCAL_FISCAL' end end)::funding_source`;
}

/** The four kinds the demo city requires before a start (开工前置), as src/demo/demo-approvals.ts. */
const REQUIRED_TO_START = `'PROJECT_APPROVAL', 'LAND_SUPPLY', 'ENGINEERING_PLANNING_PERMIT', 'CONSTRUCTION_PERMIT'`;

/**
 * The approvals, pool and letters of every tenant whose code starts with `tenantPrefix`, after its
 * projects, plans and stage changes. `run` executes one statement; `year` is the reported year.
 */
export async function seedPlanning(run: (sql: string) => Promise<void>, tenantPrefix: string, year: number): Promise<void> {
  // The day the approval dates are laid out around: the end of October, the month the bench reads.
  const around = `date '${year}-10-31'`;
  await run(`update approval_kind set is_required_to_start = true
              where city_code like '${tenantPrefix}%' and code in (${REQUIRED_TO_START})`);
  // Each project's checklist. Started projects obtained every approval they need in order before
  // their start. Projects not started are part way down the list: the first few approved, the next
  // one or two submitted (a fifth waiting past the time limit), the next few planned (a third of
  // them past the planned date), the rest (the construction permit among them) not recorded yet, so
  // they are held up; one in seven has recorded nothing. Energy review only for industry, land
  // pre-review not needed on one in ten (不涉及). The county's own offices for its and its towns' projects.
  await run(`
    with projects as materialized (
      select p.id, p.stage, p.category, p.planned_start_on, abs(hashtext(p.id::text)) as h, subpath(o.path, 0, 1)::text as city,
             (select c.name from tenant c where c.level = 'COUNTY' and o.path <@ c.path) as county
        from project p join tenant o on o.code = p.owner_tenant_code
       where p.owner_tenant_code like '${tenantPrefix}%'),
    needs as (
      select p.*, k.id as kind_id, k.code, k.office as kind_office, k.time_limit_days,
             not (k.code = 'ENERGY_ASSESSMENT' and p.category <> 'INDUSTRIAL_UPGRADE'
                  or k.code = 'LAND_PRE_REVIEW' and p.h % 10 = 3) as needed
        from projects p join approval_kind k on k.city_code = p.city),
    ranked as (
      select n.*, row_number() over (partition by n.id, n.needed order by n.code = 'CONSTRUCTION_PERMIT', n.time_limit_days, n.kind_id) as r,
             (n.h / 7) % 5 as approved_count, 1 + (n.h / 13) % 2 as submitted_count
        from needs n),
    items as (
      select r.*, case
               when not r.needed then 'NOT_NEEDED'
               when r.stage >= 'STARTED' or r.r <= r.approved_count then 'APPROVED'
               when r.r <= r.approved_count + r.submitted_count then 'SUBMITTED'
               when r.r <= r.approved_count + 4 and r.code <> 'CONSTRUCTION_PERMIT' then 'NOT_STARTED'
             end as state,
             case when r.stage >= 'STARTED' then r.planned_start_on - 210 + 20 * r.r::int
                  else ${around} - 200 + 25 * r.r::int end as submitted_before
        from ranked r
       where r.stage >= 'STARTED' or r.h % 7 <> 0)
    insert into project_approval (id, project_id, kind_id, state, office, submitted_on, approved_on, planned_on, document_number)
    select gen_random_uuid(), i.id, i.kind_id, i.state::approval_state,
           case when i.county is null then null
                when i.kind_office like '%行政审批服务局' then i.county || '行政审批服务局'
                when i.kind_office like '%自然资源和规划局' then i.county || '自然资源局' end,
           case i.state when 'APPROVED' then i.submitted_before
                        when 'SUBMITTED' then ${around} - (i.h / 17) % (case when i.h % 5 = 0 then i.time_limit_days + 40 else i.time_limit_days end) end,
           case when i.state = 'APPROVED' then i.submitted_before + 1 + i.time_limit_days / 2 end,
           case when i.state = 'NOT_STARTED' then ${around} + (i.h / 19 + i.r::int * 7) % 150 - 20 end,
           case when i.state = 'APPROVED' then '审批〔' || extract(year from i.submitted_before) || '〕' || (1 + (i.h / 23 + i.r::int) % 260) || '号' end
      from items i
     where i.state is not null`);
  // A leader's exception (容缺开工) on one project in twenty-five of those not started.
  await run(`insert into project_start_exception (id, project_id, reason, recorded_by_subject, recorded_by_name, recorded_at)
             select gen_random_uuid(), p.id, '经重点项目推进委员会研究同意，实行容缺受理、承诺制开工', 'bench', 'bench',
                    timestamptz '${year}-09-15 10:00:00+08'
               from project p
              where p.owner_tenant_code like '${tenantPrefix}%' and p.stage < 'STARTED' and abs(hashtext(p.id::text)) % 25 = 0`);
  // The pool: every tenant holds a few projects being planned (most ideas or in feasibility), one in
  // eight dropped during the year with the reason; one new project in eight came out of it this year.
  await run(`
    insert into reserve_project (id, name, category, owner_tenant_code, estimated_investment_wan, intended_year, maturity,
                                 promoting_unit, pooled_on, status, closed_on, drop_reason, created_by, created_by_name, updated_by, updated_by_name)
    select gen_random_uuid(), t.name || (array['智能制造产业园', '现代物流园区', '污水处理厂提标改造工程', '乡村振兴示范片区',
                                               '城区道路提升工程', '第二中学新建工程', '新能源储能电站', '农产品冷链物流中心'])[1 + (h / 3) % 8],
           (array['INDUSTRIAL_UPGRADE', 'TRANSPORT_INFRASTRUCTURE', 'URBAN_CONSTRUCTION', 'SOCIAL_UNDERTAKING', 'INVESTMENT_ATTRACTION'])[1 + h % 5]::project_category,
           t.code, 3000 + h % 97000, ${year} + (h / 5) % 2,
           (array['CONCEPT', 'CONCEPT', 'CONCEPT', 'CONCEPT', 'FEASIBILITY_DONE', 'FEASIBILITY_DONE', 'FEASIBILITY_DONE',
                  'APPROVALS_UNDER_WAY', 'APPROVALS_UNDER_WAY', 'READY_TO_START'])[1 + (h / 11) % 10]::reserve_maturity,
           t.name || '发展和改革局', date '${year - 1}-03-01' + (h / 13) % 480,
           (case when h % 8 = 0 then 'DROPPED' else 'POOLED' end)::reserve_status,
           case when h % 8 = 0 then least(date '${year}-10-20', date '${year - 1}-03-01' + (h / 13) % 480 + 30 + (h / 17) % 200) end,
           case when h % 8 = 0 then (array['投资方调整投资计划，项目暂缓实施', '资金来源未落实，暂不具备实施条件',
                                           '用地指标无法落实，项目终止'])[1 + (h / 19) % 3] end,
           'bench', 'bench', 'bench', 'bench'
      from (select t.code, t.name, abs(hashtext(t.code || '#' || n)) as h
              from tenant t cross join lateral generate_series(1, case when t.level = 'CITY' then 6 else 3 + abs(hashtext(t.code)) % 4 end) n
             where t.code like '${tenantPrefix}%') t`);
  await run(`
    insert into reserve_project (id, name, category, owner_tenant_code, estimated_investment_wan, intended_year, maturity, promoting_unit,
                                 pooled_on, status, closed_on, promoted_year, project_id, created_by, created_by_name, updated_by, updated_by_name)
    select gen_random_uuid(), p.name, p.category, p.owner_tenant_code, p.total_investment_wan, ${year}, 'READY_TO_START', '项目单位',
           date '${year - 1}-06-01' + h % 200, 'PROMOTED', date '${year}-01-01' + h % 240, ${year}, p.id, 'bench', 'bench', 'bench', 'bench'
      from (select p.*, abs(hashtext(p.id::text || 'pool')) as h from project p
             where p.owner_tenant_code like '${tenantPrefix}%' and p.nature = 'NEW') p
     where p.h % 8 = 0`);
  // The letters: the city signs with each county and with itself in February, for the year's plan a
  // little above or below, the new projects to start, the funds to bring in and the leads to sign.
  await run(`
    with signers as (
      select t.code, t.path, 0.94 + (abs(hashtext(t.code)) % 13) / 100.0 as share
        from tenant t where t.code like '${tenantPrefix}%' and t.level in ('CITY', 'COUNTY')),
    planned as (
      select s.code, s.share, coalesce(sum(ap.planned_investment_wan), 0) as plan, count(*) filter (where ap.nature = 'NEW') as new_projects
        from signers s
        left join tenant o on o.path <@ s.path
        left join project p on p.owner_tenant_code = o.code
        left join project_annual_plan ap on ap.project_id = p.id and ap.year = ${year}
       group by s.code, s.share)
    insert into responsibility_target (id, tenant_code, year, measure, target_value, signed_on, updated_by, updated_by_name)
    select gen_random_uuid(), p.code, ${year}, m.measure::target_measure, m.value, date '${year}-02-15', 'bench', 'bench'
      from planned p
     cross join lateral (values ('INVESTMENT_COMPLETED', greatest(1000, round(p.plan * p.share, -3))),
                                ('NEW_PROJECTS_STARTED', greatest(1, round(p.new_projects * p.share))),
                                ('FUNDS_ARRIVED', greatest(1000, round(p.plan * 0.8 * p.share, -3))),
                                ('LEADS_SIGNED', 2 + abs(hashtext(p.code)) % 5)) as m(measure, value)`);
  await run(`insert into responsibility_letter (id, tenant_code, year, signed_on, updated_by, updated_by_name)
             select gen_random_uuid(), tenant_code, year, min(signed_on), 'bench', 'bench'
               from responsibility_target where tenant_code like '${tenantPrefix}%' and year = ${year} group by tenant_code, year`);
}
