import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { XINHU } from '../support/fixtures';
import { bannerToken, children, freePort, serverEnv, start, type Running } from '../support/server-process';

/**
 * The compiled server as an operator runs it: JSON logs on stdout, /metrics, rate limits per
 * viewer and role, and a SIGTERM in the middle of a burst of writes that loses none of them.
 */
describe('the server in operation', () => {
  let db: TestDatabase;
  let dataDir: string;
  let server: Running;

  beforeAll(async () => {
    db = await createTestDatabase('dezhou-tenants');
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'kp-operations-'));
    server = await start(
      serverEnv({
        PORT: String(await freePort()),
        DATA_DIR: dataDir,
        DATABASE_URL: db.appUrl,
        LOG_LEVEL: 'info',
        DB_POOL_MAX: '4',
        RATE_LIMIT_PER_MINUTE: '400',
        RATE_LIMIT_PER_MINUTE_SUPERVISOR: '3',
      }),
    );
  }, 120_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (token: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify(body),
    });
  /** The JSON log lines the server printed so far. */
  const logLines = () =>
    server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('logs each operation as one JSON line with request id, viewer, tenant, operation, duration and error codes, and no token', async () => {
    const token = bannerToken(server, 'town-officer');
    const ok = await post(
      token,
      { query: 'query TownName { tenant(code: "371402001") { name } }', operationName: 'TownName' },
      { 'x-request-id': 'req-ops-1' },
    );
    expect(ok.headers.get('x-request-id')).toBe('req-ops-1');
    await post(token, { query: 'query Missing { tenant(code: "999999") { name } }' }, { 'x-request-id': 'req-ops-2' });
    const generated = (await post(token, { query: '{ __typename }' })).headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    // Log lines are written in batches, at the latest half a second after they are logged.
    const deadline = Date.now() + 5_000;
    while (!logLines().some((l) => l['requestId'] === generated) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const lines = logLines();
    expect(lines.find((l) => l['requestId'] === 'req-ops-1')).toMatchObject({
      level: 30,
      msg: 'graphql operation',
      subject: '7d3c1a52-0b1e-4c51-9a41-100000000003',
      tenant: XINHU,
      operation: 'TownName',
      type: 'query',
      status: 200,
      durationMs: expect.any(Number),
    });
    expect(lines.find((l) => l['requestId'] === 'req-ops-2')).toMatchObject({ operation: 'Missing', errorCodes: ['NOT_FOUND'] });
    expect(JSON.stringify(lines)).not.toContain(token.split('.')[2]);
  });

  it('refuses a viewer over its role budget with HTTP 429 and RATE_LIMITED, leaving others alone', async () => {
    const supervisor = bannerToken(server, 'supervisor');
    const statuses: number[] = [];
    let refused: any;
    for (let i = 0; i < 4; i++) {
      const response = await post(supervisor, { query: '{ __typename }' });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        refused = await response.json();
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(refused.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect((await post(bannerToken(server, 'city-leader'), { query: '{ __typename }' })).status).toBe(200);
  });

  it('shows request, error, connection, live and pool figures at /metrics', async () => {
    const metrics = await (await fetch(server.url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/kp_graphql_operations_total\{operation="TownName",type="query",transport="http"\} 1/);
    expect(metrics).toMatch(/kp_graphql_operation_duration_seconds_count\{operation="TownName",type="query"\} 1/);
    expect(metrics).toMatch(/kp_graphql_errors_total\{code="NOT_FOUND"\} 1/);
    expect(metrics).toMatch(/kp_graphql_errors_total\{code="RATE_LIMITED"\} 1/);
    expect(metrics).toMatch(/kp_websocket_connections 0/);
    expect(metrics).toMatch(/kp_live_streams 0/);
    expect(metrics).toMatch(/kp_db_pool_connections\{state="used"\} \d+/);
    expect(metrics).toMatch(/kp_outbox_lag_seconds_count \d+/);
    expect(metrics).toMatch(/kp_process_resident_memory_bytes \d+/);
  });

  it('finishes every request in flight when SIGTERM arrives during a burst, then exits 0', async () => {
    const token = bannerToken(server, 'town-officer');
    // Another session holds the audit chains' heads, which every audited write appends to: the
    // burst is surely in flight (waiting on it, or on the pool) when the signal comes.
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    await holder.query('begin');
    await holder.query('lock table audit_chain_head in exclusive mode');
    const burst = Array.from({ length: 24 }, (_, i) =>
      post(token, {
        query: `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
        variables: {
          input: { name: `停机测试项目-${i}`, category: 'OTHER', nature: 'NEW', ownerTenantCode: XINHU, totalInvestmentWan: '100' },
        },
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as any })),
    );
    await new Promise((resolve) => setTimeout(resolve, 700));
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await holder.query('commit');
    await holder.end();
    const answers = await Promise.all(burst);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(answers.filter((a) => a.body.errors)).toEqual([]);
    expect(await exited).toBe(0);
    // Each answer is a committed write.
    const owner = new Client({ connectionString: db.url });
    await owner.connect();
    const { rows } = await owner.query(`select count(*)::int as n from project where name like '停机测试项目-%'`);
    await owner.end();
    expect(rows[0].n).toBe(24);
  }, 60_000);
});
