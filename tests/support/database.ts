import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { loadDemoData } from '../../src/demo/demo-data';
import { ensureAppLogin, EMBEDDED_APP_LOGIN, EMBEDDED_APP_PASSWORD } from '../../src/db/app-role';
import { runMigrations } from '../../src/db/run-migrations';
import { appOrmOptions } from '../../src/mikro-orm.config';
import { importCityTenants } from '../../src/modules/tenant/tenant-import';

/** What a test database starts with. */
export type Seed = 'empty' | 'dezhou-tenants' | 'demo';

/** The demo data in tests is generated as of this date, so its figures never move. */
export const TEST_DEMO_AS_OF = '2026-11-20';

const TEMPLATE_LOCK = 727_001;

function adminUrl(): string {
  const url = process.env.TEST_PG_ADMIN_URL;
  if (!url) throw new Error('TEST_PG_ADMIN_URL is not set: run the tests through jest (npm test)');
  return url;
}

export function databaseUrl(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `work` with a client of the cluster's superuser (create and drop databases). */
export async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function seedTemplate(url: string, seed: Seed): Promise<void> {
  const orm = await MikroORM.init(appOrmOptions({ clientUrl: url, poolMax: 2 }));
  try {
    await runMigrations(orm);
    if (seed === 'dezhou-tenants') await importCityTenants(orm.em.fork(), '371400');
    if (seed === 'demo') await loadDemoData(orm.em.fork(), { asOf: TEST_DEMO_AS_OF });
  } finally {
    await orm.close();
  }
}

/**
 * Migrates (and seeds) each template once per run, under an advisory lock so parallel test files
 * wait for the first one, then clones it: CREATE DATABASE ... TEMPLATE copies files, far faster
 * than migrating again.
 */
export interface TestDatabase {
  /** The owner's (superuser's) connection: for setup and for looking behind the application's back. */
  url: string;
  /** The application's login (kp_app_login): a member of kp_app, under row-level security. */
  appUrl: string;
  name: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(seed: Seed = 'empty'): Promise<TestDatabase> {
  const template = `kp_template_${seed.replaceAll('-', '_')}`;
  const name = `kp_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (admin) => {
    await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
      if (exists.rowCount === 0) {
        const building = `${template}_building`;
        await admin.query(`drop database if exists "${building}"`);
        await admin.query(`create database "${building}"`);
        await seedTemplate(databaseUrl(building), seed);
        await admin.query(`alter database "${building}" rename to "${template}"`);
        await ensureAppLogin(adminUrl());
      }
      await admin.query(`create database "${name}" template "${template}"`);
    } finally {
      await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  const appUrl = new URL(databaseUrl(name));
  appUrl.username = EMBEDDED_APP_LOGIN;
  appUrl.password = EMBEDDED_APP_PASSWORD;
  return {
    url: databaseUrl(name),
    appUrl: appUrl.toString(),
    name,
    drop: () => withAdmin(async (admin) => void (await admin.query(`drop database if exists "${name}" with (force)`))),
  };
}

/** A database and its owner's client, for one `describe` block (see ownerClientOn). */
export interface OwnerConnection {
  /** The owner's client: usable inside the block's tests. */
  client(): Client;
  database(): TestDatabase;
}

/**
 * A database of `seed` with one owner's client on it, for the `describe` block this is called in:
 * made before its tests, dropped after. For tests that look at the database itself (functions,
 * policies, triggers) rather than through the server.
 */
export function ownerClientOn(seed: Seed = 'empty'): OwnerConnection {
  let db: TestDatabase | undefined;
  let client: Client | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(seed);
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });
  const made = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('ownerClientOn: made in beforeAll; use it inside a test');
    return value;
  };
  return { client: () => made(client), database: () => made(db) };
}
