import 'reflect-metadata';
import { Worker } from 'node:worker_threads';
import type { MikroORM } from '@mikro-orm/postgresql';
import { adHocUser } from '../src/auth/dev-realm';
import { Role } from '../src/auth/roles';
import { HTTP_POST_SOURCE, startCluster, startStack, stopCluster, type BenchStack } from './support';

/**
 * npm run bench:writes — do writes scale with the towns writing? Closed-loop HTTP writers (each
 * sends its next mutation when the last one answered), each a town officer of a different town of
 * the city, for BENCH_SECONDS (10) per cell: createProject and reportProgress with 1 writer and with
 * 16 writers in 16 towns; then the same with every trigger disabled (BENCH_UPKEEP=0 skips it), which
 * prices the upkeep the triggers do (outbox, audit trail, rollups): upkeep share = 1 - with / without.
 * Prints writes/s, p50/p99 and SQL statements per write. Target on 2 cores: 16 writers >= 8x one.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WRITERS = (process.env.BENCH_WRITERS ?? '1,16').split(',').map(Number);
const UPKEEP = process.env.BENCH_UPKEEP !== '0';
/** BENCH_PROFILE=1: after each cell, the database functions that took the most time per write. */
const PROFILE = process.env.BENCH_PROFILE === '1';
/** Projects seeded per town for reportProgress: each report is a new (project, month). */
const PROJECTS_PER_TOWN = 400;
const MONTHS = 11;

const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`;
const REPORT = `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`;

interface Writer {
  token: string;
  town: string;
  /** Projects of the town to report on. */
  projects: string[];
}

/**
 * The writers run in a thread of their own (its own event loop, as clients on other machines), each
 * with one keep-alive connection. Each write's body is made from the writer's index and a counter.
 */
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, writers, kind, seconds, months } = workerData;
${HTTP_POST_SOURCE}
function body(writer, n) {
  if (kind === 'createProject') {
    return { query: ${JSON.stringify(CREATE)}, variables: { input: { name: '压测项目 ' + writer.town + '-' + n, category: 'OTHER',
      nature: 'NEW', ownerTenantCode: writer.town, totalInvestmentWan: '1000', plannedStartOn: '2026-03-01',
      annualPlans: [{ year: 2026, plannedInvestmentWan: '300' }] } } };
  }
  const project = writer.projects[Math.floor(n / months) % writer.projects.length];
  const month = 1 + (n % months);
  return { query: ${JSON.stringify(REPORT)}, variables: { input: { projectId: project,
    period: '2026-' + String(month).padStart(2, '0'), completedInvestmentWan: '12.5', progressNote: '按计划推进' } } };
}
(async () => {
  const until = Date.now() + seconds * 1000;
  const times = [];
  let failures = 0;
  let firstFailure;
  await Promise.all(writers.map(async (writer, index) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (let n = writer.offset; Date.now() < until; n += 1) {
      const start = process.hrtime.bigint();
      const answer = JSON.parse(await post(url, agent, writer.token, JSON.stringify(body(writer, n))));
      if (answer.errors) { failures += 1; firstFailure = firstFailure || JSON.stringify(answer.errors); continue; }
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    agent.destroy();
  }));
  parentPort.postMessage({ times, failures, firstFailure });
})().catch((error) => parentPort.postMessage({ error: String(error) }));
`;

interface Cell {
  writesPerSecond: number;
  p50: number;
  p99: number;
  failures: number;
  statementsPerWrite: number;
  /** The server's connections busy on average, by what they were doing. */
  waits: string;
}

/** Where each writer left off, so no (project, month) is reported twice across cells. */
const offsets = new Map<string, number>();

/**
 * What the server's connections are doing, sampled every 100 ms while `work` runs: how many were
 * waiting on a lock (row or transaction id), how many running or idle in a transaction.
 */
