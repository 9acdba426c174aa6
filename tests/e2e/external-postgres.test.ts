import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { MIGRATIONS } from '../../migrations';
import { startScratchPostgres, type ScratchPostgres } from '../support/scratch-postgres';
import { bannerToken, children, freePort, gql, interrupt, ROOT, runCommand, serverEnv, start } from '../support/server-process';

/**
 * README's "Any other PostgreSQL", exactly as written, on a PostgreSQL of its own (fresh from
 * initdb, not the test run's cluster, whose roles the templates' migrations made): its SQL run by
 * the superuser, then the compiled server with DATABASE_URL=kp_api and DATABASE_MIGRATION_URL=
 * kp_owner, a plain owner (no superuser, no BYPASSRLS), migrating and loading the demo city on its
 * first start, then the commands with the same two variables.
 */

/** The recipe's SQL: the first ```sql block of the section, split where it connects to the new database. */
function readmeRecipe(): { inMaintenanceDatabase: string[]; database: string; inNewDatabase: string[]; passwords: Map<string, string> } {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Any other PostgreSQL'));
  const block = /```sql\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README has no SQL block under "### Any other PostgreSQL"');
  // The passwords are '…' in the README: each role gets its own name as password here.
  const passwords = new Map<string, string>();
  const sql = block.replace(/create role (\w+) login password '…'/g, (_, role: string) => {
    passwords.set(role, `${role}-secret`);
    return `create role ${role} login password '${role}-secret'`;
  });
  const statements = (text: string) =>
    text
      .split('\n')
      .map((line) => line.replace(/--.*$/, ''))
      .join('\n')
      .split(';')
      .map((statement) => statement.trim())
      .filter(Boolean);
  const connect = /^\\c (\w+)$/m.exec(sql);
  if (!connect?.[1]) throw new Error('the README recipe does not connect to its database with \\c');
  return {
    inMaintenanceDatabase: statements(sql.slice(0, connect.index)),
    database: connect[1],
    inNewDatabase: statements(sql.slice(connect.index + connect[0].length)),
    passwords,
  };
}

async function runSql(url: string, statements: readonly string[]): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // One by one, as psql sends them: CREATE DATABASE refuses to run in a multi-statement query.
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

describe("README's recipe for any other PostgreSQL", () => {
  let postgres: ScratchPostgres;
  let dataDir: string;

  beforeAll(async () => {
    postgres = await startScratchPostgres();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'kp-external-'));
  }, 60_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the server with a plain owner, loads and serves the demo city, and the commands work with the same connections', async () => {
    const recipe = readmeRecipe();
    await runSql(postgres.superuserUrl(), recipe.inMaintenanceDatabase);
    await runSql(postgres.superuserUrl(recipe.database), recipe.inNewDatabase);
    const ownerUrl = postgres.urlFor('kp_owner', recipe.passwords.get('kp_owner')!, recipe.database);
    const appUrl = postgres.urlFor('kp_api', recipe.passwords.get('kp_api')!, recipe.database);

    // The owner is a plain login: the failure this recipe once met needs exactly that.
    const owner = new Client({ connectionString: ownerUrl });
    await owner.connect();
    const role = await owner.query('select rolsuper, rolbypassrls from pg_roles where rolname = current_user').finally(() => owner.end());
    expect(role.rows).toEqual([{ rolsuper: false, rolbypassrls: false }]);

    const connections = { DATABASE_URL: appUrl, DATABASE_MIGRATION_URL: ownerUrl };
    const running = await start(
      serverEnv({ PORT: String(await freePort()), DATA_DIR: dataDir, LOAD_DEMO_DATA: 'true', LOG_LEVEL: 'info', ...connections }),
    );
    expect(running.output()).toContain('demo data loaded');
    const ready = await fetch(running.url.replace(/\/graphql$/, '/readyz'));
    expect(ready.status).toBe(200);

    const listed = await gql(
      running.url,
      bannerToken(running, 'city-leader'),
      '{ projects(filter: { tenantCode: "371400" }) { totalCount } }',
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data.projects.totalCount).toBeGreaterThan(200);
    // A write through the application's login: its triggers (rollups, audit) run as the owner.
    const created = await gql(
      running.url,
      bannerToken(running, 'county-leader'),
      'mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }',
      { input: { name: '外部数据库上的项目', category: 'OTHER', nature: 'NEW', ownerTenantCode: '371402', totalInvestmentWan: '800' } },
    );
    expect(created.errors).toBeUndefined();

    const migrate = await runCommand('migrate', [], connections);
    expect(migrate).toMatchObject({ code: 0, stderr: '' });
    expect(migrate.stdout.trim()).toBe(`No pending migration: the database is up to date (${MIGRATIONS.length} migrations).`);
    const imported = await runCommand('import-tenants', ['371400'], connections);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toContain('德州市 (371400): 0 created');
    const verified = await runCommand('verify-audit', [], connections);
    expect(verified).toMatchObject({ code: 0, stderr: '' });
    expect(verified.stdout).toMatch(/^OK: [1-9]\d* audit records/);

    expect(await interrupt(running)).toBe(0);
  }, 180_000);
});
