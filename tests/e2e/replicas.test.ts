import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { XINHU } from '../support/fixtures';
import { collect } from '../support/live';
import { bannerToken, children, freePort, gql, interrupt, start, type Running } from '../support/server-process';

/**
 * Two server processes on one database, as two replicas behind a load balancer: a change made
 * through one reaches a subscriber connected to the other. The relays poll only every 30 s here,
 * so delivery within seconds proves the LISTEN/NOTIFY path.
 */
describe('two replicas on one database', () => {
  let db: TestDatabase;
  let dataDir: string;
  let first: Running;
  let second: Running;

  beforeAll(async () => {
    db = await createTestDatabase('dezhou-tenants');
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'kp-replicas-'));
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: db.appUrl,
      LOAD_DEMO_DATA: 'false',
      DEV_REALM_PORT: '0',
      LIVE_POLL_MS: '30000',
      LOG_LEVEL: 'warn',
    };
    first = await start({ ...env, PORT: String(await freePort()) });
    // The second replica trusts the first one's realm as it would trust Keycloak.
    const issuer = /development realm at (http:\/\/\S+)\/realms\//.exec(first.output())?.[1];
    if (!issuer) throw new Error(`no realm in the banner:\n${first.output()}`);
    second = await start({ ...env, PORT: String(await freePort()), KEYCLOAK_URL: issuer });
  }, 120_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers a change made through one replica to a subscriber of the other', async () => {
    const token = bannerToken(first, 'town-officer');
    const client = createClient({
      url: second.url.replace('http://', 'ws://'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    const changes = collect<{ kind: string; projectId: string }>(
      client,
      `subscription { projectChanged(tenantCode: "${XINHU}") { kind projectId } }`,
      {},
      (d) => d.projectChanged,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const created = await gql(
      first.url,
      token,
      `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      { input: { name: '跨副本项目', category: 'OTHER', nature: 'NEW', ownerTenantCode: XINHU, totalInvestmentWan: '100' } },
    );
    expect(created.errors).toBeUndefined();
    const [event] = await changes.until(1, 5000);
    expect(event).toEqual({ kind: 'PROJECT_CREATED', projectId: created.data.createProject.id });
    await client.dispose();
    expect(await interrupt(second)).toBe(0);
    expect(await interrupt(first)).toBe(0);
  }, 60_000);
});
