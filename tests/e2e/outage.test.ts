import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client as LiveClient } from 'graphql-ws';
import { Client } from 'pg';
import WebSocket from 'ws';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { COUNTY_LEADER, projectInput, TOWN_OFFICER, XINHU } from '../support/fixtures';
import { collect, proveLive, type Received } from '../support/live';
import { PostgresProxy } from '../support/pg-proxy';
import { bannerToken, children, freePort, interrupt, serverEnv, start, type Running } from '../support/server-process';

interface Answer {
  status: number;
  retryAfter: string | null;
  replayed: string | null;
  body: { data?: any; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

const TENANT = `query { tenant(code: "${XINHU}") { code name } }`;
const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { id name } }`;
const PROJECT = `query($id: ID!) { project(id: $id) { id name contactName } }`;

/** Every field the error of an outage carries, over HTTP and graphql-ws alike. */
const UNAVAILABLE = { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 };

/**
 * PostgreSQL taken away under a running server (the compiled one, as a process) and brought back,
 * through a proxy the test controls: every request in between answers HTTP 503 with Retry-After and
 * SERVICE_UNAVAILABLE (over graphql-ws the same code), wherever the outage strikes (the tenant
 * lookup, the start of the transaction, a resolver, the commit); afterwards everything works again,
 * no acknowledged write is lost or doubled, the live stream resumes, and the server's output is
 * JSON lines without a name, a subject or SQL.
 */
describe('an outage of the database', () => {
  let db: TestDatabase;
  let proxy: PostgresProxy;
  let dataDir: string;
  let server: Running;
  let officer: string;
  let live: LiveClient;
  let changes: Received<{ kind: string; projectId: string }>;
  const wsClients: LiveClient[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('dezhou-tenants');
    proxy = await PostgresProxy.start(db.url);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'kp-outage-'));
    server = await start(
      serverEnv({
        DATA_DIR: dataDir,
        PORT: String(await freePort()),
        DATABASE_URL: proxy.urlFor(db.appUrl),
        // Everything the server logs is checked, the request log included.
        LOG_LEVEL: 'info',
        LIVE_POLL_MS: '200',
      }),
    );
    officer = bannerToken(server, 'town-officer');
  }, 120_000);

  afterAll(async () => {
    await Promise.all(wsClients.map((client) => client.dispose()));
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await proxy.close();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function post(
    query: string,
    variables: Record<string, unknown> = {},
    options: { token?: string; key?: string } = {},
  ): Promise<Answer> {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${options.token ?? officer}`,
        ...(options.key ? { 'idempotency-key': options.key } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      replayed: response.headers.get('idempotent-replayed'),
      body: (await response.json()) as Answer['body'],
    };
  }

  const create = (name: string, key?: string) => post(CREATE, { input: projectInput({ name, code: null, annualPlans: [] }) }, { key });

  /** What is really in the database, through the owner's own connection (not the proxy). */
  async function projectsNamed(name: string): Promise<number> {
    const owner = new Client({ connectionString: db.url });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ n: string }>('select count(*)::text as n from project where name = $1', [name]);
      return Number(rows[0]!.n);
    } finally {
      await owner.end();
    }
  }

  function wsClient(): LiveClient {
    const client = createClient({
      url: server.url.replace('http://', 'ws://'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${officer}` },
    });
    wsClients.push(client);
    return client;
  }

  /** The results of one operation over graphql-ws, until the server completes it. */
  function overWebSocket(client: LiveClient, query: string): Promise<{ errors?: { extensions: Record<string, unknown> }[] }[]> {
    return new Promise((resolve, reject) => {
      const results: any[] = [];
      client.subscribe(
        { query, variables: { tenant: XINHU } },
        { next: (r) => void results.push(r), error: reject, complete: () => resolve(results) },
      );
    });
  }

  function expectUnavailable(answer: Answer): void {
    expect(answer.status).toBe(503);
    expect(answer.retryAfter).toBe('5');
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors![0]!.extensions).toEqual(UNAVAILABLE);
  }

  /** The server finds the database again by itself; readiness says when. */
  async function untilReady(): Promise<void> {
    for (;;) {
      const ready = await fetch(server.url.replace('/graphql', '/readyz'));
      if (ready.status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('serves normally while the database is there, with a live subscriber', async () => {
    expect((await post(TENANT)).body).toEqual({ data: { tenant: { code: XINHU, name: '新湖街道' } } });
    live = wsClient();
    changes = collect(
      live,
      `subscription($tenant: String!) { projectChanged(tenantCode: $tenant) { kind projectId } }`,
      { tenant: XINHU },
      (d) => d.projectChanged,
    );
    // The stream is live once a change made now reaches it.
    await proveLive(changes, async (attempt) => (await create(`停电前探针${attempt}`)).body.data.createProject.id);
  }, 60_000);

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After to queries and mutations while the database is away, over HTTP and graphql-ws', async () => {
    await proxy.cut();
    // A tenant looked up before (cached): the outage shows when the transaction opens.
    expectUnavailable(await post(TENANT));
    // A tenant never looked up: the outage shows while the context is made.
    expectUnavailable(await post(TENANT, {}, { token: bannerToken(server, 'county-leader') }));
    expectUnavailable(await create('停电期间项目'));
    expectUnavailable(await create('停电期间幂等项目', 'outage-key-1'));

    const client = wsClient();
    const [queried] = await overWebSocket(client, TENANT);
    expect(queried!.errors!.map((e) => e.extensions)).toEqual([UNAVAILABLE]);
    const [subscribed] = await overWebSocket(client, `subscription($tenant: String!) { projectChanged(tenantCode: $tenant) { kind } }`);
    expect(subscribed!.errors!.map((e) => e.extensions)).toEqual([UNAVAILABLE]);

    // A socket whose tenant was never looked up is not refused (4403) but told to come back: 1013.
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => {
      const socket = new WebSocket(server.url.replace('http://', 'ws://'), 'graphql-transport-ws');
      socket.on('open', () =>
        socket.send(
          JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${bannerToken(server, 'city-leader')}` } }),
        ),
      );
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    expect(closed.code).toBe(1013);
    expect(closed.reason).toMatch(/^服务暂时无法连接数据库，请 5 秒后重试/);

    const ready = await fetch(server.url.replace('/graphql', '/readyz'));
    expect(ready.status).toBe(503);
  }, 60_000);

  it('serves again once the database is back: the retried idempotent mutation is applied once, the failed one never, and the live stream resumes', async () => {
    await proxy.restore();
    await untilReady();
    expect((await post(TENANT)).status).toBe(200);

    const retried = await create('停电期间幂等项目', 'outage-key-1');
    expect(retried.status).toBe(200);
    expect(retried.body.errors).toBeUndefined();
    expect(retried.replayed).toBeNull();
    const again = await create('停电期间幂等项目', 'outage-key-1');
    expect(again.replayed).toBe('true');
    expect(again.body.data).toEqual(retried.body.data);
    expect(await projectsNamed('停电期间幂等项目')).toBe(1);
    expect(await projectsNamed('停电期间项目')).toBe(0);

    // The subscriber connected before the outage hears of the change made after it.
    const id = retried.body.data.createProject.id;
    while (!changes.items.some((e) => e.projectId === id)) await changes.until(changes.items.length + 1, 10_000);
    expect(changes.items).toContainEqual({ kind: 'PROJECT_CREATED', projectId: id });
    expect(changes.errors).toEqual([]);
  }, 60_000);

  it('answers 503 when the connection dies under BEGIN, for a query and a mutation', async () => {
    await untilReady();
    const query = proxy.cutAt(/BEGIN/, 'before');
    expectUnavailable(await post(TENANT));
    await query;
    const mutation = proxy.cutAt(/BEGIN/, 'before');
    expectUnavailable(await create('开始时停电的项目', 'outage-key-begin'));
    await mutation;
    expect(await projectsNamed('开始时停电的项目')).toBe(0);
  }, 60_000);

  it('answers 503 when the outage strikes inside a resolver, and keeps nothing', async () => {
    const cut = proxy.cutAt(/insert into "project"/, 'before');
    expectUnavailable(await create('解析器中停电的项目', 'outage-key-2'));
    await cut;
    await untilReady();
    expect(await projectsNamed('解析器中停电的项目')).toBe(0);
    // The key was not kept either: its retry acts.
    const retried = await create('解析器中停电的项目', 'outage-key-2');
    expect(retried.status).toBe(200);
    expect(retried.replayed).toBeNull();
    expect(await projectsNamed('解析器中停电的项目')).toBe(1);

    const read = proxy.cutAt(/from "project"/, 'before');
    expectUnavailable(await post(PROJECT, { id: retried.body.data.createProject.id }));
    await read;
  }, 60_000);

  it('answers 503 when the commit is lost on its way, and a retry with the same key applies the mutation once', async () => {
    await untilReady();
    const cut = proxy.cutAt(/COMMIT;/, 'before');
    expectUnavailable(await create('提交前停电的项目', 'outage-key-3'));
    await cut;
    expect(await projectsNamed('提交前停电的项目')).toBe(0);
    await untilReady();
    expect((await create('提交前停电的项目', 'outage-key-3')).replayed).toBeNull();
    expect(await projectsNamed('提交前停电的项目')).toBe(1);
  }, 60_000);

  it('answers 503 when the commit succeeded but its answer was lost, and the retry with the same key replays it: no write doubled', async () => {
    await untilReady();
    const cut = proxy.cutAt(/COMMIT;/, 'after');
    expectUnavailable(await create('提交后停电的项目', 'outage-key-4'));
    await cut;
    // PostgreSQL committed it: the client was not told, and its retry must not make a second one.
    expect(await projectsNamed('提交后停电的项目')).toBe(1);
    await untilReady();
    const retried = await create('提交后停电的项目', 'outage-key-4');
    expect(retried.status).toBe(200);
    expect(retried.replayed).toBe('true');
    expect(await projectsNamed('提交后停电的项目')).toBe(1);
  }, 60_000);

  it('ends a subscription whose event could not be read with SERVICE_UNAVAILABLE; resuming after its last cursor misses nothing', async () => {
    await untilReady();
    // `project` is read from the database for each event (an event-only selection would not be).
    const DETAILED = `subscription($tenant: String!, $after: String) { projectChanged(tenantCode: $tenant, after: $after) { cursor kind projectId project { id } } }`;
    const client = wsClient();
    const first = collect<{ cursor: string; projectId: string }>(client, DETAILED, { tenant: XINHU }, (d) => d.projectChanged);
    await proveLive(first, async (attempt) => (await create(`读取前探针${attempt}`)).body.data.createProject.id);
    const lastCursor = first.items.at(-1)!.cursor;

    // The event's own read (a read-only transaction; the mutation's is not) meets the outage.
    const cut = proxy.cutAt(/read only/i, 'before');
    const id = (await create('读取事件时停电的项目')).body.data.createProject.id;
    await cut;
    await first.ended;
    expect(first.errors.map((e) => (e as { extensions: unknown }).extensions)).toEqual([UNAVAILABLE]);
    expect(first.items.map((e) => e.projectId)).not.toContain(id);

    await untilReady();
    const resumed = collect<{ projectId: string }>(client, DETAILED, { tenant: XINHU, after: lastCursor }, (d) => d.projectChanged);
    while (!resumed.items.some((e) => e.projectId === id)) await resumed.until(resumed.items.length + 1, 10_000);
    expect(resumed.errors).toEqual([]);
  }, 60_000);

  it('wrote only JSON lines, with no name, no subject outside the request log and no SQL', async () => {
    expect(await interrupt(server)).toBe(0);
    const output = server.output();
    // The development realm's guide (the demo users' tokens, a first query) is for the person who
    // ran `npm start`; every other line, from the first to the last, is a JSON log line.
    const guideStart = output.indexOf('Demo users of the development realm');
    const guideEnd = output.indexOf('\n', output.indexOf('Press Ctrl-C to stop'));
    expect(guideStart).toBeGreaterThanOrEqual(0);
    const lines = (output.slice(0, guideStart) + output.slice(guideEnd)).split('\n').filter((line) => line.trim() !== '');
    expect(lines.some((line) => line.includes('"msg":"stopped"'))).toBe(true);
    const logged = lines.map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`a line that is not JSON: ${line.slice(0, 300)}`);
      }
    });
    const answered = logged.filter((l) => l['msg'] === 'graphql operation');
    expect(answered.some((l) => l['status'] === 503 && JSON.stringify(l['errorCodes']) === '["SERVICE_UNAVAILABLE"]')).toBe(true);
    expect(logged.filter((l) => String(l['msg']).startsWith('the database is unreachable')).length).toBeGreaterThanOrEqual(1);
    for (const line of logged) {
      // The request log names the viewer's subject by design (README, Operations); nothing else may.
      const { subject: _subject, ...rest } = line;
      const text = JSON.stringify(rest);
      for (const secret of [
        TOWN_OFFICER.name,
        COUNTY_LEADER.name,
        TOWN_OFFICER.subject,
        COUNTY_LEADER.subject,
        'set_config',
        'insert into',
        'select ',
        'COMMIT',
      ]) {
        expect({ line: text, has: text.includes(secret) }).toEqual({ line: text, has: false });
      }
    }
  }, 60_000);
});
