import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { adHocUser } from '../src/auth/dev-realm';
import { devUser } from '../src/auth/dev-users';
import { Role } from '../src/auth/roles';
import { children } from '../tests/support/server-process';
import { LOG_LEVEL, realmOf, startBareApollo, startOurs, startPostGraphile, type Server } from './api-servers';
import { CREATE_PROJECT, newProject, runCell, type CellResult, type LoadClient, type Operation } from './closed-loop';
import { busyCoresDuring } from './busy-cores';
import { settle } from './settle';
import { clusterPids, cpuDuring } from './process-cpu';
import { StatementCounter } from './statement-counter';
import { migratedDatabase, startCluster, stopCluster } from './support';

/**
 * npm run bench:api — throughput of the compiled server (its own process, on the demo city) beside
 * PostGraphile 4 on the same database, the same login and the same per-request scope from the same
 * RS256 token (bench/peer-server.ts): a closed-loop load generator, rounds interleaved (ours, peer,
 * ours, peer ...) so both see the same machine state. Then write scaling (createProject and
 * reportProgress, 1 writer and 16 writers in 16 different towns) and the upkeep share of a write
 * (the same 1-writer cells with the tables' user triggers disabled). SQL statements per operation
 * are counted on the wire (bench/statement-counter.ts) on a second instance of each server.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
/** Reports a second all writers together are given projects for before any report goes back a month. */
const REPORTS_PER_SECOND_PLANNED = 120;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 16);
/** BENCH_WRITES=0 measures the reads alone, without the create-and-report cell and the write scaling (a quicker run while working on them). */
const WRITES = process.env.BENCH_WRITES !== '0';
/**
 * `postgraphile` (the default; bare Apollo when it cannot be brought up), `apollo` (bare Apollo
 * only), `none`, or `ours:<checkout>`: another build of this server (its `dist/`, e.g. a worktree
 * of the last commit), for an A/B comparison of a change on the same machine state.
 */
const PEER = process.env.BENCH_PEER ?? 'postgraphile';
const OTHER_BUILD = PEER.startsWith('ours:') ? path.resolve(PEER.slice('ours:'.length)) : undefined;
/** BENCH_READS=tenant,count measures only the reads whose names contain one of these words (a profile of one read; `typename` for the floor). */
const READ_FILTER = process.env.BENCH_READS?.split(',').filter(Boolean);
/** A folder for a CPU profile of our server over the whole run (node --cpu-prof), to see where a request's time goes. */
const PROFILE_DIR = process.env.BENCH_PROFILE;
/** More node flags for our server (`--perf-basic-prof` for Linux perf, which samples CPU only, not a wall clock). */
const NODE_ARGS = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
/** Requests sent one by one to count the statements of an operation. */
const COUNTED = 50;
/** A cell with more errors than this fails the run. */
const MAX_ERROR_SHARE = 0.01;

const TENANT_CODE = '371402';
const STAGE = 'UNDER_CONSTRUCTION';
const CREATE_AND_REPORT = 'create a project + report progress';
const P99_TARGET_MS = 30;

interface Read {
  name: string;
  ours: string;
  peer: string;
  /** What both answers must agree on (the same rows under the same scope), from ours and from the peer's. */
  oursAnswer(data: any): string;
  peerAnswer(data: any): string;
  /** Measured only when BENCH_READS names it: a floor, not one of the issue's reads. */
  onlyWhenAsked?: boolean;
}

const pageAnswer = (nodes: { name: string; owner?: { name: string } }[]) =>
  `${nodes.length} projects, ${nodes.filter((n) => n.owner?.name).length} with their owner's name`;

