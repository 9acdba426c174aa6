import { startTestServer, type TestServer } from '../support/test-server';

/**
 * HTTP and graphql-ws come in through one admission gate (src/transport/admission-gate.ts): one
 * rate budget per viewer whichever transport an operation takes, and the same refusal.
 */
describe('one admission gate for both GraphQL transports', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', 'supervisor', { RATE_LIMIT_PER_MINUTE_SUPERVISOR: '3' });
  });
  afterAll(() => server.close());

  it("counts a viewer's operations over HTTP and over graphql-ws against one budget, and refuses the next with RATE_LIMITED on either", async () => {
    expect((await server.gql('{ __typename }')).errors).toBeUndefined();
    expect((await server.gql('{ __typename }')).errors).toBeUndefined();
    const client = server.wsClient();
    type Answer = { data?: unknown; errors?: readonly { extensions?: Record<string, unknown> }[] };
    // A refused operation ends with its errors (an array), not with a result.
    const overSocket = (query: string) =>
      new Promise<Answer>((resolve, reject) => {
        let result: Answer = {};
        client.subscribe(
          { query },
          {
            next: (answer) => void (result = answer as Answer),
            error: (error) => (Array.isArray(error) ? resolve({ errors: error }) : reject(error)),
            complete: () => resolve(result),
          },
        );
      });
    expect(await overSocket('{ __typename }')).toEqual({ data: { __typename: 'Query' } });
    const refusedOverSocket = await overSocket('{ __typename }');
    expect(refusedOverSocket.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    const refusedOverHttp = await server.gql('{ __typename }');
    expect(refusedOverHttp.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
