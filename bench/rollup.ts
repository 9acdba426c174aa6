import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { DASHBOARD_CLIENT, type DevUser } from '../src/auth/dev-users';
import { Role } from '../src/auth/roles';
import { officialDivisions } from '../src/modules/tenant/tenant-import';
import type { EmbeddedPostgres } from '../src/db/embedded-postgres';
import { arrivalSourceSql, fundingSourcesSql, seedPlanning } from './rollup-planning';
import { answer, measure, startCluster, startStack, stopCluster, type BenchStack, type Timing } from './support';

/**
 * npm run bench:rollup — a city at 1,000, 10,000 and 100,000 projects with twelve months of reports
 * each, milestones and blockers, measured over HTTP with an authenticated city leader: the city rollup with its children and
 * trend, a county ranking, and the first page of the city's red projects with their count (the light
 * filter judges every project in SQL). Prints p50/p95 latency and SQL statements per request.
 * Target on 2 cores: city rollup p95 <= 20 ms at 100,000 projects and <= 2x the 1,000 figure.
 *
 * BENCH_PROVINCE=1 adds a province: every city of 山东省 (16, with their official counties and
 * towns, about 1,950 tenants) holding BENCH_PROVINCE_PROJECTS projects (1,000,000) between them,
 * seeded the same way. The product has no province tenant, so the province's dashboard is every
 * city's rollup read by that city's leader (a provincial wall of sixteen screens): its p95 is over
 * all of them. BENCH_SIZES= (empty) runs the province alone.
 */
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').filter(Boolean).map(Number);
const PROVINCE = process.env.BENCH_PROVINCE === '1';
const PROVINCE_PROJECTS = Number(process.env.BENCH_PROVINCE_PROJECTS ?? 1_000_000);
/** The city loaded both ways before the province, to check the rebuild against the triggers. */
const CHECK_PROJECTS = Number(process.env.BENCH_CHECK_PROJECTS ?? 2_000);
/** 山东省: two-digit province prefix of the official codes. */
const PROVINCE_PREFIX = '37';
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const YEAR = 2026;

const cityRollup = (cityCode: string) => `{ rollup(tenantCode: "${cityCode}", period: "${YEAR}-10") {
  projectCount startRate completionRate timeProgress progressGap yearOverYearGrowth netIncreaseWan completedThisYearWan
  annualPlanWan completedSinceStartWan fundsInPlaceWan overdueMilestoneCount trafficLight { color reasons { rule } }
  byStage { stage count } byCategory { category count }
  children { tenant { code name } projectCount completionRate progressGap startRate overdueMilestoneCount trafficLight { color } }
  trend(from: "${YEAR}-01", to: "${YEAR}-10") { period completedInMonthWan completionRate }
} }`;
const CITY_ROLLUP = cityRollup('371400');
/** The 项目 list filtered by light (the dashboard's 红灯项目): every project of the city judged in SQL. */
const RED_PROJECTS = `{ projects(filter: { lights: [RED], lightPeriod: "${YEAR}-10" }, first: 20) {
  totalCount nodes { id name stage trafficLight(period: "${YEAR}-10") { color } } } }`;
const COUNTY_RANKING = `{ ranking(parentCode: "371402", period: "${YEAR}-10", metric: COMPLETION_RATE) {
  position previousPosition positionChange value rollup { tenant { code name } completionRate trafficLight { color } } } }`;

/**
 * The 总览's issue-18 panels as the dashboard asks them (OverviewPlanning in
 * src/dashboard/api/overview-documents.ts): the letter's progress, the plan and completion by funding
 * source, the pending approvals per office and the reserve pool, in one read of a tenant's rollup.
 */
