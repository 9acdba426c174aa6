import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { bannerToken, freePort, interrupt, serverEnv, start, type Running } from '../tests/support/server-process';
import { inspectorUrl } from '../tests/support/inspector';
import { heapAfterGc } from './heap-probe';
import { migratedDatabase, startCluster, stopCluster } from './support';

/**
 * npm run bench:live — N subscribers (1,000, 5,000 and 10,000: BENCH_SIZES) over graphql-ws to the
 * compiled server (its own process, on the demo city), while a town officer creates projects at a
 * steady rate over HTTP. Prints the latency from the change's transaction to its receipt
 * (p50/p95/max), events lost, events out of order, how many of its paced changes the writer
 * reached, and the server's memory per connection: live heap and external memory after a forced
 * garbage collection (through the inspector), with resident set growth for reference.
 * Half the subscribers watch the city, the district or the town the changes happen in (they must
 * receive every one); the other half watch the other demo tenants (they must receive none).
 * Targets on 2 cores: 10,000 subscribers, 10 changes a second, p95 <= 250 ms, nothing lost, the
 * writer reaching all its changes, no more memory per connection than before (about 18 KB).
 */
const SIZES = (process.env.BENCH_SIZES ?? '1000,5000,10000').split(',').map(Number);
const RATE = Number(process.env.BENCH_RATE ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** More node flags for the server (`--perf-basic-prof` for Linux perf: see bench:api in the README). */
const NODE_ARGS = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
const WATCHED = ['371400', '371402', '371402001'];
/** Runs whose deliveries were wrong (lost, out of order, to a subscriber who may not read them): the command exits 1. */
const FAILURES: string[] = [];

/**
 * CPU time a process has used (user + system, from /proc): what a delivery costs the server,
 * which holds steadier than latency on a machine shared with other work.
 */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat(5); the split above starts at field 3.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
/** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux). */
const CLOCK_TICKS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function cursorOrder(cursor: string): [bigint, bigint] {
  const [tx, id] = Buffer.from(cursor, 'base64url').toString().split(':');
  return [BigInt(tx!), BigInt(id!)];
}

interface Subscriber {
  tenant: string;
  /** Has seen a warm-up change: its subscription is live on the server. */
  ready: boolean;
  /** Its connection failed (reported, and left out of the counts). */
  failed: boolean;
  /** Why, as the client saw it (close code and reason, or the socket error). */
  failure?: string;
  received: { cursor: string; latencyMs: number }[];
}

async function post(server: Running, as: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${as}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const CREATE = 'mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }';
const project = (name: string) => ({
  input: { name, category: 'OTHER', nature: 'NEW', ownerTenantCode: '371402001', totalInvestmentWan: '100' },
});

async function run(size: number, adminUrl: string, appUrl: string): Promise<string> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kp-bench-live-'));
  const server = await start(
    serverEnv({
      // A port of its own: start() waits for /healthz on it.
      PORT: String(await freePort()),
      DATA_DIR: dataDir,
      DATABASE_URL: appUrl,
      DATABASE_MIGRATION_URL: adminUrl,
      LOAD_DEMO_DATA: 'true',
      // Thousands of dashboards share a few demo identities here; the rate limit is not what is measured.
      RATE_LIMIT_PER_MINUTE: '1000000',
    }),
    ['--inspect=127.0.0.1:0', ...NODE_ARGS],
  );
  const inspector = inspectorUrl(server.output());
  const clients: Client[] = [];
  try {
    const tenants = (await post(
      server,
      bannerToken(server, 'city-leader'),
      '{ tenants(parentCode: "371400") { code children { code } } }',
    )) as {
      tenants: { code: string; children: { code: string }[] }[];
    };
    const officer = bannerToken(server, 'town-officer');
    const warmUp = (await post(server, officer, CREATE, project('预热项目'))).createProject.id as string;
    const others = tenants.tenants.flatMap((t) => [t.code, ...t.children.map((c) => c.code)]).filter((c) => !WATCHED.includes(c));
    const before = await heapAfterGc(inspector);
    const subscribers: Subscriber[] = [];
    const leader = bannerToken(server, 'city-leader');
    const wsUrl = server.url.replace('http://', 'ws://');
    for (let i = 0; i < size; i += 1) {
      const subscriber: Subscriber = {
        tenant: i % 2 === 0 ? WATCHED[(i / 2) % WATCHED.length]! : others[i % others.length]!,
        ready: false,
        failed: false,
        received: [],
      };
      subscribers.push(subscriber);
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${leader}` },
      });
      clients.push(client);
      client.subscribe<{ projectChanged: { cursor: string; at: string; kind: string } }>(
        { query: `subscription { projectChanged(tenantCode: "${subscriber.tenant}") { cursor at kind } }` },
        {
          next: (result) => {
            const change = result.data?.projectChanged;
            // Only the benchmark's own changes count (the server also announces overdue demo milestones).
            if (change?.kind === 'PROJECT_UPDATED') subscriber.ready = true;
            if (change?.kind === 'PROJECT_CREATED')
              subscriber.received.push({ cursor: change.cursor, latencyMs: Date.now() - Date.parse(change.at) });
          },
          error: (error: unknown) => {
            subscriber.failed = true;
            const close = error as { code?: number; reason?: string; message?: string };
            subscriber.failure =
              close.code !== undefined ? `close ${close.code} ${close.reason ?? ''}`.trim() : String(close.message ?? error);
          },
          complete: () => undefined,
        },
      );
      // In waves, as dashboards come online: a burst of 5,000 handshakes overflows the listen backlog.
      if (i % 100 === 99) await sleep(100);
    }
    // Warm up until every watching subscriber is live (the others subscribed alongside them).
    const watching = subscribers.filter((s) => WATCHED.includes(s.tenant));
    for (let round = 0; watching.some((s) => !s.ready && !s.failed); round += 1) {
      if (round > 240) throw new Error('subscriptions did not all become live within two minutes');
      await post(server, officer, 'mutation($input: UpdateProjectInput!) { updateProject(input: $input) { id } }', {
        input: { id: warmUp, name: `预热项目 ${round}` },
      });
      await sleep(500);
    }
    await sleep(1000);
    const after = await heapAfterGc(inspector);
    const live = subscribers.filter((s) => !s.failed).length;
    const perConnectionKb = (figure: keyof typeof after) => ((after[figure] - before[figure]) / 1024 / live).toFixed(1);

    let sent = 0;
    const cpuBefore = { server: cpuSeconds(server.child.pid!), bench: process.cpuUsage() };
    const started = Date.now();
    while (Date.now() - started < SECONDS * 1000) {
      await post(server, officer, CREATE, project(`实时测试项目 ${sent}`));
      sent += 1;
      await sleep(Math.max(0, started + (sent * 1000) / RATE - Date.now()));
    }
    await sleep(3000);
    const benchCpu = process.cpuUsage(cpuBefore.bench);
    const cpu = { server: cpuSeconds(server.child.pid!) - cpuBefore.server, bench: (benchCpu.user + benchCpu.system) / 1e6 };

    let lost = 0;
    let outOfOrder = 0;
    let unexpected = 0;
    const latencies: number[] = [];
    const failed = subscribers.filter((s) => s.failed).length;
    const reasons = new Map<string, number>();
    for (const s of subscribers) if (s.failure) reasons.set(s.failure, (reasons.get(s.failure) ?? 0) + 1);
    for (const subscriber of subscribers.filter((s) => !s.failed)) {
      const expected = WATCHED.includes(subscriber.tenant) ? sent : 0;
      lost += Math.max(0, expected - subscriber.received.length);
      unexpected += Math.max(0, subscriber.received.length - expected);
      for (let i = 1; i < subscriber.received.length; i += 1) {
        const [a, b] = [cursorOrder(subscriber.received[i - 1]!.cursor), cursorOrder(subscriber.received[i]!.cursor)];
        if (a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1])) outOfOrder += 1;
      }
      latencies.push(...subscriber.received.map((r) => r.latencyMs));
    }
    latencies.sort((a, b) => a - b);
    // Latency is a target; these are correctness: a run that breaks them fails.
    if (lost + outOfOrder + unexpected > 0 || failed === size) {
      FAILURES.push(
        `${size} subscribers: lost ${lost}, out of order ${outOfOrder}, not theirs ${unexpected}, ${failed} connections failed`,
      );
    }
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    return (
      `${String(size).padStart(5)} subscribers | writer reached ${sent} of ${RATE * SECONDS} changes (paced at ${RATE}/s for ${SECONDS} s), ${latencies.length} deliveries | ` +
      `latency p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${latencies.at(-1)} ms | lost ${lost}, out of order ${outOfOrder}, ` +
      `not theirs ${unexpected} | CPU: server ${cpu.server.toFixed(1)} s (${((cpu.server * 1e6) / Math.max(1, latencies.length)).toFixed(0)} µs ` +
      `per delivery), subscribers' side ${cpu.bench.toFixed(1)} s | per connection: heap ${perConnectionKb('heapUsed')} KB + external ${perConnectionKb('external')} KB ` +
      `after GC (RSS ${perConnectionKb('rss')} KB) | ${failed} connections failed` +
      (reasons.size ? ` (${[...reasons].map(([reason, n]) => `${n}x ${reason}`).join(', ')})` : '')
    );
  } finally {
    // A client whose connection was refused rejects its dispose with the close: it is counted as failed already.
    await Promise.allSettled(clients.map((c) => c.dispose()));
    await interrupt(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { pg, dir } = await startCluster();
  try {
    for (const size of SIZES) {
      const { adminUrl, appUrl } = await migratedDatabase(pg, `bench_live_${size}`);
      console.log(await run(size, adminUrl, appUrl));
    }
  } finally {
    await stopCluster(pg, dir);
  }
  if (FAILURES.length > 0) {
    console.error(`Failed:\n  ${FAILURES.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
