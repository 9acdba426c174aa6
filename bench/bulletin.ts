import 'reflect-metadata';
import os from 'node:os';
import { MikroORM } from '@mikro-orm/postgresql';
import { devUser } from '../src/auth/dev-users';
import { appOrmOptions } from '../src/mikro-orm.config';
import { importCityTenants } from '../src/modules/tenant/tenant-import';
import { realmOf, startOurs } from './api-servers';
import { inspectorUrl } from '../tests/support/inspector';
import { MemoryWatch, type MemoryPeak } from './memory-watch';
import { seedInBulk } from './rollup';
import { StatementCounter } from './statement-counter';
import { migratedDatabase, startCluster, stopCluster } from './support';

/**
 * npm run bench:bulletin — the monthly bulletin (月通报, issue 17) of a city of 10,000 and 100,000
 * projects (BENCH_SIZES), seeded as bench:rollup seeds it (twelve months of reports, milestones,
 * blockers; loaded in bulk, rollups rebuilt once) plus supervision orders, read over HTTP by its leader from the compiled server in
 * a process of its own: (a) `monthlyBulletin` with every section, the first page of lagging projects
 * and their count; (b) `publishBulletin`; (c) the Excel and the Word file through `bulletinDownload`
 * and a GET of the link, the body streamed and only counted; (d) the same for one county. Per step:
 * p50 time (BENCH_RUNS runs; publishing once, it writes a version each time), SQL statements per run
 * counted on the wire (the server's background jobs included, a few a second at most), bytes, and the
 * server's peak resident set and live heap during the step. Then the growth of each step's peak
 * from the smallest city to the largest: bounded memory means it is small and not proportional.
 */
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').filter(Boolean).map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Last month as of the seed's year: every month of it reported, the bulletin an office circulates now. */
const PERIOD = process.env.BENCH_PERIOD ?? '2026-11';
const CITY = '371400';
/** 德城区: a county of the demo city. */
const COUNTY = '371402';

const LIGHT = 'trafficLight { color reasons { rule message } }';
const PLAN = 'annualPlanWan completedThisYearWan completionRate progressGap';
const RATES = `${PLAN} listedCount timeProgress projectCount totalInvestmentWan pendingWan yearOverYearGrowth netIncreaseWan
  completedSameTimeLastYearWan plannedToStartCount startedCount newStartRate annualStartedCount annualStartRate fundsInPlaceWan
  fundsArrivedThisYearWan overdueMilestoneCount ${LIGHT}`;
const ENTRY = `kind tenantCode tenantName projectId projectName ${PLAN} reasons { rule figure threshold message }`;
const REPORTING =
  'deadlineOn owedCount submittedCount onTimeCount lateCount missingCount approvedCount pendingReviewCount returnedCount onTimeRate';

/** Every section of the bulletin, as the dashboard's 月通报 view reads it, with the lagging projects' first page and count. */
const bulletinQuery = (tenantCode: string) => `{ monthlyBulletin(tenantCode: "${tenantCode}", period: "${PERIOD}") {
  tenantCode tenantName tenantLevel period asOf title sections { section title }
  overview { ${RATES} }
  byTenant { metric rows { tenantCode tenantName position previousPosition positionChange ${RATES} } }
  byCategory { category count listedCount ${PLAN.replace(' progressGap', '')} }
  byDesignationLevel { level listedCount annualPlanWan completedThisYearWan completionRate }
  redList { tenants { ${ENTRY} } projects { ${ENTRY} } }
  blackList { tenants { ${ENTRY} } projects { ${ENTRY} } }
  laggingProjectCount
  laggingProjects(first: 20) { totalCount pageInfo { hasNextPage endCursor }
    nodes { projectId projectName projectCode tenantName ${PLAN} overdueMilestoneCount openBlockerCount ${LIGHT} } }
  blockers { raisedInMonthCount resolvedInMonthCount openCount escalatedCount overdueCount raisedCount resolvedCount resolutionRate
    byType { type raisedCount resolvedCount openCount overdueCount escalatedCount } }
  reporting { total { ${REPORTING} } rows { tenantCode tenantName ${REPORTING} } }
  attraction { leadCount signedCount signedWan startedOfSignedCount fulfilmentRate fundsInPlaceWan fundsArrivedThisYearWan }
  supervisionOrders { issuedInMonthCount closedInMonthCount issuedCount closedCount openCount overdueCount closureRate }
} }`;

const PUBLISH = `mutation($tenantCode: String!, $period: Period!) {
  publishBulletin(tenantCode: $tenantCode, period: $period) { id version laggingProjectCount hash } }`;
