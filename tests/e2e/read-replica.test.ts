import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { DevRealm } from '../../src/auth/dev-realm';
import type { DevUser } from '../../src/auth/dev-users';
import { createTokenVerifier } from '../../src/auth/token-verifier';
import { loadConfig } from '../../src/config';
import { openDatabase, openOwnerDatabase, type Database } from '../../src/database';
import { ensureAppLogin, EMBEDDED_APP_LOGIN, EMBEDDED_APP_PASSWORD } from '../../src/db/app-role';
import { ensureDatabase } from '../../src/db/database-admin';
import { createLogger } from '../../src/logger';
import { importCityTenants } from '../../src/modules/tenant/tenant-import';
import { TenantDirectory } from '../../src/modules/tenant/tenant-directory';
import { createSchema } from '../../src/schema';
import { createServer, GRAPHQL_PATH, type AppServer } from '../../src/server';
import { TOWN_OFFICER, XINHU, XINHUA } from '../support/fixtures';
import { startScratchPostgres, type ScratchPostgres } from '../support/scratch-postgres';
import { startStreamingReplica, type StreamingReplica } from '../support/streaming-replica';

/**
 * DATABASE_READ_URL on a real hot standby fed by streaming replication: queries read there, under
 * the same scoped transaction and row-level security; mutations write to the primary and answer
 * from it. A query right after a mutation sees it once the replica has replayed it, not before.
 */
describe('a read replica (DATABASE_READ_URL)', () => {
  const DATABASE = 'key_projects';
  let primary: ScratchPostgres;
  let replica: StreamingReplica;
  let db: Database;
  let realm: DevRealm;
  let keyDir: string;
  let server: AppServer;
  let url: string;

  beforeAll(async () => {
    primary = await startScratchPostgres();
    await ensureDatabase(primary.superuserUrl(), DATABASE);
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: primary.urlFor(EMBEDDED_APP_LOGIN, EMBEDDED_APP_PASSWORD, DATABASE),
      DATABASE_MIGRATION_URL: primary.superuserUrl(DATABASE),
    };
    const owner = await openOwnerDatabase(loadConfig(env), { migrate: true });
    await ensureAppLogin(primary.superuserUrl());
    await importCityTenants(owner.orm.em.fork(), '371400');
    await owner.close();
    replica = await startStreamingReplica(primary);
    const config = loadConfig({ ...env, DATABASE_READ_URL: replica.urlFor(EMBEDDED_APP_LOGIN, EMBEDDED_APP_PASSWORD, DATABASE) });
    db = await openDatabase(config, { migrate: false, requireMigrated: true });
    keyDir = mkdtempSync(path.join(os.tmpdir(), 'kp-realm-'));
    realm = new DevRealm({
      keyDir,
      realm: config.keycloak.realm,
      apiClientId: config.keycloak.clientId,
      tenantClaim: config.keycloak.tenantClaim,
    });
    const realmUrl = await realm.listen(0);
    server = await createServer({
      orm: db.orm,
      readOrm: db.readOrm,
      config,
      logger: createLogger(config),
      schema: await createSchema(),
      verifier: createTokenVerifier(config.keycloak, realmUrl),
      tenants: new TenantDirectory(db.orm, 0),
    });
    const address = await server.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${address.port}${GRAPHQL_PATH}`;
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await realm?.close();
    await db?.close();
    await replica?.stop();
    await primary?.stop();
    if (keyDir) rmSync(keyDir, { recursive: true, force: true });
  }, 60_000);

  const gql = async (user: DevUser, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${realm.issue(user)}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: { extensions: { code: string } }[] };
  };
  /** One operation over graphql-ws: its result, or its errors when refused. */
  const overSocket = async (user: DevUser, query: string, variables: Record<string, unknown>) => {
    const client = createClient({
      url: url.replace('http://', 'ws://'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${realm.issue(user)}` },
    });
    try {
      return await new Promise<{ data?: any; errors?: readonly { extensions?: Record<string, unknown> }[] }>((resolve, reject) => {
        let result = {};
        client.subscribe(
          { query, variables },
          {
            next: (answer) => void (result = answer),
            error: (error) => (Array.isArray(error) ? resolve({ errors: error }) : reject(error)),
            complete: () => resolve(result),
          },
        );
      });
    } finally {
      await client.dispose();
    }
  };
  const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { id name } }`;
  const PROJECT = `query($id: ID!) { project(id: $id) { name } }`;
  let id: string;

  it('writes through the primary and reads through the replica, which shows the write once it has replayed it', async () => {
    await replica.pauseReplay();
    const created = await gql(TOWN_OFFICER, CREATE, {
      input: { name: '副本项目', category: 'OTHER', nature: 'NEW', ownerTenantCode: XINHU, totalInvestmentWan: '100' },
    });
    // The mutation answers from the primary, in its own transaction: the writer sees its write.
    expect(created.errors).toBeUndefined();
    expect(created.data.createProject.name).toBe('副本项目');
    id = created.data.createProject.id;
    // A query right after it reads the replica, which has not replayed the write yet.
    expect((await gql(TOWN_OFFICER, PROJECT, { id })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    // Over graphql-ws too.
    expect((await overSocket(TOWN_OFFICER, PROJECT, { id })).errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    await replica.resumeReplay();
    await replica.caughtUp();
    expect(await gql(TOWN_OFFICER, PROJECT, { id })).toEqual({ data: { project: { name: '副本项目' } } });
    expect(await overSocket(TOWN_OFFICER, PROJECT, { id })).toEqual({ data: { project: { name: '副本项目' } } });
  }, 60_000);

  it('runs a mutation over graphql-ws on the primary (a replica refuses every write)', async () => {
    const created = await overSocket(TOWN_OFFICER, CREATE, {
      input: { name: '套接字项目', category: 'OTHER', nature: 'NEW', ownerTenantCode: XINHU, totalInvestmentWan: '100' },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data.createProject.name).toBe('套接字项目');
  });

  it("applies the viewer's scope on the replica as on the primary: another town's officer does not see the project", async () => {
    const neighbour: DevUser = { ...TOWN_OFFICER, subject: 'officer-of-xinhua', tenantCode: XINHUA };
    expect((await gql(neighbour, PROJECT, { id })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  // Last: it stops the replica.
  it('is ready only while the replica answers too: every query would fail on a replica away', async () => {
    const readiness = async () => {
      const response = await fetch(url.replace(GRAPHQL_PATH, '/readyz'));
      return { status: response.status, body: (await response.json()) as { status: string; reason?: string } };
    };
    expect(await readiness()).toEqual({ status: 200, body: { status: 'ready' } });
    await replica.stop();
    expect(await readiness()).toEqual({ status: 503, body: { status: 'not ready', reason: 'read replica unreachable' } });
  }, 60_000);
});
