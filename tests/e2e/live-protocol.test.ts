import WebSocket from 'ws';
import { TOKEN_REJECTIONS } from '../../src/auth/token-rejection';
import { TOWN_OFFICER, XINHU } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The graphql-transport-ws protocol's close codes, with a raw socket: what a client library sees
 * when it (or its user) gets something wrong, and what a deployment does to live clients.
 */
describe('graphql-ws close codes', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', 'town-officer', { WS_INIT_TIMEOUT_MS: '300' });
  });
  afterAll(() => server.close());

  function open(): Promise<WebSocket> {
    const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });
  }

  function closed(socket: WebSocket): Promise<number> {
    return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
  }

  async function acknowledged(): Promise<WebSocket> {
    const socket = await open();
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${server.token(TOWN_OFFICER)}` } }));
    await new Promise<void>((resolve) => socket.once('message', () => resolve()));
    return socket;
  }

  const subscribe = (id: string) =>
    JSON.stringify({ id, type: 'subscribe', payload: { query: `subscription { projectChanged(tenantCode: "${XINHU}") { kind } }` } });

  it('closes with 4400 on a message that is not the protocol', async () => {
    const socket = await open();
    socket.send('{"type":"nonsense"}');
    expect(await closed(socket)).toBe(4400);
  });

  it('closes with 4401 on a subscribe before the connection is acknowledged', async () => {
    const socket = await open();
    socket.send(subscribe('1'));
    expect(await closed(socket)).toBe(4401);
  });

  it('closes with 4403 on a bad token in connection_init, saying what is wrong with it', async () => {
    const socket = await open();
    const reason = new Promise<string>((resolve) => socket.once('close', (_code, why) => resolve(String(why))));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer not-a-token' } }));
    expect(await closed(socket)).toBe(4403);
    expect(await reason).toBe(TOKEN_REJECTIONS.TOKEN_MALFORMED.zh);
  });

  it('closes with 4408 when connection_init does not come in time', async () => {
    const socket = await open();
    expect(await closed(socket)).toBe(4408);
  });

  it('closes with 4409 on a second subscription under an id in use', async () => {
    const socket = await acknowledged();
    socket.send(subscribe('same'));
    socket.send(subscribe('same'));
    expect(await closed(socket)).toBe(4409);
  });

  it('closes with 4429 on a second connection_init', async () => {
    const socket = await acknowledged();
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    expect(await closed(socket)).toBe(4429);
  });

  function reply(
    socket: WebSocket,
  ): Promise<{ id?: string; type: string; payload: { message: string; extensions?: { code?: string } }[] }> {
    return new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
  }

  it('validates subscription documents as HTTP validates queries, with the same codes', async () => {
    const socket = await acknowledged();
    socket.send(
      JSON.stringify({ id: 'v', type: 'subscribe', payload: { query: 'subscription { projectChanged(tenantCode: 1) { nope } }' } }),
    );
    const answer = await reply(socket);
    expect(answer).toMatchObject({ id: 'v', type: 'error' });
    expect(answer.payload.length).toBeGreaterThanOrEqual(2);
    expect(answer.payload.map((e) => e.extensions?.code)).toEqual(answer.payload.map(() => 'GRAPHQL_VALIDATION_FAILED'));
    socket.close();
  });

  it('fails only the operation whose document does not parse; the socket and its other subscriptions stay', async () => {
    const socket = await acknowledged();
    socket.send(JSON.stringify({ id: 'bad', type: 'subscribe', payload: { query: 'subscription { projectChanged(' } }));
    const answer = await reply(socket);
    expect(answer).toMatchObject({ id: 'bad', type: 'error' });
    expect(answer.payload[0]!.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    socket.send(JSON.stringify({ id: 'q', type: 'subscribe', payload: { query: `{ tenant(code: "${XINHU}") { code } }` } }));
    expect(await reply(socket)).toMatchObject({ id: 'q', type: 'next', payload: { data: { tenant: { code: XINHU } } } });
    socket.close();
  });

  it('refuses a document whose operation cannot be told apart', async () => {
    const socket = await acknowledged();
    socket.send(JSON.stringify({ id: 'two', type: 'subscribe', payload: { query: 'query A { __typename } query B { __typename }' } }));
    const answer = await reply(socket);
    expect(answer).toMatchObject({ id: 'two', type: 'error' });
    expect(answer.payload[0]!.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
    socket.close();
  });

  it('tells live clients to reconnect elsewhere (1012) when the server shuts down', async () => {
    const socket = await acknowledged();
    socket.send(subscribe('live'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const code = closed(socket);
    await server.stopServer();
    expect(await code).toBe(1012);
  });
});
