import { MikroORM } from '@mikro-orm/postgresql';
import { devUser } from '../../src/auth/dev-users';
import { createTokenVerifier } from '../../src/auth/token-verifier';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { appOrmOptions } from '../../src/mikro-orm.config';
import { TenantDirectory } from '../../src/modules/tenant/tenant-directory';
import { createSchema } from '../../src/schema';
import { createServer, GRAPHQL_PATH, type AppServer } from '../../src/server';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Two replicas on one database, each with its own pool and its own rate limiter: a viewer's budget
 * is one across both (kept in PostgreSQL), not one per replica.
 */
describe('rate limits across replicas', () => {
  const env = { RATE_LIMIT_PER_MINUTE_SUPERVISOR: '3', RATE_LIMIT_SYNC_MS: '50' };
  let first: TestServer;
  let secondOrm: MikroORM;
  let second: AppServer;
  let secondUrl: string;

  beforeAll(async () => {
    first = await startTestServer('dezhou-tenants', 'supervisor', env);
    const clientUrl = first.orm.config.get('clientUrl')!;
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: clientUrl, LOG_LEVEL: 'silent', ...env });
    secondOrm = await MikroORM.init(appOrmOptions({ clientUrl, poolMax: 3 }));
    second = await createServer({
      orm: secondOrm,
      config,
      logger: createLogger(config),
      schema: await createSchema(),
      // The second replica trusts the first one's realm, as both would trust one Keycloak.
      verifier: createTokenVerifier(config.keycloak, first.realm.url),
      tenants: new TenantDirectory(secondOrm, 0),
    });
    const address = await second.listen(0, '127.0.0.1');
    secondUrl = `http://127.0.0.1:${address.port}${GRAPHQL_PATH}`;
  });

  afterAll(async () => {
    await second.stop();
    await secondOrm.close(true);
    await first.close();
  });

  const askSecond = async (token: string) => {
    const response = await fetch(secondUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    return { status: response.status, ...((await response.json()) as { errors?: { extensions: { code: string } }[] }) };
  };
  /** Long enough for both replicas to have exchanged their counts (every 50 ms here). */
  const exchanged = () => new Promise((resolve) => setTimeout(resolve, 400));

  it('refuses the (budget + 1)th request across both replicas with RATE_LIMITED', async () => {
    const token = first.token('supervisor');
    expect((await first.gql('{ __typename }', {}, { token })).errors).toBeUndefined();
    expect((await first.gql('{ __typename }', {}, { token })).errors).toBeUndefined();
    await exchanged();
    // The third of a budget of three, through the other replica.
    expect((await askSecond(token)).errors).toBeUndefined();
    await exchanged();
    const refusedByFirst = await first.gql('{ __typename }', {}, { token });
    expect(refusedByFirst.status).toBe(429);
    expect(refusedByFirst.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    const refusedBySecond = await askSecond(token);
    expect(refusedBySecond.status).toBe(429);
    expect(refusedBySecond.errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
  });

  it("keeps one viewer's spending away from another's budget", async () => {
    const other = first.token({ ...devUser('supervisor')!, subject: 'another-supervisor' });
    expect((await askSecond(other)).errors).toBeUndefined();
    expect((await first.gql('{ __typename }', {}, { token: other })).errors).toBeUndefined();
  });
});
