import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { devRealmTarget } from '../src/auth/dev-realm-target';
import type { DevRealm } from '../src/auth/dev-realm';
import { loadConfig } from '../src/config';
import { freePort, interrupt, ROOT, serverEnv, start, type Running } from '../tests/support/server-process';

/** The servers `npm run bench:api` compares, each a process of its own. */
export interface Server {
  url: string;
  /** The server's process, whose CPU bench:api counts. */
  pid: number;
  stop(): Promise<void>;
}

/** The server's own log level; `info` logs every operation, as in production. */
export const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';

/** Our server keeps only the tail of its output: at info level it logs every operation. */
function keepTail(running: Running): () => string {
  let tail = '';
  for (const stream of [running.child.stdout!, running.child.stderr!]) {
    stream.removeAllListeners('data');
    stream.on('data', (chunk) => (tail = (tail + String(chunk)).slice(-20_000)));
  }
  return () => tail;
}

/** Our compiled server (dist/src/main.js), migrating and loading the demo city into an empty database. */
export async function startOurs(
  databaseUrl: string,
  adminUrl: string,
  extra: NodeJS.ProcessEnv = {},
  /** Arguments for node itself (e.g. --cpu-prof while profiling). */
  nodeArgs: string[] = [],
  /** The checkout of another build of ours (BENCH_PEER=ours:<checkout>); this one's by default. */
  root?: string,
): Promise<Server & { dataDir: string; pid: number; startupOutput: string }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kp-bench-api-'));
  const running = await start(
    serverEnv({
      PORT: String(await freePort()),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      DATABASE_MIGRATION_URL: adminUrl,
      LOAD_DEMO_DATA: 'true',
      LOG_LEVEL,
      // Sixteen clients share a few identities here; the rate limit is not what is measured.
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...extra,
    }),
    nodeArgs,
    root,
  );
  // Before keepTail: what it printed while starting (an inspector's address) is kept whole.
  const startupOutput = running.output();
  const tail = keepTail(running);
  running.child.once('exit', (code) => {
    if (code !== 0 && code !== null) console.error(`our server exited with ${code}:\n${tail()}`);
  });
  return {
    url: running.url,
    dataDir,
    pid: running.child.pid!,
    startupOutput,
    async stop() {
      await interrupt(running);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A benchmark script of dist/bench/ as its own process, once it says `peer listening`; killed if it does not. */
async function startPeerProcess(script: string, env: NodeJS.ProcessEnv, url: string): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'dist/bench', script)], {
    cwd: ROOT,
    // The same NODE_ENV as our server (development: the development realm): graphql-js and the
    // libraries do the same work in both.
    env: { PATH: process.env.PATH, NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${script} did not start within 60 s:\n${output}`)), 60_000);
      const read = (chunk: unknown) => {
        output += String(chunk);
        if (output.includes('peer listening')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${script} exited with ${code}:\n${output}`));
      });
    });
  } catch (error) {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw error;
  }
  child.removeAllListeners('exit');
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

/** PostGraphile (bench/peer-server.ts), trusting the realm of the server whose tokens it will be sent. */
export async function startPostGraphile(databaseUrl: string, issuer: string): Promise<Server> {
  const port = await freePort();
  const env = {
    PEER_DATABASE_URL: databaseUrl,
    PEER_PORT: String(port),
    PEER_REALM_ISSUER: issuer,
    PEER_CLIENT_ID: 'key-projects-api',
    PEER_TENANT_CLAIM: 'tenant_code',
    PEER_STATEMENT_TIMEOUT_MS: String(loadConfig({}).graphql.requestTimeoutMs),
  };
  return startPeerProcess('peer-server.js', env, `http://127.0.0.1:${port}/graphql`);
}

/** A bare Apollo Server with constant resolvers (bench/bare-apollo.ts): the fallback peer. */
export async function startBareApollo(): Promise<Server> {
  const port = await freePort();
  return startPeerProcess('bare-apollo.js', { BARE_APOLLO_PORT: String(port) }, `http://127.0.0.1:${port}/`);
}

/** Tokens the development realm of a running server (in its DATA_DIR) signs. */
export async function realmOf(dataDir: string): Promise<DevRealm> {
  return (await devRealmTarget(loadConfig({ DATA_DIR: dataDir }))).realm;
}
