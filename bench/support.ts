import { mkdtempSync, rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { DevRealm } from '../src/auth/dev-realm';
import { devUser, type DevUser } from '../src/auth/dev-users';
import { createTokenVerifier } from '../src/auth/token-verifier';
import { loadConfig } from '../src/config';
import { ensureAppLogin, EMBEDDED_APP_LOGIN, EMBEDDED_APP_PASSWORD } from '../src/db/app-role';
import { ensureDatabase } from '../src/db/database-admin';
import { freeLowPort, startEmbeddedPostgres, type EmbeddedPostgres } from '../src/db/embedded-postgres';
import { runMigrations } from '../src/db/run-migrations';
import { createLogger } from '../src/logger';
import { appOrmOptions } from '../src/mikro-orm.config';
import { importCityTenants } from '../src/modules/tenant/tenant-import';
import { TenantDirectory } from '../src/modules/tenant/tenant-directory';
import { createSchema } from '../src/schema';
import { createServer, GRAPHQL_PATH, type AppServer } from '../src/server';

/** A throw-away cluster, database, realm and server for one benchmark run; real parts only. */
export interface BenchStack {
  admin: MikroORM;
  /** The application's knex, for instrumenting its statements. */
  knex: unknown;
  url: string;
  /** A token of a demo user (by name) or of a made-up one (a province's other city leaders). */
  token(user: string | DevUser): string;
  statements: string[];
  close(): Promise<void>;
}

export async function startCluster(): Promise<{ pg: EmbeddedPostgres; dir: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kp-bench-'));
  const { chmodSync } = await import('node:fs');
  chmodSync(dir, 0o755);
  // From a port of its own (by pid): benchmarks started together would race for the same free one.
  const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'postgres'), port: await freeLowPort(26000 + (process.pid % 3000)) });
  return { pg, dir };
}

/**
 * A database of the cluster, migrated, with the application's login: the owner's URL (migrations,
 * admin work) and the login's (what a server gets as DATABASE_URL). Migrated first: the login joins
 * kp_app, which a migration creates.
 */
export async function migratedDatabase(pg: EmbeddedPostgres, database: string): Promise<{ adminUrl: string; appUrl: string }> {
  await ensureDatabase(pg.adminUrl, database);
  const adminUrl = pg.urlFor(database);
  const admin = await MikroORM.init(appOrmOptions({ clientUrl: adminUrl, poolMax: 2 }));
  await runMigrations(admin);
  await admin.close(true);
  await ensureAppLogin(pg.adminUrl);
  const appUrl = new URL(adminUrl);
  appUrl.username = EMBEDDED_APP_LOGIN;
  appUrl.password = EMBEDDED_APP_PASSWORD;
  return { adminUrl, appUrl: appUrl.toString() };
}

