import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { parse } from 'yaml';
import { MIGRATIONS } from '../../migrations';
import { inspectAppRole } from '../../src/db/app-role';
import { appOrmOptions } from '../../src/mikro-orm.config';
import { databaseUrl } from '../support/database';
import { runCommand } from '../support/server-process';

/**
 * docker/postgres/init-roles.sql on a real PostgreSQL, the way the README tells a DBA to prepare an
 * external database: a plain (non-superuser) owner, the script, then the compiled migrate script
 * as the owner. The application's login from docker/compose.yaml must then pass the checks the
 * server makes at start in production (src/db/app-role.ts).
 */

const ROOT = path.resolve(__dirname, '../..');
const INIT_SQL = readFileSync(path.join(ROOT, 'docker/postgres/init-roles.sql'), 'utf8');
const compose = parse(readFileSync(path.join(ROOT, 'docker/compose.yaml'), 'utf8')) as {
  services: { app: { environment: Record<string, string> } };
};

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `url` with the user, password and database of `like` (a URL from compose.yaml). */
function asIn(url: string, like: string): string {
  const target = new URL(url);
  const source = new URL(like);
  target.username = source.username;
  target.password = source.password;
  return target.toString();
}

const migrate = (env: Record<string, string>) => runCommand('migrate', [], env);

describe('docker/postgres/init-roles.sql', () => {
  const suffix = randomBytes(4).toString('hex');
  const owner = `kp_owner_${suffix}`;
  const database = `kp_init_${suffix}`;
  const adminUrl = process.env.TEST_PG_ADMIN_URL!;

  beforeAll(async () => {
    await withClient(adminUrl, async (admin) => {
      await admin.query(`create role ${owner} login password '${owner}' nosuperuser nocreaterole nocreatedb nobypassrls`);
      await admin.query(`create database ${database} owner ${owner}`);
    });
  });

  afterAll(async () => {
    await withClient(adminUrl, async (admin) => {
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.query(`drop role if exists ${owner}`);
    });
  });

  it('prepares roles with which a plain database owner migrates and the application login passes the production checks', async () => {
    const superuserUrl = databaseUrl(database);
    // Twice: the script is safe to run again.
    await withClient(superuserUrl, (client) => client.query(INIT_SQL));
    await withClient(superuserUrl, (client) => client.query(INIT_SQL));

    const ownerUrl = new URL(superuserUrl);
    ownerUrl.username = owner;
    ownerUrl.password = owner;
    const appUrl = asIn(superuserUrl, compose.services.app.environment.DATABASE_URL!);

    const run = await migrate({
      NODE_ENV: 'production',
      KEYCLOAK_URL: 'https://sso.example.gov.cn',
      DATABASE_URL: appUrl,
      DATABASE_MIGRATION_URL: ownerUrl.toString(),
    });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`Applied ${MIGRATIONS.length} migration(s)`);

    const orm = await MikroORM.init(appOrmOptions({ clientUrl: appUrl, poolMax: 1 }));
    try {
      const report = await inspectAppRole(orm.em.fork());
      expect(report).toEqual({ login: 'kp_api', problems: [] });
      // Tables belong to the owner, and the application's login sees no project without a scope.
      const [row] = await orm.em.fork().execute<{ owner: string }[]>(`select tableowner as owner from pg_tables where tablename = 'project'`);
      expect(row?.owner).toBe(owner);
      await expect(orm.em.fork().execute('create table kp_api_may_not (id int)')).rejects.toThrow(/permission denied/);
    } finally {
      await orm.close(true);
    }
  }, 120_000);
});
