import { auditServer } from 'graphql-http';
import { CITY, projectInput } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

interface Answer {
  status: number;
  contentType: string;
  body: { data?: unknown; errors?: { message: string; extensions: { code: string; field?: string } }[] };
}

/**
 * The GraphQL-over-HTTP specification (graphql.github.io/graphql-over-http): request errors answer
 * 200 to `application/json` clients and 4xx to `application/graphql-response+json` clients; statuses
 * the server sets on purpose (401, 405, 413, ...) stay.
 */
describe('GraphQL over HTTP', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', 'city-leader');
    token = server.token('city-leader');
  });
  afterAll(() => server.close());

  async function read(response: Response): Promise<Answer> {
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: (await response.json()) as Answer['body'],
    };
  }

  async function post(body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify(body),
    });
    return read(response);
  }

  async function get(params: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${server.url}?${new URLSearchParams(params)}`, {
      headers: { authorization: `Bearer ${token}`, ...headers },
    });
    return read(response);
  }

  const requestErrors: [string, Record<string, unknown>, string][] = [
    ['a document that does not parse', { query: '{ tenant(code: ' }, 'GRAPHQL_PARSE_FAILED'],
    ['a document that does not validate', { query: '{ tenant(code: "371400") { noSuchField } }' }, 'GRAPHQL_VALIDATION_FAILED'],
    [
      'a document over the depth limit',
      { query: `{ tenant(code: "371400") { ${'parent { '.repeat(14)}code${' }'.repeat(14)} } }` },
      'GRAPHQL_VALIDATION_FAILED',
    ],
    [
      'a variable that does not coerce',
      { query: 'query ($code: String!) { tenant(code: $code) { name } }', variables: { code: 371400 } },
      'BAD_USER_INPUT',
    ],
    [
      'an operation name the document lacks',
      { query: 'query A { __typename } query B { __typename }', operationName: 'C' },
      'OPERATION_RESOLUTION_FAILURE',
    ],
  ];

  it.each(requestErrors)('answers %s with 200 and the error code when the client accepts application/json', async (_what, body, code) => {
    const answer = await post(body, { accept: JSON_TYPE });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toContain(JSON_TYPE);
    expect(answer.body.errors?.[0]?.extensions.code).toBe(code);
    expect(answer.body.data).toBeUndefined();
  });

  it.each(requestErrors)('answers %s with 400 when the client accepts application/graphql-response+json', async (_what, body, code) => {
    const answer = await post(body, { accept: GRAPHQL_RESPONSE });
    expect(answer.status).toBe(400);
    expect(answer.contentType).toContain(GRAPHQL_RESPONSE);
    expect(answer.body.errors?.[0]?.extensions.code).toBe(code);
  });

  it('names the variable at fault when it does not coerce', async () => {
    const answer = await post({ query: 'query ($code: String!) { tenant(code: $code) { name } }', variables: {} }, { accept: JSON_TYPE });
    expect(answer.status).toBe(200);
    expect(answer.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'code' }));
  });

  // The status must follow the media type the body is sent as, whatever the client listed first.
  it.each([
    [undefined, JSON_TYPE, 200],
    ['*/*', JSON_TYPE, 200],
    [`${JSON_TYPE}, ${GRAPHQL_RESPONSE}`, JSON_TYPE, 200],
    [`${GRAPHQL_RESPONSE}, ${JSON_TYPE}`, GRAPHQL_RESPONSE, 400],
    [`${GRAPHQL_RESPONSE};q=0.5, ${JSON_TYPE}`, JSON_TYPE, 200],
    [`${GRAPHQL_RESPONSE}, ${JSON_TYPE};q=0.9`, GRAPHQL_RESPONSE, 400],
  ])('with Accept %p answers a parse error as %s with status %d', async (accept, contentType, status) => {
    const answer = await post({ query: '{' }, accept === undefined ? {} : { accept });
    expect(answer.contentType).toContain(contentType);
    expect(answer.status).toBe(status);
    expect(answer.body.errors?.[0]?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('keeps 401 for a request without a token, under application/json too', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: JSON_TYPE },
      body: JSON.stringify({ query: '{ tenant(code: ' }),
    });
    const answer = await read(response);
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('keeps 400 BAD_REQUEST for a request that is not a GraphQL request at all', async () => {
    const answer = await post({ variables: {} }, { accept: JSON_TYPE });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  it('keeps 406 for a client that accepts no JSON media type', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/csv', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{' }),
    });
    expect(response.status).toBe(406);
    expect(((await response.json()) as Answer['body']).errors?.[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses a subscription over HTTP with BAD_REQUEST and where to subscribe, never an internal error', async () => {
    const answer = await post(
      { query: `subscription { rollupChanged(tenantCode: "${CITY}", period: "2026-10") { projectCount } }` },
      { accept: JSON_TYPE },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions.code).toBe('BAD_REQUEST');
    expect(answer.body.errors?.[0]?.message).toMatch(/请打开到 \/graphql 的 WebSocket（graphql-ws 协议/);
  });

  describe('GET', () => {
    it('runs a query without any preflight header', async () => {
      const answer = await get({
        query: `query ($code: String!) { tenant(code: $code) { name } }`,
        variables: JSON.stringify({ code: CITY }),
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ data: { tenant: { name: '德州市' } } });
    });

    it('refuses a mutation with 405: GET is for reading only', async () => {
      const before = await server.adminOrm.em.fork().execute('select count(*)::int as n from project');
      const answer = await get({
        query: 'mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }',
        variables: JSON.stringify({ input: projectInput() }),
      });
      expect(answer.status).toBe(405);
      expect(answer.body.errors?.[0]?.extensions.code).toBe('BAD_REQUEST');
      expect(await server.adminOrm.em.fork().execute('select count(*)::int as n from project')).toEqual(before);
    });

    it('refuses a request without a token with 401, as a cross-site link or image would send it', async () => {
      const response = await fetch(`${server.url}?${new URLSearchParams({ query: `{ tenant(code: "${CITY}") { name } }` })}`);
      expect(response.status).toBe(401);
      expect(((await response.json()) as Answer['body']).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  it('refuses a cross-site form post (text/plain, no token) before anything runs', async () => {
    const before = await server.adminOrm.em.fork().execute('select count(*)::int as n from project');
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({
        query: 'mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }',
        variables: { input: projectInput() },
      }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as Answer['body']).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(await server.adminOrm.em.fork().execute('select count(*)::int as n from project')).toEqual(before);
  });

  it('passes every audit of graphql-http, the specification’s reference implementation', async () => {
    // The audits send no credentials; a real client adds its token the same way.
    const fetchFn = (input: Parameters<typeof fetch>[0], init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    };
    const results = await auditServer({ url: server.url, fetchFn });
    const failed = results.filter((r) => r.status !== 'ok').map((r) => `${r.status} ${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);
    expect(failed).toEqual([]);
    expect(results.length).toBeGreaterThan(50);
  });
});
