import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { measure, startCluster, startStack, stopCluster } from './support';

/**
 * npm run bench:rollup — a city at 1,000, 10,000 and 100,000 projects with twelve months of reports
 * each, milestones and blockers, measured over HTTP with an authenticated city leader: the city rollup with its children and
 * trend, and a county ranking. Prints p50/p95 latency and SQL statements per request.
 * Target on 2 cores: city rollup p95 <= 20 ms at 100,000 projects and <= 2x the 1,000 figure.
 */
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const YEAR = 2026;

const CITY_ROLLUP = `{ rollup(tenantCode: "371400", period: "${YEAR}-10") {
  projectCount startRate completionRate timeProgress progressGap yearOverYearGrowth netIncreaseWan completedThisYearWan
  annualPlanWan completedSinceStartWan fundsInPlaceWan overdueMilestoneCount trafficLight { color reasons { rule } }
  byStage { stage count } byCategory { category count }
  children { tenant { code name } projectCount completionRate progressGap startRate overdueMilestoneCount trafficLight { color } }
  trend(from: "${YEAR}-01", to: "${YEAR}-10") { period completedInMonthWan completionRate }
} }`;
const COUNTY_RANKING = `{ ranking(parentCode: "371402", period: "${YEAR}-10", metric: COMPLETION_RATE) {
  position previousPosition positionChange value rollup { tenant { code name } completionRate trafficLight { color } } } }`;

/** Projects spread over every tenant of the city, with plans, a start, reports and milestones; set-based SQL. */
export async function seedForProbe(admin: MikroORM, projects: number): Promise<void> {
  return seed(admin, projects);
}

