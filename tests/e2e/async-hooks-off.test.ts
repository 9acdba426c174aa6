import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client as LiveClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Period } from '../../src/calendar/period';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { XINHU } from '../support/fixtures';
import { evaluated, inspectorUrl, withInspector } from '../support/inspector';
import { collect, proveLive } from '../support/live';
import { bannerToken, children, freePort, gql, serverEnv, start, type Running } from '../support/server-process';

/**
 * Node 20 runs promise hooks for every promise of the process once any AsyncLocalStorage has run,
 * and never stops: about a fifth of a small read's server CPU (bench:api). The server keeps them
 * off (src/db/async-context.ts, src/language/request-language.ts): this runs the compiled server
 * as its own process (a test runner's other files share theirs), puts it through writes, a live
 * event, a failed mutation and refusals in English, and looks inside it through the inspector.
 * Node marks every promise it creates while the hooks are on with its async id symbols.
 */
const HOOK_MARKS = 'Object.getOwnPropertySymbols(new Promise(() => {})).map(String)';

describe('async hooks stay off for a whole server life', () => {
  let db: TestDatabase;
  let dataDir: string;
  let server: Running;
  let live: LiveClient;

  beforeAll(async () => {
    db = await createTestDatabase('dezhou-tenants');
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'kp-async-hooks-'));
    server = await start(serverEnv({ DATA_DIR: dataDir, DATABASE_URL: db.appUrl, PORT: String(await freePort()), LIVE_POLL_MS: '200' }), [
      '--inspect=127.0.0.1:0',
    ]);
  }, 120_000);

  afterAll(async () => {
    await live?.dispose();
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The answer's body to a POST of `body` with `headers`. */
  const post = async (body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return (await response.json()) as { data?: any; errors?: { message: string; extensions: any }[] };
  };

  it('leaves them off after writes, a live event, a rolled-back mutation and refusals', async () => {
    const officer = bannerToken(server, 'town-officer');
    const marks = () => withInspector(inspectorUrl(server.output()), (call) => evaluated<string[]>(call, HOOK_MARKS));
    expect(await marks()).toEqual([]);

    live = createClient({
      url: server.url.replace('http://', 'ws://'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${officer}` },
    });
    const changes = collect<{ kind: string; projectId: string }>(
      live,
      `subscription { projectChanged(tenantCode: "${XINHU}") { kind projectId } }`,
      {},
      (d) => d.projectChanged,
    );
    // A transaction of the unit of work (em.transactional, flush).
    const create = async (name: string): Promise<string> => {
      const created = await gql(server.url, officer, 'mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }', {
        input: { name, category: 'OTHER', nature: 'NEW', ownerTenantCode: XINHU, totalInvestmentWan: '100' },
      });
      expect(created.errors).toBeUndefined();
      return created.data.createProject.id as string;
    };
    // The subscription starts on its own time: it is proven live (a probe project's event has
    // reached it) before the writes whose events it must see.
    await proveLive(changes, (attempt) => create(`异步钩子探针${attempt}`));
    const projectId = await create('异步钩子检查项目');
    // A report on it (its rollups' triggers).
    const REPORT = 'mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }';
    const report = {
      input: {
        projectId,
        period: Period.current().toString(),
        completedInvestmentWan: '100',
        progressNote: '场地平整',
        stageAtMonthEnd: 'STARTED',
      },
    };
    expect((await gql(server.url, officer, REPORT, report)).errors).toBeUndefined();
    // The same report again: refused inside its transaction, which rolls back.
    expect((await gql(server.url, officer, REPORT, report)).errors?.[0]?.extensions.code).toBe('CONFLICT');
    // The live event of the new project: the relay's read and the delivery.
    const own = await changes.untilOwn((c) => c.projectId === projectId, 1, 10_000);
    expect(own[0]!.kind).toBe('PROJECT_CREATED');

    // Refusals in English, from before Apollo's pipeline and inside it.
    const en = { 'accept-language': 'en', authorization: `Bearer ${officer}` };
    const noQuery = await post('{}', en);
    expect(noQuery.errors?.[0]?.extensions.code).toBe('BAD_REQUEST');
    const badToken = await post(JSON.stringify({ query: '{ me { subject } }' }), { ...en, authorization: 'Bearer not-a-token' });
    expect(badToken.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const unknownField = await post(JSON.stringify({ query: '{ nothingHere }' }), en);
    expect(unknownField.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');

    expect(await marks()).toEqual([]);
  });

  it('sees the hooks once something in the process runs an AsyncLocalStorage (the probe can fail)', async () => {
    const marksAfterStorage = await withInspector(inspectorUrl(server.output()), (call) =>
      evaluated<string[]>(call, `new (require('node:async_hooks').AsyncLocalStorage)().run(1, () => ${HOOK_MARKS})`),
    );
    expect(marksAfterStorage).toContain('Symbol(async_id_symbol)');
  });
});