const planningPanels = (tenantCode: string) => `{ rollup(tenantCode: "${tenantCode}", period: "${YEAR}-10") {
  targetProgress { measure targetValue actualValue completionRate }
  byFundingSource { source plannedWan plannedShare completedThisYearWan completionRate fundsArrivedThisYearWan fundsInPlaceWan arrivalRate }
  approvals { pendingCount submittedCount overdueCount heldUpProjectCount
              byOffice { office pendingCount submittedCount overdueCount warnedCount light } }
  reservePool { pooledCount pooledInvestmentWan yearPooledCount yearPromotedCount yearDroppedCount conversionRate
                byMaturity { maturity count estimatedInvestmentWan } }
} }`;
const CITY_PLANNING = planningPanels('371400');
/** 德城区, the county the ranking reads. */
const COUNTY_PLANNING = planningPanels('371402');
/** The 项目 list a leader opens from 卡在手续 (kp_approval_blocked_projects judges every project of the city). */
const HELD_UP_PROJECTS = `{ projects(filter: { heldUpByApprovals: true }, first: 20) { totalCount nodes { id name } } }`;

/** Projects spread over every tenant of the city, with plans, a start, reports and milestones; set-based SQL. */
export async function seedForProbe(admin: MikroORM, projects: number): Promise<void> {
  return seed(admin, projects);
}

/**
 * seedForProbe's city as a bulk load (loadInBulk: no trail, rollups rebuilt once, the province's
 * path that rebuildCheckLine holds equal to the triggers), with `alsoLoad` inside it. Through the
 * triggers, a city of 100,000 projects spent over ten minutes on its fund arrivals alone.
 */
export async function seedInBulk(admin: MikroORM, projects: number, alsoLoad: () => Promise<void> = async () => {}): Promise<void> {
  await loadInBulk(admin, async () => {
    await seed(admin, projects);
    await alsoLoad();
  });
}

/**
 * The triggers of the audit trail and the change outbox: a bulk load is no one's edit, and at a
 * province's size their per-row hash chain and events were most of the load's time (an hour where
 * the rest takes minutes).
 */
const TRAIL_TRIGGERS = `select format('alter table %s %s trigger %I', t.tgrelid::regclass, ?::text, t.tgname) as statement
                          from pg_trigger t join pg_proc f on f.oid = t.tgfoid
                         where not t.tgisinternal and (f.proname like 'kp\\_audit%' or f.proname like 'kp\\_record%change')`;

/**
 * The rollup triggers of the raw tables (the sums and the flag spans). Off for a province's load:
 * each statement of the load would otherwise add its rows to every ancestor's sums through ON
 * CONFLICT updates, which at 1,000,000 projects did not finish in an hour; the load ends with one
 * set-based rebuild instead. The trigger on rollup_flag_span stays on: the rebuild inserts the
 * spans in one statement and that trigger turns them into the flag sums. The triggers that keep
 * raw columns (a project's started_on and funds in place, a plan's monthly targets) stay on too.
 */
const ROLLUP_TRIGGERS = `select format('alter table %s %s trigger %I', t.tgrelid::regclass, ?::text, t.tgname) as statement
                           from pg_trigger t join pg_proc f on f.oid = t.tgfoid
                          where not t.tgisinternal and f.proname like 'kp\\_rollup\\_%'
                            and t.tgrelid <> 'rollup_flag_span'::regclass`;

/** Runs `work` with the triggers that `triggers` lists (ALTER TABLE statements, by action) disabled. */
async function withTriggersOff<T>(admin: MikroORM, triggers: string, work: () => Promise<T>): Promise<T> {
  const toggle = async (action: 'disable' | 'enable') => {
    const connection = admin.em.fork().getConnection();
    const statements = await connection.execute<{ statement: string }[]>(triggers, [action]);
    if (statements.length === 0) throw new Error(`no trigger to ${action}: ${triggers}`);
    for (const { statement } of statements) await connection.execute(statement);
  };
  await toggle('disable');
  try {
    return await work();
  } finally {
    await toggle('enable');
  }
}

async function withoutTrail(admin: MikroORM, load: () => Promise<void>): Promise<void> {
  return withTriggersOff(admin, TRAIL_TRIGGERS, load);
}

/** How long a bulk load's parts took, in seconds. */
interface BulkLoadTimes {
  rawSeconds: number;
  rebuildSeconds: number;
}

/**
 * A bulk load: the raw rows with no trail and no rollup triggers, then every rollup rebuilt once
 * from them by the database's own `kp_rebuild_rollups()` (the function migrations use), then the
 * triggers back on, so the writes that follow keep the rollups as always. `profile` receives the
 * rebuild's statements that took a second or more, with their plans and row counts (auto_explain).
 */
