import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { adHocUser, DevRealm } from '../../src/auth/dev-realm';
import { devUser } from '../../src/auth/dev-users';
import { Role } from '../../src/auth/roles';
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
  const badTokens: [string, () => string][] = [
    ['a missing token', () => ''],
    ['an expired token', () => server.token(leader, { expiresIn: -60 })],
    ['a token signed with another key', () => {
      const forger = new DevRealm({ keyDir: otherKeyDir, realm: 'key-projects', apiClientId: 'key-projects-api', tenantClaim: 'tenant_code' }, new URL(server.realm.issuer).origin);
      return forger.issue(leader);
    }],
    ['a token of another issuer', () => server.token(leader, { claims: { iss: 'http://127.0.0.1:1/realms/key-projects' } })],
    ['a token for another audience', () => server.token(leader, { claims: { aud: ['account', 'some-other-api'] } })],
    ['an ID token instead of an access token', () => server.token(leader, { claims: { typ: 'ID' } })],
    ['a token whose signature was tampered with', () => {
      const [header, , signature] = server.token(leader).split('.');
      const payload = Buffer.from(JSON.stringify({ sub: 'x', typ: 'Bearer', realm_access: { roles: ['admin'] } })).toString('base64url');
      return `${header}.${payload}.${signature}`;
    }],
    ['garbage', () => 'not-a-jwt'],
  ];

  it.each(badTokens)('answers %s with HTTP 401 and UNAUTHENTICATED, and no data', async (_, make) => {
    const token = make();
    const result = await server.gql(QUERY, {}, token ? { token } : null);
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(result.data ?? null).toBeNull();
  });

  it.each(badTokens)('closes a WebSocket presenting %s with 4403 Forbidden', async (_, make) => {
    const token = make();
    const client = createClient({
      url: server.wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      onNonLazyError: () => undefined,
    });
    const closed = await new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
    expect(closed).toBe(4403);
    await client.dispose();
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

  it('refuses, over a WebSocket too, each operation of a token whose tenant does not exist, with FORBIDDEN', async () => {
    const ghost = adHocUser({ tenantCode: '371499', roles: [Role.CITY_LEADER] });
    const client = server.wsClient(ghost);
    const query = collect(client, QUERY);
    const subscription = collect(client, 'subscription { projectChanged(tenantCode: "371400") { kind } }');
    await Promise.all([query.ended, subscription.ended]);
    expect(query.errors).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
    expect(subscription.errors).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
    expect(query.items).toEqual([]);
    await client.dispose();
  });

  it('closes a WebSocket with 4403 when its token expires', async () => {
    const token = server.token(leader, { expiresIn: 2 });
    const client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, connectionParams: { authorization: `Bearer ${token}` } });
    const opened = Date.now();
    const code = await new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
    expect(code).toBe(4403);
    expect(Date.now() - opened).toBeGreaterThan(1000);
    await client.dispose();
  });
});
