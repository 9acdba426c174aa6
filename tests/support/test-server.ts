import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { DevRealm, type IssueOptions } from '../../src/auth/dev-realm';
import { devUser, type DevUser } from '../../src/auth/dev-users';
import { createTokenVerifier } from '../../src/auth/token-verifier';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { appOrmOptions } from '../../src/mikro-orm.config';
import { TenantDirectory } from '../../src/modules/tenant/tenant-directory';
import { createSchema } from '../../src/schema';
import { createServer, GRAPHQL_PATH, type AppServer } from '../../src/server';
import { createTestDatabase, type Seed } from './database';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    locations?: { line: number; column: number }[];
    extensions: { code: string; field?: string; [k: string]: unknown };
  }[];
}

/** Who sends a request: a demo user by name, a made-up user, a raw token, or nobody. */
export type Caller = string | DevUser | { token: string } | null;

export interface TestServer {
  readonly url: string;
  readonly wsUrl: string;
  /** The application's ORM (kp_app_login, under row-level security). */
  readonly orm: MikroORM;
  /** The owner's ORM, for setup and for checking what really is in the database. */
  readonly adminOrm: MikroORM;
  readonly realm: DevRealm;
  /** Every SQL statement the application ran, in order; tests reset it to count a request's statements. */
  readonly statements: string[];
  token(caller: string | DevUser, options?: IssueOptions): string;
  /** A POST; `headers` adds request headers (e.g. `accept-language`; none by default, so answers are in Chinese). */
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: Caller,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** A graphql-ws client; its connection_init carries the caller's token, and `params` besides (e.g. `language`). */
  wsClient(as?: Caller, params?: Record<string, unknown>): Client;
  /** Live subscriptions the server has started now. */
  liveStreams(): number;
  /**
   * Resolves once the server has started at least `count` live subscriptions: a change made after
   * that reaches them. graphql-ws does not acknowledge a subscribe, so a test waits on the server.
   */
  untilLiveStreams(count: number, ms?: number): Promise<void>;
  /** Stops the server as a shutdown would (live sockets are told to reconnect), leaving the database. */
  stopServer(): Promise<void>;
  close(): Promise<void>;
}

function userOf(caller: string | DevUser): DevUser {
  if (typeof caller !== 'string') return caller;
  const user = devUser(caller);
  if (!user) throw new Error(`no demo user ${caller}`);
  return user;
}

/** The change relay's background reads and housekeeping (the photo store's and the rollup slots' compaction among it): not part of any request. */
const RELAY_STATEMENT =
  /kp_change_events|kp_prune_change_events|kp_prune_idempotent_requests|kp_announce_overdue_milestones|kp_escalate_overdue_orders|pg_notify|pg_snapshot_xmin|kp_spend_rate_budget|kp_prune_rate_budgets|kp_stale_photo_uploads|kp_discarded_photo_objects|kp_forget_photo_objects|kp_compact_rollup_slot/;

/**
 * The real server (Express + Apollo + graphql-ws) on a random port over its own database, verifying
 * tokens of a development realm through keycloak-connect exactly as `npm start` does.
 */
export async function startTestServer(
  seed: Seed = 'empty',
  defaultCaller: Caller = 'town-officer',
  /** Configuration variables beyond the test defaults (e.g. WS_INIT_TIMEOUT_MS). */
  env: Record<string, string> = {},
): Promise<TestServer> {
  const db = await createTestDatabase(seed);
  const keyDir = mkdtempSync(path.join(os.tmpdir(), 'kp-realm-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.appUrl,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // A missed notification is caught within a fifth of a second rather than a second.
    LIVE_POLL_MS: '200',
    ...env,
  });
  const realm = new DevRealm({
    keyDir,
    realm: config.keycloak.realm,
    apiClientId: config.keycloak.clientId,
    tenantClaim: config.keycloak.tenantClaim,
  });
  const realmUrl = await realm.listen(0);
  const statements: string[] = [];
  const orm = await MikroORM.init(
    appOrmOptions({ clientUrl: db.appUrl, poolMax: 5, onQuery: (line) => RELAY_STATEMENT.test(line) || statements.push(line) }),
  );
  const adminOrm = await MikroORM.init(appOrmOptions({ clientUrl: db.url, poolMax: 2 }));
  const server: AppServer = await createServer({
    orm,
    config,
    logger: createLogger(config),
    schema: await createSchema(),
    verifier: createTokenVerifier(config.keycloak, realmUrl),
    tenants: new TenantDirectory(orm, 0),
  });
  const address = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${address.port}${GRAPHQL_PATH}`;
  const clients: Client[] = [];
  let stopped = false;
  const tokenOf = (caller: Caller): string | undefined => {
    if (caller === null) return undefined;
    if (typeof caller === 'object' && 'token' in caller) return caller.token;
    return realm.issue(userOf(caller));
  };
  return {
    url,
    wsUrl: url.replace('http://', 'ws://'),
    orm,
    adminOrm,
    realm,
    statements,
    token: (caller, options) => realm.issue(userOf(caller), options),
    async gql(query, variables, as = defaultCaller, headers = {}) {
      const token = tokenOf(as);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    wsClient(as = defaultCaller, params = {}) {
      const token = tokenOf(as);
      const client = createClient({
        url: url.replace('http://', 'ws://'),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...params },
      });
      clients.push(client);
      return client;
    },
    liveStreams: () => server.liveStreamCount(),
    async untilLiveStreams(count, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (server.liveStreamCount() < count) {
        if (Date.now() > deadline) throw new Error(`${server.liveStreamCount()} of ${count} live streams started within ${ms} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async stopServer() {
      if (!stopped) await server.stop();
      stopped = true;
    },
    async close() {
      await Promise.all(clients.map((c) => c.dispose()));
      if (!stopped) await server.stop();
      await realm.close();
      await orm.close(true);
      await adminOrm.close(true);
      await db.drop();
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}