export async function startStack(
  pg: EmbeddedPostgres,
  database: string,
  seed: (admin: MikroORM) => Promise<void>,
  /** The cities whose official tenant trees are imported before seeding. */
  cityCodes: readonly string[] = ['371400'],
): Promise<BenchStack> {
  await ensureDatabase(pg.adminUrl, database);
  const admin = await MikroORM.init(appOrmOptions({ clientUrl: pg.urlFor(database), poolMax: 4 }));
  await runMigrations(admin);
  await ensureAppLogin(pg.adminUrl);
  for (const cityCode of cityCodes) await importCityTenants(admin.em.fork(), cityCode);
  await seed(admin);
  // As after any bulk load: fresh statistics, and no autovacuum racing the measurement.
  await admin.em.fork().getConnection().execute('vacuum analyze');
  const appUrl = new URL(pg.urlFor(database));
  appUrl.username = EMBEDDED_APP_LOGIN;
  appUrl.password = EMBEDDED_APP_PASSWORD;
  // One viewer asking as fast as it can: the rate limit is not what is measured.
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: appUrl.toString(), LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000000' });
  const keyDir = mkdtempSync(path.join(os.tmpdir(), 'kp-bench-realm-'));
  const realm = new DevRealm({
    keyDir,
    realm: config.keycloak.realm,
    apiClientId: config.keycloak.clientId,
    tenantClaim: config.keycloak.tenantClaim,
  });
  const realmUrl = await realm.listen(0);
  const statements: string[] = [];
  const orm = await MikroORM.init(appOrmOptions({ clientUrl: appUrl.toString(), poolMax: 10 }));
  // Counted from knex's own event: MikroORM's query logging formats every statement and would
  // itself slow down what is measured.
  orm.em
    .getConnection()
    .getKnex()
    .on('query', (query: { sql: string }) => statements.push(`[query] ${query.sql}`));
  const server: AppServer = await createServer({
    orm,
    config,
    logger: createLogger(config),
    schema: await createSchema(),
    verifier: createTokenVerifier(config.keycloak, realmUrl),
    tenants: new TenantDirectory(orm),
  });
  const address = await server.listen(0, '127.0.0.1');
  return {
    admin,
    knex: orm.em.getConnection().getKnex(),
    url: `http://127.0.0.1:${address.port}${GRAPHQL_PATH}`,
    token: (user) => realm.issue(typeof user === 'string' ? devUser(user)! : user),
    statements,
    async close() {
      await server.stop();
      await realm.close();
      await orm.close(true);
      await admin.close(true);
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}

export interface Timing {
  p50: number;
  p95: number;
  max: number;
  statementsPerRequest: number;
  /** Every measured request's time, in milliseconds, ascending. */
  times: number[];
}

/**
 * Source of `post(url, agent, token, payload)` for the client threads (they are evaluated source): one
 * POST of a GraphQL body with a bearer token, resolving to the answer's text.
 */
export const HTTP_POST_SOURCE = `
function post(url, agent, token, payload) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: {
      'content-type': 'application/json', authorization: 'Bearer ' + token, 'content-length': Buffer.byteLength(payload) } });
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve(body));
    });
    request.on('error', reject);
    request.end(payload);
  });
}
`;

/** Stops a benchmark's cluster and removes its files. */
export async function stopCluster(pg: EmbeddedPostgres, dir: string): Promise<void> {
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The client runs in its own thread (its own event loop, the other core), as a dashboard would be
 * another machine: its HTTP and JSON work must not queue behind the server's on one event loop.
 */
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const { url, token, payload, count } = workerData;
${HTTP_POST_SOURCE}
(async () => {
  const send = async () => {
    const body = JSON.parse(await post(url, agent, token, payload));
    if (body.errors) throw new Error('request failed: ' + JSON.stringify(body.errors));
  };
  for (let i = 0; i < 20; i += 1) await send();
  const times = [];
  for (let i = 0; i < count; i += 1) {
    const start = process.hrtime.bigint();
    await send();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  parentPort.postMessage(times);
})().catch((error) => parentPort.postMessage({ error: String(error) }));
`;

/** Sends the request `count` times one after another (after a warm-up) and measures each. */
export async function measure(stack: BenchStack, token: string, query: string, count: number): Promise<Timing> {
  const before = stack.statements.length;
  const times = await new Promise<number[]>((resolve, reject) => {
    const worker = new Worker(CLIENT, { eval: true, workerData: { url: stack.url, token, payload: JSON.stringify({ query }), count } });
    worker.once('message', (message: number[] | { error: string }) => {
      void worker.terminate();
      if (Array.isArray(message)) resolve(message);
      else reject(new Error(message.error));
    });
    worker.once('error', reject);
  });
  // Statements of the measured requests only (the 20 warm-up requests come first).
  const statements = stack.statements.slice(before).filter((s) => s.includes('[query]')).length;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: times.at(-1)!, statementsPerRequest: statements / (count + 20), times };
}

/** One request's answer (its `data`); a GraphQL error fails the benchmark. */
export async function answer(stack: BenchStack, token: string, query: string): Promise<unknown> {
  const response = await fetch(stack.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
  if (body.errors) throw new Error(`request failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}