const DOWNLOAD = `query($tenantCode: String!, $period: Period!, $format: BulletinFileFormat!) {
  bulletinDownload(tenantCode: $tenantCode, period: $period, format: $format) { url fileName } }`;

/**
 * Supervision orders on one project in twenty, issued a month after the project's planned start
 * with a deadline two months on; every other one closed at its deadline (the figures read each
 * order's last step on the day, so each has its events).
 */
async function seedOrders(admin: MikroORM): Promise<void> {
  const sql = admin.em.fork().getConnection();
  await sql.execute(`insert into supervision_order (id, subject, project_id, owner_tenant_code, title, requirement, addressee_tenant_code,
                                                    deadline_on, status, issued_by_subject, issued_by_name, issued_at, closed_at)
             select gen_random_uuid(), 'PROJECT', id, owner_tenant_code, '督办事项', '限期解决', owner_tenant_code,
                    planned_start_on + 90, (case when n % 40 = 0 then 'CLOSED' else 'ISSUED' end)::order_status, 'bench', 'bench',
                    (planned_start_on + 30)::timestamptz, case when n % 40 = 0 then (planned_start_on + 90)::timestamptz end
               from (select id, owner_tenant_code, planned_start_on, row_number() over (order by id) as n from project) p where n % 20 = 0`);
  await sql.execute(`insert into supervision_order_event (id, order_id, seq, kind, acted_at, acted_by_subject, acted_by_name, status_after)
             select gen_random_uuid(), o.id, e.seq, e.kind::order_event_kind, e.at, 'bench', 'bench', e.kind::order_status
               from supervision_order o
               cross join lateral (values (1, 'ISSUED', o.issued_at), (2, 'CLOSED', o.closed_at)) e(seq, kind, at)
              where e.seq = 1 or o.status = 'CLOSED'`);
}

/** A migrated database of the city at `projects` projects; its URLs and how long the data took. */
async function seededCity(pg: Awaited<ReturnType<typeof startCluster>>['pg'], projects: number) {
  const started = Date.now();
  const urls = await migratedDatabase(pg, `bench_bulletin_${projects}`);
  const admin = await MikroORM.init(appOrmOptions({ clientUrl: urls.adminUrl, poolMax: 2 }));
  try {
    await importCityTenants(admin.em.fork(), CITY);
    await seedInBulk(admin, projects, () => seedOrders(admin));
    await admin.em.fork().getConnection().execute('vacuum analyze');
  } finally {
    await admin.close(true);
  }
  return { ...urls, loadSeconds: (Date.now() - started) / 1000 };
}

interface StepFigures {
  name: string;
  p50: number;
  runs: number;
  statements: number;
  bytes: number | undefined;
  peak: MemoryPeak;
  /** What the answer said, for the reader (lagging count, file name). */
  note: string;
}

async function post(url: string, token: string, query: string, variables?: Record<string, unknown>): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  const body = JSON.parse(text) as { data?: unknown; errors?: unknown };
  if (body.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(body.errors)}`);
  return { data: body.data, bytes: Buffer.byteLength(text) };
}

/** GETs a link and counts its body as it arrives (streamed to nowhere, as to /dev/null): never held whole here. */
async function download(origin: string, path: string): Promise<number> {
  const response = await fetch(new URL(path, origin));
  if (response.status !== 200 || !response.body) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  let bytes = 0;
  for await (const chunk of response.body) bytes += (chunk as Uint8Array).byteLength;
  return bytes;
}

const p50 = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)]!;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} KB`);