async function seed(admin: MikroORM, projects: number): Promise<void> {
  const run = (sql: string) => admin.em.fork().getConnection().execute(sql);
  const chunk = 10_000;
  for (let from = 1; from <= projects; from += chunk) {
    const to = Math.min(projects, from + chunk - 1);
    await run(`
      with tenants as (select array_agg(code order by code) as codes from tenant where code like '3714%'),
      rows as (
        select gen_random_uuid() as id, n, (select codes[1 + n % array_length(codes, 1)] from tenants) as owner
          from generate_series(${from}, ${to}) n)
      insert into project (id, name, category, nature, stage, designation_levels, owner_tenant_code, location_tenant_code,
                           total_investment_wan, completed_before_tracking_wan, planned_start_on, created_at, updated_at)
      select id, 'bench project ' || n,
             (array['KEY_PROVINCIAL_CITY','INDUSTRIAL_UPGRADE','TRANSPORT_INFRASTRUCTURE','INVESTMENT_ATTRACTION','URBAN_CONSTRUCTION','SOCIAL_UNDERTAKING','OTHER'])[1 + n % 7]::project_category,
             (array['NEW','CONTINUING','CONTINUING','PREPARATORY'])[1 + n % 4]::project_nature,
             (case when n % 4 = 0 then 'PREPARATORY' else 'UNDER_CONSTRUCTION' end)::project_stage,
             (array['{COUNTY}', '{COUNTY,CITY}', '{CITY,PROVINCIAL}'])[1 + n % 3]::designation_level[], owner,
             -- one project in ten built below its owner (属地), where its owner has tenants below
             case when n % 10 = 0 then (select t.code from tenant t join tenant o on o.code = owner
                                         where t.path <@ o.path and t.code <> owner order by t.code limit 1) end,
             10000 + n % 90000, n % 3000, make_date(${YEAR}, 1 + n % 12, 1 + n % 28), now(), now()
        from rows`);
  }
  // Funds in place: two dated arrivals per project (the total is their sum).
  await run(`insert into fund_arrival (id, project_id, arrived_on, amount_wan, recorded_by, recorded_by_name)
             select gen_random_uuid(), id, d, 500 + (extract(day from planned_start_on)::int * 37) % 2500, 'bench', 'bench'
               from project, (values (date '${YEAR - 1}-11-15'), (date '${YEAR}-05-10')) v(d)`);
  await run(`insert into project_annual_plan (id, project_id, year, planned_investment_wan)
             select gen_random_uuid(), id, y, total_investment_wan / 3 from project, (values (${YEAR - 1}), (${YEAR})) v(y)`);
  await run(`insert into project_stage_change (id, project_id, from_stage, to_stage, changed_on, recorded_by, recorded_by_name)
             select gen_random_uuid(), id, null, stage, planned_start_on, 'bench', 'bench' from project`);
  for (let month = 1; month <= 12; month += 1) {
    // Approved, as a month's reports are once reviewed (a draft counts in no figure).
    await run(`insert into progress_report (id, project_id, period, completed_investment_wan, progress_note, stage_at_month_end, reported_by, reported_by_name, status)
               select gen_random_uuid(), id, make_date(${month <= 10 ? YEAR : YEAR - 1}, ${month}, 1),
                      round(total_investment_wan / 40 * (0.5 + random())::numeric, 4), '施工中', stage, 'bench', 'bench', 'APPROVED'
                 from project where stage = 'UNDER_CONSTRUCTION'`);
  }
  await run(`insert into milestone (id, project_id, title, due_on, done_on)
             select gen_random_uuid(), id, '节点', planned_start_on + 90, case when random() < 0.7 then planned_start_on + 80 end from project`);
  // A blocker on one project in ten, raised a month after its planned start; half of them resolved
  // two months later (the tenant lights count the projects with one open).
  await run(`insert into blocker (id, project_id, type, description, responsible_unit, deadline_on, status, raised_by, raised_by_name)
             select gen_random_uuid(), id, (array['LAND','FUNDING','APPROVALS','UTILITIES'])[1 + n % 4]::blocker_type, '要素制约', '责任单位',
                    planned_start_on + 90, (case when n % 20 = 0 then 'RESOLVED' else 'OPEN' end)::blocker_status, 'bench', 'bench'
               from (select id, planned_start_on, row_number() over (order by id) as n from project) p where n % 10 = 0`);
  await run(`insert into blocker_event (id, blocker_id, seq, kind, at, actor_subject, actor_name, status_after)
             select gen_random_uuid(), b.id, e.seq, e.kind::blocker_event_kind, e.at, 'bench', 'bench', e.status::blocker_status
               from blocker b
               cross join lateral (values (1, 'RAISED', (b.deadline_on - 60)::timestamp, 'OPEN'),
                                          (2, 'RESOLVED', (b.deadline_on)::timestamp, 'RESOLVED')) e(seq, kind, at, status)
              where e.seq = 1 or b.status = 'RESOLVED'`);
}

async function main(): Promise<void> {
  const { pg, dir } = await startCluster();
  const rows: string[] = [];
  try {
    for (const size of SIZES) {
      const started = Date.now();
      const stack = await startStack(pg, `bench_${size}`, (admin) => seed(admin, size));
      const loadSeconds = (Date.now() - started) / 1000;
      const token = stack.token('city-leader');
      const rollup = await measure(stack, token, CITY_ROLLUP, REQUESTS);
      const ranking = await measure(stack, token, COUNTY_RANKING, REQUESTS);
      await stack.close();
      const line =
        `${String(size).padStart(7)} projects | city rollup p50 ${rollup.p50.toFixed(1)} ms, p95 ${rollup.p95.toFixed(1)} ms, ` +
        `max ${rollup.max.toFixed(1)} ms, ${rollup.statementsPerRequest.toFixed(1)} SQL/request | county ranking p50 ${ranking.p50.toFixed(1)} ms, ` +
        `p95 ${ranking.p95.toFixed(1)} ms, ${ranking.statementsPerRequest.toFixed(1)} SQL/request | data loaded in ${loadSeconds.toFixed(1)} s`;
      console.log(line);
      rows.push(line);
    }
  } finally {
    await stopCluster(pg, dir);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