/** The three reads of issue 15, in our schema and in the names PostGraphile generates. */
const ALL_READS: Read[] = [
  {
    name: 'one tenant by code',
    ours: `{ tenant(code: "${TENANT_CODE}") { code name } }`,
    peer: `{ tenantByCode(code: "${TENANT_CODE}") { code name } }`,
    oursAnswer: (data) => `${data.tenant.code} ${data.tenant.name}`,
    peerAnswer: (data) => `${data.tenantByCode.code} ${data.tenantByCode.name}`,
  },
  {
    name: 'first 20 projects with owner name',
    ours: '{ projects(first: 20) { nodes { name owner { name } } } }',
    peer: '{ allProjects(first: 20, orderBy: CREATED_AT_DESC) { nodes { name tenantByOwnerTenantCode { name } } } }',
    oursAnswer: (data) => pageAnswer(data.projects.nodes),
    peerAnswer: (data) => pageAnswer(data.allProjects.nodes.map((n: any) => ({ name: n.name, owner: n.tenantByOwnerTenantCode }))),
  },
  {
    name: 'count of projects in one stage',
    ours: `{ projects(filter: { stages: [${STAGE}] }) { totalCount } }`,
    peer: `{ allProjects(condition: { stage: ${STAGE} }) { totalCount } }`,
    oursAnswer: (data) => `${data.projects.totalCount} projects`,
    peerAnswer: (data) => `${data.allProjects.totalCount} projects`,
  },
  {
    name: 'typename only (the pipeline with a token, no table)',
    ours: '{ __typename }',
    peer: '{ __typename }',
    oursAnswer: (data) => String(data.__typename),
    peerAnswer: (data) => String(data.__typename),
    onlyWhenAsked: true,
  },
];
const READS = READ_FILTER
  ? ALL_READS.filter((read) => READ_FILTER.some((word) => read.name.includes(word)))
  : ALL_READS.filter((read) => !read.onlyWhenAsked);

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  operations: number;
  firstError?: string;
  /** CPU per operation sent, µs, in the server's process and in PostgreSQL's (cells measured with it only). */
  cpu?: { server: number; database: number };
}

/** A cell with the CPU its server and PostgreSQL spent on it, in µs (NaN where /proc cannot be read). */
type MeasuredCell = CellResult & { cpu?: { server: number; database: number } };

const failures: string[] = [];

