import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { MIGRATIONS } from '../migrations';
import type { Config } from './config';
import { ensureAppLogin, EMBEDDED_APP_LOGIN, EMBEDDED_APP_PASSWORD } from './db/app-role';
import { ensureDatabase } from './db/database-admin';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded-postgres';
import { runMigrations } from './db/run-migrations';
import { appOrmOptions } from './mikro-orm.config';

/** Name of the application database inside the embedded cluster. */
export const EMBEDDED_DATABASE = 'key_projects';

export interface Database {
  /** The application's connection: works as kp_app, under row-level security. */
  readonly orm: MikroORM;
  /** The application's connection to the read replica (DATABASE_READ_URL), when there is one. */
  readonly readOrm: MikroORM | undefined;
  /** Names of the migrations this open applied, in order (none without `migrate`). */
  readonly migrated: readonly string[];
  /** Present when this process started the embedded cluster (and so must stop it). */
  readonly embedded: EmbeddedPostgres | undefined;
  /**
   * The owner's connection, for what runs outside any viewer's scope: migrations, the tenant import,
   * the demo data. Opened on first use.
   */
  admin(): Promise<MikroORM>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Apply pending migrations before returning (one process at a time: see applyMigrations). */
  migrate: boolean;
  /** Without `migrate`: refuse to open (PendingMigrationsError) while a migration is pending. */
  requireMigrated?: boolean;
  log?: (line: string) => void;
  /** Where the database driver's own warnings go (see ormOptions). */
  logger?: Logger;
}

/** pg_advisory_lock key held while migrations are applied. */
const MIGRATION_LOCK = 727_100;

/** The server does not migrate (DATABASE_MIGRATE_ON_START=false) and the database is behind the code. */
export class PendingMigrationsError extends Error {
  override name = 'PendingMigrationsError';
  constructor(readonly pending: readonly string[]) {
    super(
      `${pending.length} migration(s) pending (${pending.join(', ')}) and DATABASE_MIGRATE_ON_START=false, ` +
        'so this server does not migrate: apply them first with "npm run migrate" (node dist/src/scripts/migrate.js; ' +
        "in Kubernetes the Helm chart's pre-install/pre-upgrade Job does it), then start the server",
    );
  }
}

/**
 * Migrations this code knows (migrations/index.ts) that the database has not applied, in order:
 * all of them in a database never migrated. Any login that may read the migrations table will do.
 */
export async function pendingMigrations(em: EntityManager): Promise<string[]> {
  const [table] = await em.execute<{ present: boolean }[]>(`select to_regclass('mikro_orm_migrations') is not null as present`);
  const rows = table?.present ? await em.execute<{ name: string }[]>('select name from mikro_orm_migrations') : [];
  const applied = new Set(rows.map((r) => r.name));
  return MIGRATIONS.map((m) => m.name).filter((name) => !applied.has(name));
}

/**
 * Applies pending migrations and the database functions (runMigrations), one process at a time: a
 * session advisory lock on the owner's connection makes a second migrator (another replica, a Job
 * and a replica) wait, then find nothing left to apply. Returns the names applied.
 */
async function applyMigrations(orm: MikroORM, url: string): Promise<string[]> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await runMigrations(orm);
  } finally {
    // Ending the session releases the lock, also when a migration failed.
    await lock.end();
  }
}

function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
}

/**
 * Where the owner's connection goes: DATABASE_MIGRATION_URL, else DATABASE_URL; else the embedded
 * cluster, started here (its superuser owns the tables) or, with `joinRunning`, the one a running
 * server holds on the same directory.
 */