async function sampleConnections<T>(stack: BenchStack, work: Promise<T>): Promise<{ result: T; waits: string }> {
  const counts = new Map<string, number>();
  let samples = 0;
  let done = false;
  const sampling = (async () => {
    while (!done) {
      const rows = await stack.admin.em.fork().execute<{ what: string; n: number }[]>(
        `select case when wait_event_type = 'Lock' then 'lock:' || wait_event when state = 'active' then 'running'
                     else state end as what, count(*)::int as n
           from pg_stat_activity where datname = current_database() and usename <> current_user and state <> 'idle' group by 1`,
      );
      for (const row of rows) counts.set(row.what, (counts.get(row.what) ?? 0) + row.n);
      samples += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const result = await work;
  done = true;
  await sampling;
  const waits = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([what, n]) => `${what} ${(n / Math.max(1, samples)).toFixed(1)}`)
    .join(', ');
  return { result, waits };
}

async function runCell(stack: BenchStack, writers: Writer[], kind: 'createProject' | 'reportProgress'): Promise<Cell> {
  const before = stack.statements.length;
  const payload = writers.map((w) => ({ ...w, offset: offsets.get(w.town) ?? 0 }));
  const running = new Promise<{ times: number[]; failures: number; firstFailure?: string }>((resolve, reject) => {
    const worker = new Worker(CLIENT, {
      eval: true,
      workerData: { url: stack.url, writers: payload, kind, seconds: SECONDS, months: MONTHS },
    });
    worker.once('message', (message: { times: number[]; failures: number; firstFailure?: string } | { error: string }) => {
      void worker.terminate();
      if ('error' in message) reject(new Error(message.error));
      else resolve(message);
    });
    worker.once('error', reject);
  });
  const { result, waits } = await sampleConnections(stack, running);
  if (result.firstFailure) console.error(`${kind}: ${result.failures} failed, first: ${result.firstFailure}`);
  // Each writer's count is not known apart; move every writer past the most any could have written.
  for (const w of payload) offsets.set(w.town, w.offset + result.times.length + result.failures + 1);
  const times = result.times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  const writes = times.length + result.failures;
  return {
    writesPerSecond: times.length / SECONDS,
    p50: at(0.5),
    p99: at(0.99),
    failures: result.failures,
    statementsPerWrite: writes ? (stack.statements.length - before) / writes : 0,
    waits,
  };
}

/** Projects in every town, no viewer (so no audit records), with this year's plan. */
async function seed(admin: MikroORM, towns: string[]): Promise<void> {
  // Tenant codes are digits: written into the SQL as they are.
  const list = `array[${towns.map((t) => `'${t}'`).join(', ')}]::varchar[]`;
  await admin.em.fork().execute(
    `insert into project (id, name, category, nature, stage, owner_tenant_code, total_investment_wan, planned_start_on, created_at, updated_at)
     select gen_random_uuid(), '压测存量项目 ' || t || '-' || n, 'OTHER', 'CONTINUING', 'UNDER_CONSTRUCTION', t, 5000, '2025-03-01', now(), now()
       from unnest(${list}) t, generate_series(1, ${PROJECTS_PER_TOWN}) n`,
  );
  await admin.em.fork().execute(
    `insert into project_annual_plan (id, project_id, year, planned_investment_wan)
     select gen_random_uuid(), p.id, 2026, 1000 from project p where p.owner_tenant_code = any(${list})`,
  );
}

/** Turns every user trigger of the business tables off or back on (the owner's connection). */
async function setTriggers(admin: MikroORM, enabled: boolean): Promise<void> {
  const tables = await admin.em.fork().execute<
    { table: string }[]
  >(`select distinct c.relname as table from pg_trigger g join pg_class c on c.oid = g.tgrelid
                                  join pg_namespace s on s.oid = c.relnamespace where s.nspname = 'public' and not g.tgisinternal`);
  for (const { table } of tables) {
    await admin.em.fork().execute(`alter table "${table}" ${enabled ? 'enable' : 'disable'} trigger user`);
  }
}

/** Prints the functions' own time per write since the last call (track_functions, this cluster only); returns the totals. */
async function functionProfile(admin: MikroORM, before: Map<string, number>, writes: number): Promise<Map<string, number>> {
  const em = admin.em.fork();
  if (before.size === 0) {
    await em.execute(`alter system set track_functions = 'pl'`);
    await em.execute('select pg_reload_conf()');
  }
  // Statistics reach the shared counters within a second.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const rows = await em.execute<{ name: string; ms: number }[]>(`select funcname as name, self_time as ms from pg_stat_user_functions`);
  const now = new Map(rows.map((r) => [r.name, Number(r.ms)]));
  if (writes > 0) {
    const spent = [...now].map(([name, ms]) => [name, (ms - (before.get(name) ?? 0)) / writes] as const).filter(([, ms]) => ms > 0.05);
    spent.sort((a, b) => b[1] - a[1]);
    console.log(`   functions, ms per write: ${spent.map(([name, ms]) => `${name} ${ms.toFixed(2)}`).join(', ')}`);
  }
  return now;
}

async function main(): Promise<void> {
  const { pg, dir } = await startCluster();
  let stack: BenchStack | undefined;
  /** Cells whose writes were refused: the command exits 1. */
  const failed: string[] = [];
  try {
    let towns: string[] = [];
    stack = await startStack(pg, 'bench_writes', async (admin) => {
      // Sixteen towns, spread over the counties first (one from each, then a second from each ...).
      const rows = await admin.em.fork().execute<{ code: string }[]>(
        `select code from (select code, row_number() over (partition by parent_code order by code) as n from tenant where level = 'TOWN') t
          order by n, code limit 16`,
      );
      towns = rows.map((r) => r.code);
      await seed(admin, towns);
    });
    const projects = await stack.admin.em
      .fork()
      .execute<{ town: string; ids: string[] }[]>(
        `select owner_tenant_code as town, array_agg(id::text order by id) as ids from project group by owner_tenant_code`,
      );
    const byTown = new Map(projects.map((p) => [p.town, p.ids]));
    const writers: Writer[] = towns.map((town, i) => ({
      town,
      projects: byTown.get(town) ?? [],
      token: stack!.token(adHocUser({ subject: `bench-writer-${i}`, name: `压测员${i}`, tenantCode: town, roles: [Role.TOWN_OFFICER] })),
    }));
    console.log(`${towns.length} towns: ${towns.join(' ')}; ${SECONDS} s per cell, closed-loop HTTP writers`);
    const results = new Map<string, Cell>();
    let profile = PROFILE ? await functionProfile(stack.admin, new Map(), 0) : new Map<string, number>();
    const phases: [string, boolean][] = UPKEEP
      ? [
          ['with triggers', true],
          ['every trigger disabled', false],
        ]
      : [['with triggers', true]];
    for (const [phase, enabled] of phases) {
      await setTriggers(stack.admin, enabled);
      for (const kind of ['createProject', 'reportProgress'] as const) {
        for (const count of WRITERS) {
          const cell = await runCell(stack, writers.slice(0, count), kind);
          results.set(`${phase}|${kind}|${count}`, cell);
          // A rate of refusals measures nothing: the run fails (as bench:api's does past 1%).
          if (cell.failures > 0.01 * (cell.failures + cell.writesPerSecond * SECONDS))
            failed.push(`${phase} ${kind} x${count}: ${cell.failures} failed`);
          if (PROFILE) profile = await functionProfile(stack.admin, profile, Math.round(cell.writesPerSecond * SECONDS));
          console.log(
            `${phase.padEnd(22)} ${kind.padEnd(14)} ${String(count).padStart(2)} writer(s): ${cell.writesPerSecond.toFixed(1).padStart(6)} writes/s, ` +
              `p50 ${cell.p50.toFixed(1)} ms, p99 ${cell.p99.toFixed(1)} ms, ${cell.statementsPerWrite.toFixed(1)} SQL/write` +
              (cell.failures ? `, ${cell.failures} failed` : '') +
              ` | connections: ${cell.waits || 'none busy'}`,
          );
        }
      }
    }
    await setTriggers(stack.admin, true);
    const [few, many] = [WRITERS[0]!, WRITERS.at(-1)!];
    for (const kind of ['createProject', 'reportProgress']) {
      const one = results.get(`with triggers|${kind}|${few}`)!;
      const all = results.get(`with triggers|${kind}|${many}`)!;
      let line = `${kind}: ${many} writers / ${few} = ${(all.writesPerSecond / one.writesPerSecond).toFixed(2)}x`;
      const bare = results.get(`every trigger disabled|${kind}|${few}`);
      if (bare) line += `; upkeep share at ${few} writer(s) ${(100 * (1 - one.writesPerSecond / bare.writesPerSecond)).toFixed(0)}%`;
      const bareMany = results.get(`every trigger disabled|${kind}|${many}`);
      if (bareMany) line += `, at ${many} ${(100 * (1 - all.writesPerSecond / bareMany.writesPerSecond)).toFixed(0)}%`;
      console.log(line);
    }
  } finally {
    await stack?.close();
    await stopCluster(pg, dir);
  }
  if (failed.length > 0) {
    console.error(`Failed (writes refused in over 1% of a cell):\n  ${failed.join('\n  ')}`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
