import 'reflect-metadata';
import { MIGRATIONS } from '../../migrations';
import { ConfigError, loadConfig } from '../config';
import { migrateDatabase } from '../database';

const USAGE = `Usage: npm run migrate   (node dist/src/scripts/migrate.js)

Applies the pending migrations to the database of DATABASE_URL through its owner's connection
(DATABASE_MIGRATION_URL when set), or to the embedded one, and prints each one applied. Run it once
per release before the servers start with DATABASE_MIGRATE_ON_START=false; concurrent runs wait for
each other. Exit code 1 when a migration fails: the pending migrations run in one transaction, so
then none of them is applied.`;

async function main(args: readonly string[]): Promise<number> {
  if (args.length > 0) {
    console.log(USAGE);
    return args[0] === '-h' || args[0] === '--help' ? 0 : 1;
  }
  const config = loadConfig();
  const applied = await migrateDatabase(config);
  if (applied.length === 0) {
    console.log(`No pending migration: the database is up to date (${MIGRATIONS.length} migrations).`);
    return 0;
  }
  for (const name of applied) console.log(`Applied ${name}`);
  console.log(`Applied ${applied.length} migration(s): the database is up to date (${MIGRATIONS.length} migrations).`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(`migrate: ${error.message}`);
    else console.error('migrate: failed, no migration of this run is applied:', error);
    process.exitCode = 1;
  },
);
