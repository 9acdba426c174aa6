import { startTestServer, type TestServer } from '../support/test-server';
import { CITY } from '../support/fixtures';

describe('the server over real HTTP and WebSocket', () => {
  let server: TestServer;
  const base = () => server.url.replace('/graphql', '');

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', 'city-leader');
  });
  afterAll(() => server.close());

  it('answers /healthz while the process lives', async () => {
    const response = await fetch(`${base()}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz once the database answers and every migration is applied', async () => {
    const response = await fetch(`${base()}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ready' });
  });

  it("answers the README's first query with the city and its 12 county-level units, the development zone included", async () => {
    const result = await server.gql(`{ tenant(code: "${CITY}") { name level children { code name kind } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.tenant.name).toBe('德州市');
    expect(result.data?.tenant.children).toHaveLength(12);
    expect(result.data?.tenant.children).toContainEqual({ code: '371471', name: '德州天衢新区', kind: 'DEVELOPMENT_ZONE' });
  });

  it('serves the same schema over graphql-ws at the same URL', async () => {
    const client = server.wsClient();
    const result = await new Promise<any>((resolve, reject) => {
      let value: unknown;
      client.subscribe(
        { query: `{ tenant(code: "${CITY}") { name } }` },
        { next: (v) => (value = v), error: reject, complete: () => resolve(value) },
      );
    });
    expect(result.data.tenant.name).toBe('德州市');
  });

  it('maps errors over graphql-ws as over HTTP', async () => {
    const client = server.wsClient();
    const result = await new Promise<any>((resolve, reject) => {
      let value: unknown;
      client.subscribe(
        { query: '{ tenant(code: "999999") { name } }' },
        { next: (v) => (value = v), error: reject, complete: () => resolve(value) },
      );
    });
    expect(result.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('answers a malformed JSON body with a JSON error coded BAD_REQUEST', async () => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED', async () => {
    const result = await server.gql('{ tenant(code: ');
    expect(result.errors?.[0]?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers an unknown tenant with NOT_FOUND', async () => {
    const result = await server.gql('{ tenant(code: "371499") { name } }');
    expect(result.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('lists the towns of a county, ordered by code', async () => {
    const result = await server.gql('{ tenants(parentCode: "371402") { code level parent { code } } }');
    const towns = result.data?.tenants as { code: string; level: string; parent: { code: string } }[];
    expect(towns.length).toBeGreaterThan(5);
    expect(towns.every((t) => t.level === 'TOWN' && t.parent.code === '371402')).toBe(true);
    expect(towns.map((t) => t.code)).toEqual([...towns.map((t) => t.code)].sort());
  });
});