/** Cells merged: throughput over the measured windows, percentiles over every latency. */
function figures(name: string, cells: MeasuredCell[]): Figures {
  const latencies = cells.flatMap((c) => c.latencies).sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const completed = cells.reduce((sum, c) => sum + c.completed, 0);
  const errors = cells.reduce((sum, c) => sum + c.errors, 0);
  const seconds = cells.reduce((sum, c) => sum + c.seconds, 0);
  const firstError = cells.find((c) => c.firstError)?.firstError;
  if (completed + errors === 0 || errors / (completed + errors) > MAX_ERROR_SHARE) {
    failures.push(`${name}: ${errors} errors of ${completed + errors} operations${firstError ? ` (first: ${firstError})` : ''}`);
  }
  const sent = cells.reduce((sum, c) => sum + c.sent, 0);
  const spent = (side: 'server' | 'database') => cells.reduce((sum, c) => sum + (c.cpu?.[side] ?? NaN), 0) / sent;
  const cpu = cells.every((c) => c.cpu) ? { server: spent('server'), database: spent('database') } : undefined;
  return { rps: completed / seconds, p50: at(0.5), p99: at(0.99), errors, operations: completed + errors, firstError, cpu };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const line = (f: Figures) =>
  `${f.rps.toFixed(0).padStart(6)} rps  p50 ${ms(f.p50).padStart(9)}  p99 ${ms(f.p99).padStart(9)}  errors ${f.errors}/${f.operations}` +
  (f.cpu ? `  CPU/op: server ${f.cpu.server.toFixed(0)} µs, PostgreSQL ${f.cpu.database.toFixed(0)} µs` : '');

async function post(url: string, token: string, query: string, variables?: unknown): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  if (body.errors) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const cell = (url: string, clients: LoadClient[]) => runCell({ url, clients, warmUpSeconds: WARM_UP_SECONDS, seconds: SECONDS });
/**
 * A cell with the CPU time `server`'s process and PostgreSQL's processes spent on it: the cost of an
 * operation on each side, which holds still where requests per second move with the machine's load.
 */
async function measuredCell(server: Server, databaseDir: string, clients: LoadClient[]): Promise<MeasuredCell> {
  const { result, micros } = await cpuDuring({ server: () => [server.pid], database: () => clusterPids(databaseDir) }, () =>
    cell(server.url, clients),
  );
  return { ...result, cpu: { server: micros['server']!, database: micros['database']! } };
}
const same = (token: string, operation: Operation, n: number): LoadClient[] => Array.from({ length: n }, () => ({ token, operation }));

/**
 * Statements and round trips per operation: COUNTED operations sent one at a time, after a warm-up
 * (by `warmUp`, a client of the same kind: reports need projects of their own for their months).
 */
async function count(counter: StatementCounter, url: string, client: LoadClient, warmUp: LoadClient = client): Promise<string> {
  await runCell({ url, clients: [warmUp], warmUpSeconds: 0, seconds: 60, limit: 20 });
  counter.reset();
  const result = await runCell({ url, clients: [client], warmUpSeconds: 0, seconds: 60, limit: COUNTED });
  if (result.errors || result.completed === 0) throw new Error(`counting statements failed: ${result.firstError}`);
  const per = (n: number) => (n / result.completed).toFixed(1);
  return `${per(counter.statements)} statements, ${per(counter.roundTrips)} round trips`;
}

/** Sixteen (WRITERS) towns in as many counties as the demo city has, each with its own town officer. */
async function townsOf(adminUrl: string): Promise<string[]> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ code: string }>(
      `select code from (select code, row_number() over (partition by parent_code order by code) as n from tenant
         where level = 'TOWN' and (valid_to is null or valid_to > current_date)) t order by n, code limit $1`,
      [WRITERS],
    );
    return rows.map((r) => r.code);
  } finally {
    await client.end();
  }
}

/**
 * Turns the user triggers (the audit trail, the change outbox, the rollups, derived columns) of
 * every table on or off, as the owner; a partitioned table's command reaches its partitions.
 */
async function setUserTriggers(adminUrl: string, enabled: boolean): Promise<string[]> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `select distinct c.relname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
         join pg_namespace n on n.oid = c.relnamespace
        where not t.tgisinternal and n.nspname = 'public' and not c.relispartition order by 1`,
    );
    for (const { name } of rows) await client.query(`alter table "${name}" ${enabled ? 'enable' : 'disable'} trigger user`);
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

const verdict = (met: boolean) => (met ? 'target met' : 'target NOT met');

