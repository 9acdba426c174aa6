import { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from './config';
import { ensureAppLogin, EMBEDDED_APP_LOGIN, EMBEDDED_APP_PASSWORD } from './db/app-role';
import { ensureDatabase } from './db/database-admin';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded-postgres';
import { appOrmOptions } from './mikro-orm.config';

/** Name of the application database inside the embedded cluster. */
export const EMBEDDED_DATABASE = 'key_projects';

export interface Database {
  /** The application's connection: works as kp_app, under row-level security. */
  readonly orm: MikroORM;
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
  /** Apply pending migrations before returning. */
  migrate: boolean;
  log?: (line: string) => void;
}

function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
}

/**
 * Connects to DATABASE_URL (migrating through DATABASE_MIGRATION_URL when set), or starts the
 * embedded PostgreSQL, where the superuser migrates and the application logs in as kp_app_login.
 * Closing stops what was started, in reverse order.
 */
export async function openDatabase(config: Config, options: OpenDatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let appUrl = config.database.url;
  let adminUrl = config.database.migrationUrl ?? config.database.url;
  if (appUrl === undefined || adminUrl === undefined) {
    const embeddedConfig = config.database.embedded;
    if (!embeddedConfig) throw new Error('neither DATABASE_URL nor an embedded database is configured');
    embedded = await startEmbeddedPostgres(embeddedConfig, options.log);
    await ensureDatabase(embedded.adminUrl, EMBEDDED_DATABASE);
    adminUrl = embedded.urlFor(EMBEDDED_DATABASE);
    appUrl = withCredentials(adminUrl, EMBEDDED_APP_LOGIN, EMBEDDED_APP_PASSWORD);
  }
  let adminOrm: MikroORM | undefined;
  const admin = async () => (adminOrm ??= await MikroORM.init(appOrmOptions({ clientUrl: adminUrl!, poolMax: 2 })));
  try {
    if (options.migrate) await (await admin()).getMigrator().up();
    // The app's login is created after migrating: the migration creates the kp_app role it joins.
    if (embedded) await ensureAppLogin(embedded.adminUrl);
    const orm = await MikroORM.init(appOrmOptions({ clientUrl: appUrl, poolMax: config.database.poolMax }));
    return {
      orm,
      embedded,
      admin,
      async close() {
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
