import { createProject } from '../../support/fixtures';
import { runCommand } from '../../support/server-process';
import { startTestServer, type TestServer } from '../../support/test-server';

/** The compiled `npm run audit:verify` (dist/ is built by the global setup) against the test database. */
const verify = (databaseUrl: string) => runCommand('verify-audit', [], { DATABASE_URL: databaseUrl });

describe('npm run audit:verify', () => {
  let server: TestServer;
  let ownerUrl: string;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants');
    ownerUrl = server.adminOrm.config.get('clientUrl')!;
    await createProject(server, { code: null });
    await createProject(server, { code: null });
  });
  afterAll(() => server.close());

  it('prints OK with the count on an untouched chain, then the first broken record with exit code 1 after a direct SQL edit', async () => {
    const ok = await verify(ownerUrl);
    const [row] = await server.adminOrm.em
      .fork()
      .execute<{ n: number; middle: string }[]>(
        'select count(*)::int as n, (array_agg(id::text order by id))[2] as middle from audit_record',
      );
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.stdout).toContain(`OK: ${row!.n} audit records`);

    await server.adminOrm.em.fork().execute(`update audit_record set actor_name = '冒名' where id = ?`, [row!.middle]);
    const broken = await verify(ownerUrl);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`BROKEN at audit record ${row!.middle}`);
  }, 60_000);
});