async function loadInBulk(admin: MikroORM, load: () => Promise<void>, profile?: (line: string) => void): Promise<BulkLoadTimes> {
  return withTriggersOff(admin, TRAIL_TRIGGERS, () =>
    withTriggersOff(admin, ROLLUP_TRIGGERS, async () => {
      const started = Date.now();
      await load();
      const loaded = Date.now();
      // Fresh statistics first: the rebuild's plans were made for the empty tables of before the load.
      await admin.em.fork().getConnection().execute('analyze');
      await rebuildRollups(admin, profile);
      return { rawSeconds: (loaded - started) / 1000, rebuildSeconds: (Date.now() - loaded) / 1000 };
    }),
  );
}

/** `select kp_rebuild_rollups()` on a connection of its own, where auto_explain can report to. */
async function rebuildRollups(admin: MikroORM, profile?: (line: string) => void): Promise<void> {
  const client = new Client({ connectionString: admin.config.get('clientUrl') });
  await client.connect();
  try {
    if (profile) {
      // Plans with row counts but no per-node timing (its clock calls would slow a 20-minute
      // rebuild down); each statement's duration is in the report's first line.
      client.on('notice', (notice) => profile(notice.message ?? ''));
      await client.query(`load 'auto_explain'`);
      await client.query(`set auto_explain.log_min_duration = '1s'`);
      await client.query(`set auto_explain.log_nested_statements = on`);
      await client.query(`set auto_explain.log_analyze = on`);
      await client.query(`set auto_explain.log_timing = off`);
      await client.query(`set auto_explain.log_level = notice`);
    }
    // With a server running (the check), its compaction job can hold a slot's lock and wait for a
    // rollup table the rebuild has truncated, while the rebuild's flag trigger waits for that slot:
    // a deadlock, seen here. Compaction skips its turn while someone holds its lock, so take it first.
    // Each rollup statement joins a fact table to every project's tenants (kp_rollup_tenants, three
    // index probes a call). With fresh statistics the planner calls it once per fact row behind a
    // Memoize it expects to hit, but whose cache is flushed at every row (0 hits in 480,000 at
    // 20,000 projects): twice the time. Without Memoize it expands each project once and hash-joins
    // the facts. The larger work_mem keeps the hash joins and aggregates of millions of rows in memory.
    await client.query('set enable_memoize = off');
    await client.query(`set work_mem = '256MB'`);
    await client.query('begin');
    await client.query(`select pg_advisory_xact_lock(hashtext('kp_compact_rollup_slot'))`);
    await client.query('select kp_rebuild_rollups()');
    await client.query('commit');
  } finally {
    await client.end();
  }
}

