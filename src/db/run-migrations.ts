import type { MikroORM } from '@mikro-orm/postgresql';
import { applyDatabaseFunctions, databaseFunctionFiles, type DatabaseFunctionFile } from './database-functions';

/**
 * The one way a database is brought up to date (the server, `npm run migrate`, the test templates,
 * the benchmarks): the pending migrations, then the database function files (src/db/sql), in one
 * transaction, so a failing file leaves the database as it was. The files are applied whenever a
 * migration ran or one of them changed since it was last applied: editing a function's file is the
 * whole change. With nothing to do it writes nothing, so a login that is not the tables' owner may
 * run it then. Callers that may race hold the migration lock (src/database.ts). Returns the names
 * of the migrations applied.
 */
export async function runMigrations(
  orm: MikroORM,
  functions: readonly DatabaseFunctionFile[] = databaseFunctionFiles(),
): Promise<string[]> {
  const connection = orm.em.getConnection();
  return connection.transactional(async (trx) => {
    const applied = await orm.getMigrator().up({ transaction: trx });
    await applyDatabaseFunctions(connection, trx, functions, { always: applied.length > 0 });
    return applied.map((migration) => migration.name);
  });
}
