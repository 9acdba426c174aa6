import type { MikroORM } from '@mikro-orm/postgresql';
import { databaseFunctionFiles } from './database-functions';

/**
 * The one way a database is brought up to date (the server, `npm run migrate`, the test templates,
 * the benchmarks): the pending migrations, then every database function file (src/db/sql), in one
 * transaction, so a failing file leaves the database as it was. The functions are applied on every
 * run, also when no migration is pending: editing a function's file is the whole change. Needs the
 * tables' owner's connection; callers that may race hold the migration lock (src/database.ts).
 * Returns the names of the migrations applied.
 */
export async function runMigrations(orm: MikroORM): Promise<string[]> {
  const connection = orm.em.getConnection();
  const files = databaseFunctionFiles();
  return connection.transactional(async (trx) => {
    const applied = await orm.getMigrator().up({ transaction: trx });
    for (const { sql } of files) await connection.execute(sql, [], 'run', trx);
    return applied.map((migration) => migration.name);
  });
}