/** Projects spread over every tenant whose code starts with `tenantPrefix` (德州市's by default). */
async function seed(admin: MikroORM, projects: number, tenantPrefix = '3714', reportProgress = false): Promise<void> {
  const started = Date.now();
  // A province takes minutes: say how far it got (on stderr, apart from the figures).
  const run = async (sql: string) => {
    await admin.em.fork().getConnection().execute(sql);
    if (reportProgress)
      process.stderr.write(`  ${((Date.now() - started) / 1000).toFixed(0)} s: ${sql.trim().slice(0, 60).replace(/\s+/g, ' ')}\n`);
  };
  const chunk = 10_000;
  for (let from = 1; from <= projects; from += chunk) {
    const to = Math.min(projects, from + chunk - 1);
    // Materialized: inlined (PostgreSQL does that to a CTE used once), the subquery below rebuilt the
    // array of every tenant for each row, most of a province's project inserts.
    await run(`
      with tenants as materialized (select array_agg(code order by code) as codes from tenant where code like '${tenantPrefix}%'),
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
  await run(`insert into fund_arrival (id, project_id, arrived_on, amount_wan, recorded_by, recorded_by_name, source)
             select gen_random_uuid(), id, d, 500 + (extract(day from planned_start_on)::int * 37) % 2500, 'bench', 'bench', ${arrivalSourceSql('d')}
               from project, (values (date '${YEAR - 1}-11-15'), (date '${YEAR}-05-10')) v(d)`);
  await run(`insert into project_annual_plan (id, project_id, year, planned_investment_wan, funding_sources)
             select gen_random_uuid(), p.id, y, plan.wan, ${fundingSourcesSql('plan.wan')}
               from project p cross join (values (${YEAR - 1}), (${YEAR})) v(y)
               cross join lateral (select round(p.total_investment_wan / 3, 4) as wan) plan`);
  await run(`insert into project_stage_change (id, project_id, from_stage, to_stage, changed_on, recorded_by, recorded_by_name)
             select gen_random_uuid(), id, null, stage, planned_start_on, 'bench', 'bench' from project`);
  for (let month = 1; month <= 12; month += 1) {
    // Approved, as a month's reports are once reviewed (a draft counts in no figure).
    await run(`insert into progress_report (id, project_id, period, completed_investment_wan, progress_note, stage_at_month_end, reported_by, reported_by_name, status, funding_sources)
               select gen_random_uuid(), p.id, make_date(${month <= 10 ? YEAR : YEAR - 1}, ${month}, 1),
                      done.wan, '施工中', p.stage, 'bench', 'bench', 'APPROVED', ${fundingSourcesSql('done.wan')}
                 from project p cross join lateral (select round(p.total_investment_wan / 40 * (0.5 + random())::numeric, 4) as wan) done
                where p.stage = 'UNDER_CONSTRUCTION'`);
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
  await seedPlanning(run, tenantPrefix, YEAR);
}

/**
 * The rollup tables: those whose primary key holds a slot. A figure is the sum of its key's rows
 * over the slots (the triggers add to a connection's slot, the rebuild writes slot 0).
 */
const ROLLUP_TABLES = `select c.relname as name,
                              array_agg(a.attname::text order by a.attnum) filter (where a.attnum = any(i.indkey::int2[]) and a.attname <> 'slot') as keys,
                              array_agg(a.attname::text order by a.attnum) filter (where not a.attnum = any(i.indkey::int2[])) as sums
                         from pg_index i join pg_class c on c.oid = i.indrelid
                         join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                        where i.indisprimary and c.relnamespace = 'public'::regnamespace
                          and exists (select 1 from pg_attribute s where s.attrelid = c.oid and s.attname = 'slot'
                                                                  and s.attnum = any(i.indkey::int2[]))
                        group by c.relname order by c.relname`;

/** A rollup table's figures: one row per key, summed over the slots; keys whose sums are all zero left out. */
function figures(table: { name: string; keys: string[]; sums: string[] }): string {
  const keys = table.keys.map((k) => `"${k}"`).join(', ');
  return `select ${keys}, ${table.sums.map((v) => `sum("${v}") as "${v}"`).join(', ')} from "${table.name}" group by ${keys}
          having not (${table.sums.map((v) => `sum("${v}") = 0`).join(' and ')})`;
}

/**
 * The province's load skips the rollup triggers and rebuilds the rollups once at the end: that is
 * only a measurement of the product if the rebuild gives the figures the triggers keep. A city is
 * loaded through the triggers (as any write goes), its figures kept, then rebuilt the way the
 * province is (triggers off, `kp_rebuild_rollups()`, triggers on): every rollup table, summed over
 * the slots, the flag spans, and the city rollup and county ranking over HTTP must be the same.
 * Throws (the run stops, exit code 1) at the first difference.
 */
async function rebuildCheckLine(pg: EmbeddedPostgres, projects: number): Promise<string> {
  const stack = await startStack(pg, 'bench_rebuild_check', (admin) => withoutTrail(admin, () => seed(admin, projects)));
  try {
    const sql = stack.admin.em.fork().getConnection();
    const token = stack.token('city-leader');
    const readings = async () => JSON.stringify([await answer(stack, token, CITY_ROLLUP), await answer(stack, token, COUNTY_RANKING)]);
    const tables = await sql.execute<{ name: string; keys: string[]; sums: string[] }[]>(ROLLUP_TABLES);
    if (tables.length < 10) throw new Error(`rebuild check: found only ${tables.length} rollup tables`);
    const kept = (name: string) => `"rebuild_check_${name}"`;
    for (const table of tables) await sql.execute(`create table ${kept(table.name)} as ${figures(table)}`);
    await sql.execute(`create table ${kept('rollup_flag_span')} as select project_id, flag, from_on, to_on from rollup_flag_span`);
    const before = await readings();

    const { rebuildSeconds } = await loadInBulk(stack.admin, async () => {});

    const differences: string[] = [];
    let compared = 0;
    const compare = async (name: string, now: string) => {
      const [count] = await sql.execute<{ rows: number }[]>(`select count(*)::int as rows from ${kept(name)}`);
      const rows = count?.rows ?? 0;
      compared += rows;
      const differing = await sql.execute<Record<string, unknown>[]>(
        `(select 'triggers' as side, * from (select * from ${kept(name)} except all ${now}) a)
         union all (select 'rebuild', * from (${now} except all select * from ${kept(name)}) b) limit 6`,
      );
      if (rows === 0) differences.push(`${name}: no figures at all`);
      if (differing.length > 0) differences.push(`${name}: ${differing.map((row) => JSON.stringify(row)).join('; ')}`);
    };
    for (const table of tables) await compare(table.name, figures(table));
    await compare('rollup_flag_span', 'select project_id, flag, from_on, to_on from rollup_flag_span');
    const after = await readings();
    if (after !== before) differences.push(`the city rollup or county ranking over HTTP:\n  triggers ${before}\n  rebuild  ${after}`);
    if (differences.length > 0)
      throw new Error(
        `rebuild check FAILED: kp_rebuild_rollups() differs from the triggers at ${projects} projects:\n- ${differences.join('\n- ')}`,
      );
    return (
      `rebuild check: ${projects} projects loaded through the triggers, then rebuilt in ${rebuildSeconds.toFixed(1)} s | ` +
      `${tables.length} rollup tables and the flag spans (${compared} rows), the city rollup and county ranking: equal`
    );
  } finally {
    await stack.close();
  }
}

const ms = (timing: Timing) => `p50 ${timing.p50.toFixed(1)} ms, p95 ${timing.p95.toFixed(1)} ms`;

/** The 德州市 city rollup and county ranking, as a line of the report. */
async function cityLine(stack: BenchStack, label: string, loadSeconds: number): Promise<string> {
  const token = stack.token('city-leader');
  const rollup = await measure(stack, token, CITY_ROLLUP, REQUESTS);
  const ranking = await measure(stack, token, COUNTY_RANKING, REQUESTS);
  // Fewer rounds: each one judges every project of the city.
  const red = await measure(stack, token, RED_PROJECTS, Math.max(20, Math.ceil(REQUESTS / 10)));
  const { projects } = (await answer(stack, token, RED_PROJECTS)) as { projects: { totalCount: number } };
  return (
    `${label} | city rollup ${ms(rollup)}, ` +
    `max ${rollup.max.toFixed(1)} ms, ${rollup.statementsPerRequest.toFixed(1)} SQL/request | county ranking ${ms(ranking)}, ` +
    `${ranking.statementsPerRequest.toFixed(1)} SQL/request | red projects page + count (${projects.totalCount}) ${ms(red)} | ` +
    `data loaded in ${loadSeconds.toFixed(1)} s`
  );
}

/** The issue-18 panels of the city and of a county, and the held-up list, as a line of the report. */
async function planningLine(stack: BenchStack, label: string): Promise<string> {
  const token = stack.token('city-leader');
  const city = await measure(stack, token, CITY_PLANNING, REQUESTS);
  const county = await measure(stack, token, COUNTY_PLANNING, REQUESTS);
  const heldUp = await measure(stack, token, HELD_UP_PROJECTS, Math.max(20, Math.ceil(REQUESTS / 10)));
  const { projects } = (await answer(stack, token, HELD_UP_PROJECTS)) as { projects: { totalCount: number } };
  const { rollup } = (await answer(stack, token, CITY_PLANNING)) as {
    rollup: { approvals: { pendingCount: number; overdueCount: number }; reservePool: { pooledCount: number } };
  };
  const sql = (timing: Timing) => `${timing.statementsPerRequest.toFixed(1)} SQL/request`;
  return (
    `${label} | issue-18 panels: city ${ms(city)}, ${sql(city)} | county ${ms(county)}, ${sql(county)} | ` +
    // No statement count for the list, as for the red projects: its page and count go straight to the
    // connection (queryRows in src/db/request-sql.ts), past the knex event the bench counts.
    `held-up projects page + count (${projects.totalCount}) ${ms(heldUp)} | ` +
    `city: ${rollup.approvals.pendingCount} approvals pending, ${rollup.approvals.overdueCount} overdue, ${rollup.reservePool.pooledCount} pooled`
  );
}

/** The leader of a city of the province: a made-up user of the development realm. */
const cityLeaderOf = (cityCode: string): DevUser => ({
  username: `city-leader-${cityCode}`,
  subject: `bench-city-leader-${cityCode}`,
  name: `市领导${cityCode}`,
  tenantCode: cityCode,
  roles: [Role.CITY_LEADER],
  clientId: DASHBOARD_CLIENT,
  description: `leader of ${cityCode}`,
});

/** Every city's rollup read by its own leader: the p95 over all of them. */
async function provinceLine(stack: BenchStack, cityCodes: readonly string[]): Promise<string> {
  const times: number[] = [];
  let slowest = { cityCode: '', p95: 0 };
  const perCity = Math.max(20, Math.ceil(REQUESTS / cityCodes.length));
  for (const cityCode of cityCodes) {
    const timing = await measure(stack, stack.token(cityLeaderOf(cityCode)), cityRollup(cityCode), perCity);
    times.push(...timing.times);
    if (timing.p95 > slowest.p95) slowest = { cityCode, p95: timing.p95 };
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return (
    `province: ${cityCodes.length} cities | every city's rollup by its leader p50 ${at(0.5).toFixed(1)} ms, ` +
    `p95 ${at(0.95).toFixed(1)} ms (slowest city ${slowest.cityCode} p95 ${slowest.p95.toFixed(1)} ms)`
  );
}

async function main(): Promise<void> {
  const { pg, dir } = await startCluster();
  try {
    for (const size of SIZES) {
      const started = Date.now();
      const stack = await startStack(pg, `bench_${size}`, (admin) => seed(admin, size));
      const label = `${String(size).padStart(7)} projects`;
      const line = await cityLine(stack, label, (Date.now() - started) / 1000);
      const planning = await planningLine(stack, label);
      await stack.close();
      console.log(line);
      console.log(planning);
    }
    if (PROVINCE) {
      console.log(await rebuildCheckLine(pg, CHECK_PROJECTS));
      const cityCodes = officialDivisions()
        .cities.filter((c) => c.code.startsWith(PROVINCE_PREFIX))
        .map((c) => `${c.code}00`);
      const started = Date.now();
      let times: BulkLoadTimes = { rawSeconds: 0, rebuildSeconds: 0 };
      const load = async (admin: MikroORM) => {
        const profile = (report: string) => process.stderr.write(`  rebuild: ${report}\n`);
        times = await loadInBulk(admin, () => seed(admin, PROVINCE_PROJECTS, PROVINCE_PREFIX, true), profile);
      };
      const stack = await startStack(pg, 'bench_province', load, cityCodes);
      const loadSeconds = (Date.now() - started) / 1000;
      console.log(
        `province of ${PROVINCE_PROJECTS} projects loaded in ${loadSeconds.toFixed(1)} s | raw rows ${times.rawSeconds.toFixed(1)} s, ` +
          `rollups rebuilt ${times.rebuildSeconds.toFixed(1)} s, the rest (migrations, ${cityCodes.length} cities' tenants, vacuum analyze) ` +
          `${(loadSeconds - times.rawSeconds - times.rebuildSeconds).toFixed(1)} s`,
      );
      console.log(await cityLine(stack, `province of ${PROVINCE_PROJECTS} projects, 德州市`, loadSeconds));
      console.log(await provinceLine(stack, cityCodes));
      await stack.close();
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
