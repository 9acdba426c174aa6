import { Client } from 'pg';
import { CITY, CITY_LEADER, createProject, TOWN_OFFICER, XINHU } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Limits against abusive documents, over HTTP and graphql-ws alike: each rejects its abusive
 * document with a clear, coded error, and a city dashboard's ordinary documents pass.
 */
describe('limits against abusive queries', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', CITY_LEADER, {
      GRAPHQL_REQUEST_TIMEOUT_MS: '1000',
      GRAPHQL_HIDE_SCHEMA_DETAILS: 'true',
    });
  });
  afterAll(() => server.close());

  /** The first error of a document sent over graphql-ws. */
  async function overSocket(query: string): Promise<{ message: string; extensions?: Record<string, unknown> } | undefined> {
    const client = server.wsClient(CITY_LEADER);
    return new Promise((resolve) => {
      client.subscribe(
        { query },
        {
          next: (result) => resolve((result.errors as any)?.[0]),
          error: (errors) => resolve((errors as any)?.[0]),
          complete: () => resolve(undefined),
        },
      );
    });
  }

  const nested = (levels: number) => `{ tenant(code: "${XINHU}") { ${'parent { '.repeat(levels)}code${' }'.repeat(levels)} } }`;
  const DASHBOARD = `{ rollup(tenantCode: "${CITY}", period: "2026-10") {
      tenant { code name } projectCount startRate completionRate openBlockerCount trafficLight { color }
      children { tenant { code name } projectCount completionRate trafficLight { color } }
      trend(from: "2026-01", to: "2026-10") { period completedThisYearWan completionRate } } }`;

  it('lets a city dashboard and a page of projects with their details through', async () => {
    expect((await server.gql(DASHBOARD)).errors).toBeUndefined();
    const page = await server.gql(`{ projects(filter: { tenantCode: "${CITY}" }, first: 200) { totalCount
      nodes { id name stage owner { code name } latestReport { period completedInvestmentWan } milestones { title dueOn doneOn } }
      pageInfo { hasNextPage endCursor } } }`);
    expect(page.errors).toBeUndefined();
  });

  it('refuses a document nested deeper than the limit, naming the limit', async () => {
    expect((await server.gql(nested(9))).errors).toBeUndefined();
    const result = await server.gql(nested(14));
    // A request error answers 200 to an application/json client (tests/e2e/graphql-over-http.test.ts).
    expect(result.status).toBe(200);
    expect(result.errors?.[0]).toMatchObject({
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDepth', maximum: 12, actual: 16 },
    });
    expect(result.errors?.[0]?.message).toBe('查询深度 16 超过上限 12：请减少一次请求的内容');
  });

  it('counts depth through fragments, so hiding the nesting in them does not help', async () => {
    const fragments = Array.from(
      { length: 14 },
      (_, i) => `fragment f${i} on Tenant { parent { ${i < 13 ? `...f${i + 1}` : 'code'} } }`,
    ).join('\n');
    const result = await server.gql(`{ tenant(code: "${XINHU}") { ...f0 } }\n${fragments}`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDepth' });
  });

  it('refuses more aliases than the limit', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `t${i}: tenant(code: "${CITY}") { name }`).join(' ');
    const result = await server.gql(`{ ${aliases} }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      limit: 'maxAliases',
      maximum: 30,
      actual: 31,
    });
  });

  it('refuses a document repeating directives beyond the limit', async () => {
    const result = await server.gql(`{ tenant(code: "${CITY}") { name ${'@include(if: true) '.repeat(51)} } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDirectives' });
  });

  it('refuses a document whose estimated cost is over the limit (lists within lists)', async () => {
    const result = await server.gql(`{ tenants { children { children { children { children { code name } } } } } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxCost', maximum: 50_000 });
    // A variable page size counts as the largest page.
    const paged = await server.gql(
      `query($n: Int) { projects(filter: { tenantCode: "${CITY}" }, first: $n) { nodes { milestones { title } owner { children { children { children { code } } } } } } }`,
      { n: 5 },
    );
    expect(paged.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxCost' });
  });

  it('stops parsing a document with more tokens than the limit', async () => {
    const result = await server.gql(`{ tenant(code: "${CITY}") { ${'name '.repeat(6000)} } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(result.errors?.[0]?.message).toContain('词法单元');
  });

  it('refuses a page larger than the maximum page size', async () => {
    const result = await server.gql(`{ projects(filter: { tenantCode: "${CITY}" }, first: 1000) { totalCount } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('refuses HTTP batches unless configured', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token(CITY_LEADER)}` },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/未开启批量请求/);
  });

  it('refuses a request body over the size limit with a JSON error', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token(CITY_LEADER)}` },
      body: JSON.stringify({ query: `{ __typename }`, variables: { padding: 'x'.repeat(1_100_000) } }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('gives no field suggestions when schema details are hidden, over HTTP and graphql-ws', async () => {
    const http = await server.gql(`{ tenat(code: "${CITY}") { name } }`);
    expect(http.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(http.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const ws = await overSocket(`subscription { projectChangd(tenantCode: "${CITY}") { kind } }`);
    expect(ws?.message).toContain('projectChangd');
    expect(ws?.message).not.toMatch(/Did you mean/);
  });

  it('applies the same limits to documents over graphql-ws', async () => {
    const deep = await overSocket(
      `subscription { projectChanged(tenantCode: "${CITY}") { project { owner { ${'parent { '.repeat(12)}code${' }'.repeat(12)} } } } }`,
    );
    expect(deep?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDepth' });
    const long = await overSocket(`subscription { projectChanged(tenantCode: "${CITY}") { ${'kind '.repeat(6000)} } }`);
    expect(long?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('cancels an operation that runs past the request timeout with TIMEOUT, keeping nothing it did', async () => {
    const project = await createProject(server, { code: null, annualPlans: [] }, TOWN_OFFICER);
    // Another session holds the project's row: the update waits on it until the timeout cancels it.
    const holder = new Client({ connectionString: server.adminOrm.config.get('clientUrl') as string });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select 1 from project where id = $1 for update', [project.id]);
      const result = await server.gql(
        `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { id name } }`,
        { input: { id: project.id, name: '超时的修改' } },
        TOWN_OFFICER,
      );
      expect(result.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
      await holder.query('rollback');
    } finally {
      await holder.end();
    }
    const after = await server.gql(`{ project(id: "${project.id}") { name } }`, {}, TOWN_OFFICER);
    expect(after.data?.project.name).toBe(project.name);
  });
});
