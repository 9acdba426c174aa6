import { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from './config';
import { ensureDatabase } from './db/database-admin';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded-postgres';
import { appOrmOptions } from './mikro-orm.config';

/** Name of the application database inside the embedded cluster. */
export const EMBEDDED_DATABASE = 'key_projects';

export interface Database {
  readonly orm: MikroORM;
  /** Present when this process started the embedded cluster (and so must stop it). */
  readonly embedded: EmbeddedPostgres | undefined;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Apply pending migrations before returning. */
  migrate: boolean;
  log?: (line: string) => void;
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL and connects to its application
 * database. Closing stops what was started, in reverse order.
 */
export async function openDatabase(config: Config, options: OpenDatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let clientUrl = config.database.url;
  if (clientUrl === undefined) {
    const embeddedConfig = config.database.embedded;
    if (!embeddedConfig) throw new Error('neither DATABASE_URL nor an embedded database is configured');
    embedded = await startEmbeddedPostgres(embeddedConfig, options.log);
    await ensureDatabase(embedded.adminUrl, EMBEDDED_DATABASE);
    clientUrl = embedded.urlFor(EMBEDDED_DATABASE);
  }
  try {
    const orm = await MikroORM.init(appOrmOptions({ clientUrl, poolMax: config.database.poolMax }));
    if (options.migrate) await orm.getMigrator().up();
    return {
      orm,
      embedded,
      async close() {
        await orm.close(true);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