async function ownerConnection(
  config: Config,
  options: { joinRunning: boolean; log?: (line: string) => void },
): Promise<{ url: string; embedded: EmbeddedPostgres | undefined }> {
  const url = config.database.migrationUrl ?? config.database.url;
  if (url !== undefined) return { url, embedded: undefined };
  const embeddedConfig = config.database.embedded;
  if (!embeddedConfig) throw new Error('neither DATABASE_URL nor an embedded database is configured');
  const embedded = await startEmbeddedPostgres(embeddedConfig, options.log, { joinRunning: options.joinRunning });
  try {
    await ensureDatabase(embedded.adminUrl, EMBEDDED_DATABASE);
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  return { url: embedded.urlFor(EMBEDDED_DATABASE), embedded };
}

/**
 * Connects to DATABASE_URL (migrating through DATABASE_MIGRATION_URL when set), or starts the
 * embedded PostgreSQL, where the superuser migrates and the application logs in as kp_app_login.
 * Closing stops what was started, in reverse order.
 */
export async function openDatabase(config: Config, options: OpenDatabaseOptions): Promise<Database> {
  const { url: adminUrl, embedded } = await ownerConnection(config, { joinRunning: false, log: options.log });
  // Not embedded means DATABASE_URL is set (config refuses DATABASE_MIGRATION_URL without it).
  const appUrl = embedded ? withCredentials(adminUrl, EMBEDDED_APP_LOGIN, EMBEDDED_APP_PASSWORD) : config.database.url!;
  let adminOrm: MikroORM | undefined;
  const admin = async () => (adminOrm ??= await MikroORM.init(appOrmOptions({ clientUrl: adminUrl, poolMax: 2, logger: options.logger })));
  try {
    let migrated: string[] = [];
    if (options.migrate) {
      migrated = await applyMigrations(await admin(), adminUrl);
    } else if (options.requireMigrated) {
      const pending = await pendingMigrations((await admin()).em.fork());
      if (pending.length > 0) throw new PendingMigrationsError(pending);
    }
    // The app's login is created after migrating: the migration creates the kp_app role it joins.
    if (embedded) await ensureAppLogin(embedded.adminUrl);
    const orm = await MikroORM.init(appOrmOptions({ clientUrl: appUrl, poolMax: config.database.poolMax, logger: options.logger }));
    const { readUrl } = config.database;
    const readOrm = readUrl
      ? await MikroORM.init(appOrmOptions({ clientUrl: readUrl, poolMax: config.database.poolMax, logger: options.logger })).catch(
          async (error: unknown) => {
            await orm.close(true);
            throw error;
          },
        )
      : undefined;
    return {
      orm,
      readOrm,
      migrated,
      embedded,
      admin,
      async close() {
        await readOrm?.close(true);
        await orm.close(true);
        await adminOrm?.close(true);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await adminOrm?.close(true);
    await embedded?.stop();
    throw error;
  }
}

/** The owner's connection alone: what the commands work with. */
export interface OwnerDatabase {
  /** Connected as the tables' owner, outside any viewer's scope. */
  readonly orm: MikroORM;
  /** Names of the migrations this open applied, in order (none without `migrate`). */
  readonly migrated: readonly string[];
  close(): Promise<void>;
}

/**
 * Opens the owner's connection for a command (migrate, audit:verify, tenants:import,
 * migration:create): DATABASE_MIGRATION_URL, else DATABASE_URL, else the embedded database: the
 * cluster a running `npm start` holds on the same EMBEDDED_PG_DIR, or one started for the command
 * and stopped when it closes. The application's login is not needed, so with an external
 * PostgreSQL it may be created after the first migration (which creates kp_app, the role it joins).
 */
export async function openOwnerDatabase(
  config: Config,
  options: { migrate: boolean; log?: (line: string) => void },
): Promise<OwnerDatabase> {
  const { url, embedded } = await ownerConnection(config, { joinRunning: true, log: options.log });
  let orm: MikroORM | undefined;
  try {
    orm = await MikroORM.init(appOrmOptions({ clientUrl: url, poolMax: 2 }));
    const migrated = options.migrate ? await applyMigrations(orm, url) : [];
    const opened = orm;
    return {
      orm: opened,
      migrated,
      async close() {
        await opened.close(true);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await orm?.close(true);
    await embedded?.stop();
    throw error;
  }
}

/**
 * Applies pending migrations through the owner's connection (see openOwnerDatabase) and returns
 * their names.
 */
export async function migrateDatabase(config: Config, log?: (line: string) => void): Promise<string[]> {
  const db = await openOwnerDatabase(config, { migrate: true, log });
  await db.close();
  return [...db.migrated];
}
