import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { adHocUser, DevRealm } from '../../src/auth/dev-realm';
import { devUser } from '../../src/auth/dev-users';
import { Role } from '../../src/auth/roles';
import { TOKEN_REJECTIONS, type TokenRejection } from '../../src/auth/token-rejection';
import { collect } from '../support/live';
import { startTestServer, type TestServer } from '../support/test-server';

const QUERY = '{ tenant(code: "371400") { name } }';

describe('authentication with Keycloak access tokens', () => {
  let server: TestServer;
  let otherKeyDir: string;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', 'city-leader');
    otherKeyDir = mkdtempSync(path.join(os.tmpdir(), 'kp-forger-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(otherKeyDir, { recursive: true, force: true });
  });

  it('answers a valid token of the realm with data', async () => {
    const result = await server.gql(QUERY);
    expect(result.status).toBe(200);
    expect(result.data?.tenant.name).toBe('德州市');
  });

  it('accepts the integrator service account (client credentials) read-only token', async () => {
    const result = await server.gql(QUERY, {}, 'integrator');
    expect(result.data?.tenant.name).toBe('德州市');
  });

  const leader = devUser('city-leader')!;
  const forged = () =>
    new DevRealm(
      { keyDir: otherKeyDir, realm: 'key-projects', apiClientId: 'key-projects-api', tenantClaim: 'tenant_code' },
      new URL(server.realm.issuer).origin,
    ).issue(leader);
  const anHourAhead = () => Math.floor(Date.now() / 1000) + 3600;
  const badTokens: [string, TokenRejection, () => string][] = [
    ['a missing token', 'TOKEN_MISSING', () => ''],
    ['an expired token', 'TOKEN_EXPIRED', () => server.token(leader, { expiresIn: -60 })],
    ['a token without exp (it would never expire)', 'TOKEN_EXPIRY_MISSING', () => server.token(leader, { claims: { exp: undefined } })],
    ['a token whose nbf is an hour ahead', 'TOKEN_NOT_YET_VALID', () => server.token(leader, { claims: { nbf: anHourAhead() } })],
    ['a token issued (iat) an hour ahead', 'TOKEN_ISSUED_IN_FUTURE', () => server.token(leader, { claims: { iat: anHourAhead() } })],
    ['a token signed with another key', 'TOKEN_KEY_UNKNOWN', forged],
    [
      'a token of another issuer',
      'TOKEN_ISSUER_WRONG',
      () => server.token(leader, { claims: { iss: 'http://127.0.0.1:1/realms/key-projects' } }),
    ],
    [
      'a token for another audience',
      'TOKEN_AUDIENCE_WRONG',
      () => server.token(leader, { claims: { aud: ['account', 'some-other-api'] } }),
    ],
    ['an ID token instead of an access token', 'TOKEN_TYPE_WRONG', () => server.token(leader, { claims: { typ: 'ID' } })],
    ['a token signed with HS256', 'TOKEN_ALGORITHM_UNSUPPORTED', () => server.token(leader, { header: { alg: 'HS256' } })],
    [
      'a token whose claims were tampered with',
      'TOKEN_SIGNATURE_INVALID',
      () => {
        const [header, payload, signature] = server.token(leader).split('.');
        const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
        const raised = Buffer.from(JSON.stringify({ ...claims, realm_access: { roles: ['admin'] } })).toString('base64url');
        return `${header}.${raised}.${signature}`;
      },
    ],
    ['garbage', 'TOKEN_MALFORMED', () => 'not-a-jwt'],
  ];

  async function closeOf(token: string): Promise<{ code: number; reason: string }> {
    const client = createClient({
      url: server.wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      onNonLazyError: () => undefined,
    });
    const closed = await new Promise<{ code: number; reason: string }>((resolve) =>
      client.on('closed', (event) => resolve(event as { code: number; reason: string })),
    );
    await client.dispose();
    return { code: closed.code, reason: closed.reason };
  }

  it.each(badTokens)('answers %s with HTTP 401, UNAUTHENTICATED %s and its plain message, and no data', async (_, reason, make) => {
    const token = make();
    const result = await server.gql(QUERY, {}, token ? { token } : null);
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', field: 'authorization', reason });
    expect(result.errors?.[0]?.message).toBe(TOKEN_REJECTIONS[reason].zh);
    expect(result.data ?? null).toBeNull();
  });

  it.each(badTokens)('closes a WebSocket presenting %s with 4403 and the message of %s', async (_, reason, make) => {
    expect(await closeOf(make())).toEqual({ code: 4403, reason: TOKEN_REJECTIONS[reason].zh });
  });

  it('answers an unknown key id the same plain way every time, and keeps keycloak-connect off the console', async () => {
    // The first unknown kid may refetch the realm's keys; the next ones, within 10 s, may not (keycloak-connect's throttle).
    const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => jest.spyOn(console, method));
    try {
      const answers = [await server.gql(QUERY, {}, { token: forged() }), await server.gql(QUERY, {}, { token: forged() })];
      const closes = [await closeOf(forged()), await closeOf(forged())];
      for (const answer of answers) {
        expect(answer.status).toBe(401);
        expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_KEY_UNKNOWN' });
        expect(answer.errors?.[0]?.message).toBe(TOKEN_REJECTIONS.TOKEN_KEY_UNKNOWN.zh);
      }
      expect(closes).toEqual([0, 1].map(() => ({ code: 4403, reason: TOKEN_REJECTIONS.TOKEN_KEY_UNKNOWN.zh })));
      expect(consoleSpies.flatMap((spy) => spy.mock.calls)).toEqual([]);
    } finally {
      for (const spy of consoleSpies) spy.mockRestore();
    }
  });

  it('lets introspection through without a token while it is enabled', async () => {
    const result = await server.gql('{ __schema { queryType { name } } }', {}, null);
    expect(result.status).toBe(200);
    expect(result.data?.__schema.queryType.name).toBe('Query');
  });

  it('does not let a query hide behind introspection', async () => {
    const result = await server.gql('{ __typename tenant(code: "371400") { name } }', {}, null);
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers a valid token whose tenant does not exist with 403 FORBIDDEN', async () => {
    const ghost = adHocUser({ tenantCode: '371499', roles: [Role.CITY_LEADER] });
    const result = await server.gql(QUERY, {}, ghost);
    expect(result.status).toBe(403);
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('refuses a WebSocket whose token names a tenant that does not exist with 4403, as HTTP refuses its requests', async () => {
    const ghost = adHocUser({ tenantCode: '371499', roles: [Role.CITY_LEADER] });
    const http = await server.gql(QUERY, {}, ghost);
    expect(http.status).toBe(403);
    expect(await closeOf(server.token(ghost))).toEqual({ code: 4403, reason: http.errors?.[0]?.message });
  });

  it('cuts a refusal too long for a close frame (a tenant claim of 300 characters) rather than fail the socket', async () => {
    const ghost = adHocUser({ tenantCode: '县'.repeat(300), roles: [Role.CITY_LEADER] });
    const closed = await closeOf(server.token(ghost));
    expect(closed.code).toBe(4403);
    expect(closed.reason).toMatch(/^令牌中的行政区划 县+…$/);
    expect(Buffer.byteLength(closed.reason)).toBeLessThanOrEqual(123);
  });

  it('still refuses each operation of an admitted socket once its tenant is retired, with FORBIDDEN', async () => {
    const officer = adHocUser({ tenantCode: '371402002', roles: [Role.TOWN_OFFICER] });
    // Not lazy: the one socket stays open between the two operations.
    const client = createClient({
      url: server.wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: { authorization: `Bearer ${server.token(officer)}` },
    });
    const before = collect(client, QUERY);
    await before.ended;
    expect(before.errors).toEqual([]);
    // Retired yesterday (China time), as retireTenant records it.
    await server.adminOrm.em
      .fork()
      .getConnection()
      .execute(`update tenant set valid_to = (now() at time zone 'Asia/Shanghai')::date - 1 where code = '371402002'`);
    try {
      const after = collect(client, QUERY);
      await after.ended;
      expect(after.errors).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
      expect(after.items).toEqual([]);
    } finally {
      await server.adminOrm.em.fork().getConnection().execute(`update tenant set valid_to = null where code = '371402002'`);
      await client.dispose();
    }
  });

  it('closes a WebSocket with 4403 when its token expires', async () => {
    const token = server.token(leader, { expiresIn: 2 });
    const client = createClient({
      url: server.wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    const opened = Date.now();
    const code = await new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
    expect(code).toBe(4403);
    expect(Date.now() - opened).toBeGreaterThan(1000);
    await client.dispose();
  });
});
