import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client as LiveClient } from 'graphql-ws';
import { Client } from 'pg';
import WebSocket from 'ws';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { XINHU } from '../support/fixtures';
import { collect, proveLive } from '../support/live';
import { bannerToken, children, freePort, gql, interrupt, serverEnv, start, type Running } from '../support/server-process';

/**
 * Two server processes on one database, as two replicas behind a load balancer: a change made
 * through one reaches a subscriber connected to the other. The relays poll only once a minute here,
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
    const env = serverEnv({ DATA_DIR: dataDir, DATABASE_URL: db.appUrl, LIVE_POLL_MS: '60000' });
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

  const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`;
  const create = async (through: Running, token: string, name: string): Promise<string> => {
    const created = await gql(through.url, token, CREATE, {
      input: { name, category: 'OTHER', nature: 'NEW', ownerTenantCode: XINHU, totalInvestmentWan: '100' },
    });
    expect(created.errors).toBeUndefined();
    return created.data.createProject.id;
  };

  /**
   * A subscriber of the second replica whose stream is proven live: a change made through that
   * replica itself has reached it, so what follows cannot race the subscription's start.
   */
  const liveSubscriber = async (token: string) => {
    const client: LiveClient = createClient({
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
    await proveLive(changes, (attempt) => create(second, token, `探针项目${attempt}`));
    return { client, changes, seen: changes.items.length };
  };

  it('delivers a change made through one replica to a subscriber of the other', async () => {
    const token = bannerToken(first, 'town-officer');
    const { client, changes, seen } = await liveSubscriber(token);
    const id = await create(first, token, '跨副本项目');
    const events = await changes.until(seen + 1, 5_000);
    expect(events[seen]).toEqual({ kind: 'PROJECT_CREATED', projectId: id });
    await client.dispose();
  }, 60_000);

  it('delivers a change committed while an older transaction still runs as soon as that one ends, not at the next poll', async () => {
    const token = bannerToken(first, 'town-officer');
    const { client, changes, seen } = await liveSubscriber(token);
    // An open write transaction elsewhere in the cluster keeps newer ones unsettled (see the outbox).
    const older = new Client({ connectionString: db.appUrl });
    await older.connect();
    await older.query('begin');
    await older.query('select pg_current_xact_id()');
    const id = await create(first, token, '长事务之后的项目');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Not before: an event behind an unfinished transaction could otherwise be passed over.
    expect(changes.items).toHaveLength(seen);
    await older.query('commit');
    await older.end();
    // The relays poll once a minute here: only the chase of the notified transaction explains this.
    const events = await changes.until(seen + 1, 5_000);
    expect(events[seen]).toEqual({ kind: 'PROJECT_CREATED', projectId: id });
    await client.dispose();
  }, 60_000);

  it('stops both replicas cleanly', async () => {
    expect(await interrupt(second)).toBe(0);
    expect(await interrupt(first)).toBe(0);
  }, 30_000);
});