async function main(): Promise<void> {
  const load = os.loadavg().map((l) => l.toFixed(2));
  console.log(
    `bench:api on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), load average ${load.join(' ')} at start; ` +
      `PostgreSQL, servers and load generator on this machine; Node ${process.version}.\n` +
      `${CONCURRENCY} closed-loop clients, ${SECONDS} s cells after ${WARM_UP_SECONDS} s warm-up, ${ROUNDS} rounds interleaved; ` +
      `our server logs at ${LOG_LEVEL}.\n` +
      `Targets (issue 15): more rps than PostGraphile with p99 < ${P99_TARGET_MS} ms; ${WRITERS} writers in ${WRITERS} towns >= 8x one writer; ` +
      'upkeep < 1/3 of a write.\n',
  );
  const { pg, dir } = await startCluster();
  const servers: Server[] = [];
  let counter: StatementCounter | undefined;
  try {
    const { adminUrl, appUrl } = await migratedDatabase(pg, 'bench_api');

    const ours = await startOurs(appUrl, adminUrl, {}, [
      ...NODE_ARGS,
      ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []),
    ]);
    servers.push(ours);
    const realm = await realmOf(ours.dataDir);
    const viewer = realm.issue(devUser('city-leader')!);
    const officer = realm.issue(devUser('town-officer')!);
    const officerTown = devUser('town-officer')!.tenantCode;
    // The peer: PostGraphile, else a bare Apollo Server (then it answers our own documents).
    let peer: Server | undefined;
    let peerName = 'PostGraphile';
    let postGraphile = PEER === 'postgraphile';
    if (postGraphile) {
      try {
        peer = await startPostGraphile(appUrl, realm.issuer);
      } catch (error) {
        console.log(`PostGraphile could not be brought up, bare Apollo instead: ${String(error).slice(0, 1000)}\n`);
        postGraphile = false;
      }
    }
    if (OTHER_BUILD) {
      // It trusts the first server's development realm as its Keycloak: both verify the same tokens.
      const keycloakUrl = realm.issuer.slice(0, realm.issuer.lastIndexOf('/realms/'));
      peer = await startOurs(appUrl, adminUrl, { KEYCLOAK_URL: keycloakUrl }, NODE_ARGS, OTHER_BUILD);
      peerName = 'other build';
    } else if (!postGraphile && PEER !== 'none') {
      peer = await startBareApollo();
      peerName = 'bare Apollo';
    }
    if (peer) servers.push(peer);
    const peerQuery = (read: Read) => (postGraphile ? read.peer : read.ours);

    // Statements per operation, on a second instance of each server connected through the counter.
    counter = await StatementCounter.start(appUrl);
    const statements = new Map<string, { ours: string; peer?: string }>();
    {
      const counted = await startOurs(counter.urlFor(appUrl), adminUrl, { LIVE_POLL_MS: '60000' });
      const countedRealm = await realmOf(counted.dataDir);
      const countedViewer = countedRealm.issue(devUser('city-leader')!);
      const countedPeer = postGraphile ? await startPostGraphile(counter.urlFor(appUrl), countedRealm.issuer) : undefined;
      try {
        for (const read of READS) {
          statements.set(read.name, {
            ours: await count(counter, counted.url, { token: countedViewer, operation: { kind: 'query', query: read.ours } }),
            peer: countedPeer
              ? await count(counter, countedPeer.url, { token: countedViewer, operation: { kind: 'query', query: read.peer } })
              : 'no database',
          });
        }
        const countedOfficer = countedRealm.issue(devUser('town-officer')!);
        const countOurs = (operation: Operation) => count(counter!, counted.url, { token: countedOfficer, operation });
        const reportingOn = async () => ({
          kind: 'report' as const,
          projectIds: [
            (await post(counted.url, countedOfficer, CREATE_PROJECT, newProject(`计数项目 ${Date.now()}`, officerTown))).createProject.id,
          ],
        });
        statements.set(CREATE_AND_REPORT, { ours: await countOurs({ kind: 'createAndReport', ownerTenantCode: officerTown }) });
        statements.set('createProject', { ours: await countOurs({ kind: 'create', ownerTenantCode: officerTown }) });
        statements.set('reportProgress', {
          ours: await count(
            counter,
            counted.url,
            { token: countedOfficer, operation: await reportingOn() },
            { token: countedOfficer, operation: await reportingOn() },
          ),
        });
      } finally {
        await countedPeer?.stop();
        await counted.stop();
      }
    }

    // The peer must see what ours sees under the same scope, or the comparison says nothing.
    if (peer && postGraphile) {
      for (const read of READS) {
        const [mine, theirs] = [
          read.oursAnswer(await post(ours.url, viewer, read.ours)),
          read.peerAnswer(await post(peer.url, viewer, read.peer)),
        ];
        if (mine !== theirs) failures.push(`${read.name}: ours answers ${mine}, PostGraphile ${theirs}`);
      }
    }

    console.log(`Reads as ${devUser('city-leader')!.name} (city leader), ${CONCURRENCY} clients:`);
    const databaseDir = path.join(dir, 'postgres');
    const results = new Map<string, { ours: MeasuredCell[]; peer: MeasuredCell[] }>(READS.map((r) => [r.name, { ours: [], peer: [] }]));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const read of READS) {
        const cells = results.get(read.name)!;
        cells.ours.push(await measuredCell(ours, databaseDir, same(viewer, { kind: 'query', query: read.ours }, CONCURRENCY)));
        if (peer)
          cells.peer.push(await measuredCell(peer, databaseDir, same(viewer, { kind: 'query', query: peerQuery(read) }, CONCURRENCY)));
      }
    }
    for (const read of READS) {
      const cells = results.get(read.name)!;
      const counted = statements.get(read.name)!;
      const o = figures(`ours, ${read.name}`, cells.ours);
      console.log(`  ${read.name}\n    ours         ${line(o)}  ${counted.ours}`);
      if (peer) {
        const p = figures(`peer, ${read.name}`, cells.peer);
        console.log(`    ${peerName.padEnd(12)} ${line(p)}  ${counted.peer}`);
        console.log(
          `    ours/${peerName}: rps ${(o.rps / p.rps).toFixed(2)}, p99 ${(o.p99 / p.p99).toFixed(2)}; ` +
            (postGraphile
              ? verdict(o.rps > p.rps && o.p99 < P99_TARGET_MS)
              : OTHER_BUILD
                ? `against ${OTHER_BUILD}`
                : 'the GraphQL layer alone, no token, no database'),
        );
      }
    }
    if (!peer) console.log('  (no peer: BENCH_PEER=none)');

    if (WRITES) {
      const pair = figures(CREATE_AND_REPORT, [
        await measuredCell(ours, databaseDir, same(officer, { kind: 'createAndReport', ownerTenantCode: officerTown }, CONCURRENCY)),
      ]);
      console.log(
        `  ${CREATE_AND_REPORT} (as ${devUser('town-officer')!.name}, one town, ${CONCURRENCY} clients)\n` +
          `    ours         ${line(pair)}  ${statements.get(CREATE_AND_REPORT)!.ours}`,
      );
    }

    // Write scaling: one writer, then WRITERS writers each in a town of its own; and the upkeep,
    // with the tables' user triggers off, interleaved with the cells that have them on.
    if (WRITES) {
      const towns = await townsOf(adminUrl);
      if (towns.length < WRITERS) throw new Error(`the demo city has only ${towns.length} towns for ${WRITERS} writers`);
      const writers = towns.map((tenantCode) => ({
        tenantCode,
        token: realm.issue(adHocUser({ tenantCode, roles: [Role.TOWN_OFFICER] })),
      }));
      const creators = (n: number): LoadClient[] =>
        writers.slice(0, n).map((w) => ({ token: w.token, operation: { kind: 'create', ownerTenantCode: w.tenantCode } }));
      // Each writer reports on fresh projects of its own town, this month on each first, as offices
      // do: enough projects for ~120 reports a second in all before any report goes back a month (a
      // back-dated report moves every month's rollup since, which is not what a monthly peak is).
      const reporters = async (n: number): Promise<LoadClient[]> => {
        const perWriter = Math.ceil(((WARM_UP_SECONDS + SECONDS) * REPORTS_PER_SECOND_PLANNED) / n);
        return Promise.all(
          writers.slice(0, n).map(async (w, index) => {
            const projectIds: string[] = [];
            for (let i = 0; i < perWriter; i += 1) {
              const data = await post(
                ours.url,
                w.token,
                CREATE_PROJECT,
                newProject(`月报压测项目 ${Date.now()}-${n}-${index}-${i}`, w.tenantCode),
              );
              projectIds.push(data.createProject.id as string);
            }
            return { token: w.token, operation: { kind: 'report', projectIds } as Operation };
          }),
        );
      };
      const writes = { create1: [] as CellResult[], createN: [] as CellResult[], report1: [] as CellResult[], reportN: [] as CellResult[] };
      const bare = { create1: [] as CellResult[], report1: [] as CellResult[] };
      let tables: string[] = [];
      /** Cores busy during the one-writer cells, by write. */
      const busy = { create: [] as number[], report: [] as number[] };
      // Every measured cell starts on a settled machine (see settle), the setups' bursts behind it.
      const settled = async (clients: LoadClient[]) => {
        await settle(adminUrl);
        return clients;
      };
      for (let round = 0; round < ROUNDS; round += 1) {
        const creatingOne = await settled(creators(1));
        const create = await busyCoresDuring(() => cell(ours.url, creatingOne));
        writes.create1.push(create.result);
        busy.create.push(create.busyCores);
        writes.createN.push(await cell(ours.url, await settled(creators(WRITERS))));
        const reportingOne = await settled(await reporters(1));
        const report = await busyCoresDuring(() => cell(ours.url, reportingOne));
        writes.report1.push(report.result);
        busy.report.push(report.busyCores);
        writes.reportN.push(await cell(ours.url, await settled(await reporters(WRITERS))));
        const reportersOff = await reporters(1);
        tables = await setUserTriggers(adminUrl, false);
        try {
          bare.report1.push(await cell(ours.url, await settled(reportersOff)));
          bare.create1.push(await cell(ours.url, await settled(creators(1))));
        } finally {
          await setUserTriggers(adminUrl, true);
        }
      }
      const create1 = figures('createProject x1', writes.create1);
      const createN = figures(`createProject x${WRITERS}`, writes.createN);
      const report1 = figures('reportProgress x1', writes.report1);
      const reportN = figures(`reportProgress x${WRITERS}`, writes.reportN);
      const createOff = figures('createProject x1, triggers off', bare.create1);
      const reportOff = figures('reportProgress x1, triggers off', bare.report1);
      const cores = os.cpus().length;
      const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
      // One writer already keeps `b` of the machine's cores busy: more writers can go at most cores/b as fast.
      const ceiling = (b: number) => `one writer keeps ${b.toFixed(2)} of ${cores} cores busy: at most ${(cores / b).toFixed(1)}x here`;
      const scaling = (many: Figures, one: Figures, busyOne: number[]) =>
        `${(many.rps / one.rps).toFixed(1)}x one writer, ${verdict(many.rps >= 8 * one.rps)} (${ceiling(mean(busyOne))})`;
      const upkeep = (on: Figures, off: Figures) => {
        const share = 1 - on.rps / off.rps;
        return `upkeep = 1 - with/without = ${share.toFixed(2)}, ${verdict(share < 1 / 3)}`;
      };
      const writers16 = `${String(WRITERS).padStart(2)} writers`;
      console.log(
        `\nWrites, closed-loop HTTP writers, each a town officer of its own town (${towns.join(', ')}); ` +
          `writes/s as rps:\n` +
          `  createProject   1 writer   ${line(create1)}  ${statements.get('createProject')!.ours}\n` +
          `  createProject  ${writers16} ${line(createN)}  ${scaling(createN, create1, busy.create)}\n` +
          `  reportProgress  1 writer   ${line(report1)}  ${statements.get('reportProgress')!.ours}\n` +
          `  reportProgress ${writers16} ${line(reportN)}  ${scaling(reportN, report1, busy.report)}\n` +
          `  with the user triggers of ${tables.length} tables disabled (${tables.join(', ')}):\n` +
          `  createProject   1 writer   ${line(createOff)}  ${upkeep(create1, createOff)}\n` +
          `  reportProgress  1 writer   ${line(reportOff)}  ${upkeep(report1, reportOff)}`,
      );
    }
    console.log(
      `\nload average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} at the end.`,
    );
  } finally {
    await counter?.close();
    for (const server of servers.reverse()) await server.stop();
    await stopCluster(pg, dir);
  }
  if (failures.length) {
    console.error(
      `\nFailed (cells with errors over ${MAX_ERROR_SHARE * 100}%, or a peer whose answers differ from ours):\n  ${failures.join('\n  ')}`,
    );
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  // A server that failed to start (or a run cut short) leaves no process behind.
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  process.exit(1);
});
