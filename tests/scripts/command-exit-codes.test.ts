import { Client } from 'pg';
import { MIGRATIONS } from '../../migrations';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { freePort, runCommand } from '../support/server-process';

/**
 * Every command with DATABASE_URL exits 0 when it did its work, 1 when it failed (one line on
 * stderr) and 2 on a wrong command line. tests/scripts/commands-embedded.test.ts checks the same
 * with the embedded database; the audit chain's own cases are in audit-verify-command.test.ts.
 */
describe('exit codes of the commands with DATABASE_URL', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    db = await createTestDatabase('dezhou-tenants');
    env = { DATABASE_URL: db.url };
  });

  afterAll(() => db.drop());

  async function appliedCount(): Promise<number> {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query<{ n: number }>('select count(*)::int as n from mikro_orm_migrations')).rows[0]!.n;
    } finally {
      await client.end();
    }
  }

  it('tenants:import exits 0 when the city is imported, 1 for an unknown city, 2 without a city', async () => {
    const imported = await runCommand('import-tenants', ['371400'], env);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toBe('德州市 (371400): 0 created, 0 updated, 148 unchanged, 0 retired\n');
    const unknown = await runCommand('import-tenants', ['999999'], env);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toBe(
      'tenants:import: 999999 is not the code of a city in the official division list (e.g. 371400 for 德州市)\n',
    );
    const none = await runCommand('import-tenants', [], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^tenants:import: give the code of the city to import\n\nUsage: /);
  });

  it('migrate exits 1 when a migration fails, and none of the run is applied', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    // Forget that the isolation migration ran: applying it again fails (its type exists).
    await client.query(`delete from mikro_orm_migrations where name = 'Migration20261122100000Isolation'`).finally(() => client.end());
    const before = await appliedCount();
    const run = await runCommand('migrate', [], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^migrate: failed, no migration of this run is applied: .*"assignment_kind" already exists\n$/);
    expect(await appliedCount()).toBe(before);
    expect(before).toBe(MIGRATIONS.length - 1);
  });

  it('audit:verify and tenants:import exit 1 with one line when the database cannot be reached', async () => {
    const unreachable = { DATABASE_URL: `postgresql://nobody:wrong@127.0.0.1:${await freePort()}/nothing` };
    for (const [command, args, label] of [
      ['verify-audit', [], 'audit:verify'],
      ['import-tenants', ['371400'], 'tenants:import'],
    ] as const) {
      const run = await runCommand(command, args, unreachable);
      expect(run).toMatchObject({ code: 1, stdout: '' });
      expect(run.stderr).toMatch(new RegExp(`^${label}: .*ECONNREFUSED.*\\n$`));
    }
  });

  it('migration:create exits 2 without a name for the migration', async () => {
    const run = await runCommand('create-migration', [], env);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe('migration:create: give the new migration a name\n\nUsage: npm run migration:create -- <PascalCaseName>\n');
  });

  it('token exits 1 with one line when a Keycloak is configured', async () => {
    const run = await runCommand('token', ['city-leader'], { ...env, KEYCLOAK_URL: 'https://sso.example.gov.cn' });
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe(
      'token: a Keycloak is configured (KEYCLOAK_URL): get tokens from it; the development realm serves only without one\n',
    );
  });
});
