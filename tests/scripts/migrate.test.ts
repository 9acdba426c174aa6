import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { MIGRATIONS } from '../../migrations';
import { ensureAppLogin, EMBEDDED_APP_LOGIN, EMBEDDED_APP_PASSWORD } from '../../src/db/app-role';
import { appOrmOptions } from '../../src/mikro-orm.config';
import { databaseUrl } from '../support/database';
import { children, freePort, interrupt, runCommand, serverEnv, start } from '../support/server-process';

/**
 * Migrations as their own step: `npm run migrate` (the compiled dist/src/scripts/migrate.js, built
 * by the global setup) applies what is pending, and a server started with
 * DATABASE_MIGRATE_ON_START=false never migrates and refuses a database behind the code.
 */

const LAST = MIGRATIONS[MIGRATIONS.length - 1]!.name;
const BEFORE_LAST = MIGRATIONS[MIGRATIONS.length - 2]!.name;

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const created: string[] = [];

/** A database with no migration applied (not cloned from the test templates). */
async function emptyDatabase(): Promise<string> {
  const name = `kp_migrate_${randomBytes(5).toString('hex')}`;
  await admin((client) => client.query(`create database "${name}"`));
  created.push(name);
  return databaseUrl(name);
}

function asAppLogin(url: string): string {
  const parsed = new URL(url);
  parsed.username = EMBEDDED_APP_LOGIN;
  parsed.password = EMBEDDED_APP_PASSWORD;
  return parsed.toString();
}

async function appliedMigrations(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query<{ name: string }>('select name from mikro_orm_migrations order by id');
    return rows.rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

const migrate = (env: Record<string, string>) => runCommand('migrate', [], env);

describe('npm run migrate and DATABASE_MIGRATE_ON_START=false', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'kp-migrate-'));
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    await admin(async (client) => {
      for (const name of created) await client.query(`drop database if exists "${name}" with (force)`);
    });
  });

  async function envWithoutMigrating(appUrl: string): Promise<NodeJS.ProcessEnv> {
    return serverEnv({ PORT: String(await freePort()), DATA_DIR: dataDir, DATABASE_URL: appUrl, DATABASE_MIGRATE_ON_START: 'false' });
  }

  it('refuses to start on a database with a pending migration, then starts once the migrate script applied it; a second run applies nothing', async () => {
    const ownerUrl = await emptyDatabase();
    const orm = await MikroORM.init(appOrmOptions({ clientUrl: ownerUrl, poolMax: 2 }));
    try {
      // Deliberately not runMigrations: a database one migration behind, the function files not
      // applied; the migrate script must bring both up to date.
      await orm.getMigrator().up({ to: BEFORE_LAST });
    } finally {
      await orm.close(true);
    }
    // The application's own login (a member of kp_app, which the migrations created), as in production.
    await ensureAppLogin(process.env.TEST_PG_ADMIN_URL!);
    const appUrl = asAppLogin(ownerUrl);
    const env = await envWithoutMigrating(appUrl);

    const refused = start(env);
    await expect(refused).rejects.toThrow(/server exited with 1/);
    const message = await refused.catch((error: Error) => error.message);
    expect(message).toContain(`Failed to start: 1 migration(s) pending (${LAST}) and DATABASE_MIGRATE_ON_START=false`);
    expect(message).toContain('npm run migrate');
    expect(await appliedMigrations(ownerUrl)).not.toContain(LAST);

    // The owner migrates; the application's login is not needed for it.
    const first = await migrate({ DATABASE_URL: appUrl, DATABASE_MIGRATION_URL: ownerUrl });
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout.trim().split('\n')).toEqual([
      `Applied ${LAST}`,
      `Applied 1 migration(s): the database is up to date (${MIGRATIONS.length} migrations).`,
    ]);
    expect(await appliedMigrations(ownerUrl)).toEqual(MIGRATIONS.map((m) => m.name));

    const second = await migrate({ DATABASE_URL: appUrl, DATABASE_MIGRATION_URL: ownerUrl });
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(second.stdout.trim()).toBe(`No pending migration: the database is up to date (${MIGRATIONS.length} migrations).`);

    const running = await start(env);
    const ready = await fetch(running.url.replace(/\/graphql$/, '/readyz'));
    expect(ready.status).toBe(200);
    expect(await interrupt(running)).toBe(0);
  }, 180_000);

  it('applies every migration to an empty database once when two runs race (the second waits, then finds nothing to do)', async () => {
    const ownerUrl = await emptyDatabase();
    const runs = await Promise.all([migrate({ DATABASE_URL: ownerUrl }), migrate({ DATABASE_URL: ownerUrl })]);
    expect(runs.map((r) => ({ code: r.code, stderr: r.stderr }))).toEqual([
      { code: 0, stderr: '' },
      { code: 0, stderr: '' },
    ]);
    const appliedLines = runs.flatMap((r) => r.stdout.split('\n').filter((line) => /^Applied Migration/.test(line)));
    expect(appliedLines).toEqual(MIGRATIONS.map((m) => `Applied ${m.name}`));
    expect(runs.filter((r) => r.stdout.includes('No pending migration'))).toHaveLength(1);
    expect(await appliedMigrations(ownerUrl)).toEqual(MIGRATIONS.map((m) => m.name));
  }, 120_000);

  it('fails with exit code 1 and the reason when the database cannot be reached', async () => {
    const unreachable = `postgresql://nobody:wrong@127.0.0.1:${await freePort()}/nothing`;
    const run = await migrate({ DATABASE_URL: unreachable });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^migrate: failed/);
    expect(run.stdout).toBe('');
  }, 60_000);
});