/** One city size: the server started on its database, every step measured, the server stopped. */
async function measureCity(pg: Awaited<ReturnType<typeof startCluster>>['pg'], projects: number): Promise<StepFigures[]> {
  const { adminUrl, appUrl, loadSeconds } = await seededCity(pg, projects);
  const counter = await StatementCounter.start(appUrl);
  // The live feed polls every second by default: not what is measured, so rarely.
  const server = await startOurs(counter.urlFor(appUrl), adminUrl, { LOAD_DEMO_DATA: 'false', LOG_LEVEL: 'warn', LIVE_POLL_MS: '60000' }, [
    '--inspect=127.0.0.1:0',
  ]);
  const watch = await MemoryWatch.open(server.pid, inspectorUrl(server.startupOutput));
  const origin = new URL(server.url).origin;
  const realm = await realmOf(server.dataDir);
  const steps: StepFigures[] = [];
  try {
    const idle = await watch.settled();
    console.log(
      `${projects} projects (data loaded in ${loadSeconds.toFixed(0)} s) | server at rest: RSS ${mb(idle.rss)}, live heap ${mb(idle.heapUsed)}`,
    );
    const step = async (name: string, runs: number, work: () => Promise<{ bytes?: number; note: string }>) => {
      await watch.settled();
      const times: number[] = [];
      let peak: MemoryPeak = { rss: 0, heapUsed: 0, rssSource: 'VmHWM' };
      let last: { bytes?: number; note: string } = { note: '' };
      counter.reset();
      for (let run = 0; run < runs; run += 1) {
        const measured = await watch.during(async () => {
          const started = process.hrtime.bigint();
          const result = await work();
          return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
        });
        times.push(measured.result.ms);
        last = measured.result.result;
        peak = {
          rss: Math.max(peak.rss, measured.peak.rss),
          heapUsed: Math.max(peak.heapUsed, measured.peak.heapUsed),
          rssSource: measured.peak.rssSource,
        };
      }
      const figures: StepFigures = {
        name,
        p50: p50(times),
        runs,
        statements: counter.statements / runs,
        bytes: last.bytes,
        peak,
        note: last.note,
      };
      steps.push(figures);
      console.log(
        `  ${name.padEnd(22)} p50 ${figures.p50.toFixed(0).padStart(6)} ms (${runs} run${runs > 1 ? 's' : ''}) | ` +
          `${figures.statements.toFixed(0).padStart(5)} SQL | ${figures.bytes === undefined ? '' : `${kb(figures.bytes)} | `}` +
          `peak RSS ${mb(peak.rss)} (${peak.rssSource}), heap ${mb(peak.heapUsed)} | ${figures.note}`,
      );
    };
    // Each tenant's bulletin by its own leader: only they may publish it (印发).
    for (const [label, tenantCode, leader] of [
      ['city', CITY, 'city-leader'],
      ['county', COUNTY, 'county-leader'],
    ] as const) {
      const token = realm.issue(devUser(leader)!);
      const vars = { tenantCode, period: PERIOD };
      await step(`${label} monthlyBulletin`, RUNS, async () => {
        const { data, bytes } = await post(server.url, token, bulletinQuery(tenantCode));
        const b = data.monthlyBulletin;
        return { bytes, note: `${b.laggingProjectCount} lagging of ${b.overview.listedCount} listed, ${b.byTenant.rows.length} children` };
      });
      await step(`${label} publishBulletin`, 1, async () => {
        const { data } = await post(server.url, token, PUBLISH, vars);
        return { note: `version ${data.publishBulletin.version}, ${data.publishBulletin.laggingProjectCount} lagging rows frozen` };
      });
      for (const format of ['XLSX', 'DOCX'] as const) {
        await step(`${label} ${format} download`, RUNS, async () => {
          const { data } = await post(server.url, token, DOWNLOAD, { ...vars, format });
          return { bytes: await download(origin, data.bulletinDownload.url), note: data.bulletinDownload.fileName };
        });
      }
    }
  } finally {
    watch.close();
    await server.stop();
    await counter.close();
  }
  return steps;
}

async function main(): Promise<void> {
  const load = os.loadavg().map((l) => l.toFixed(2));
  console.log(
    `bench:bulletin on ${os.cpus().length} cores, load average ${load.join(' ')} at start; PostgreSQL, the server and this client ` +
      `on this machine; Node ${process.version}; period ${PERIOD}, ${RUNS} runs a step (publishing 1).\n`,
  );
  const { pg, dir } = await startCluster();
  const bySize = new Map<number, StepFigures[]>();
  try {
    for (const size of SIZES) bySize.set(size, await measureCity(pg, size));
  } finally {
    await stopCluster(pg, dir);
  }
  const sizes = [...bySize.keys()].sort((a, b) => a - b);
  const [smallest, largest] = [sizes[0], sizes.at(-1)];
  if (smallest === undefined || largest === undefined || smallest === largest) return;
  console.log(
    `\nGrowth of each step's peak from ${smallest} to ${largest} projects (${(largest / smallest).toFixed(0)}x the projects): ` +
      'RSS, live heap, time',
  );
  const small = bySize.get(smallest)!;
  for (const big of bySize.get(largest)!) {
    const before = small.find((s) => s.name === big.name)!;
    console.log(
      `  ${big.name.padEnd(22)} RSS ${mb(before.peak.rss)} -> ${mb(big.peak.rss)} (+${mb(big.peak.rss - before.peak.rss)}) | ` +
        `heap ${mb(before.peak.heapUsed)} -> ${mb(big.peak.heapUsed)} | time x${(big.p50 / before.p50).toFixed(1)}`,
    );
  }
  console.log(
    `load average at the end ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
