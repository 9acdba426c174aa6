import 'reflect-metadata';
import { MIGRATIONS } from '../../migrations';
import { loadConfig } from '../config';
import { migrateDatabase } from '../database';
import { EXIT_OK, runCommand, UsageError } from './run-command';

const USAGE = `Usage: npm run migrate   (node dist/src/scripts/migrate.js)

Applies the pending migrations, then the database functions (src/db/sql), to the database of
DATABASE_URL through its owner's connection (DATABASE_MIGRATION_URL when set), or to the embedded
one (the cluster a running npm start holds on the same DATA_DIR, or one started for this command),
and prints each migration applied. Run it once per release before the servers start with
DATABASE_MIGRATE_ON_START=false; concurrent runs wait for each other. Exit code 1 when a migration
or a function fails: all of it runs in one transaction, so then none of it is applied.`;

async function main(args: readonly string[]): Promise<number> {
  if (args[0] === '-h' || args[0] === '--help') {
    console.log(USAGE);
    return EXIT_OK;
  }
  if (args.length > 0) throw new UsageError(`unexpected argument ${args[0]}`, USAGE);
  const applied = await migrateDatabase(loadConfig());
  if (applied.length === 0) {
    console.log(`No pending migration: the database is up to date (${MIGRATIONS.length} migrations).`);
    return EXIT_OK;
  }
  for (const name of applied) console.log(`Applied ${name}`);
  console.log(`Applied ${applied.length} migration(s): the database is up to date (${MIGRATIONS.length} migrations).`);
  return EXIT_OK;
}

runCommand('migrate', main, { failure: 'failed, no migration of this run is applied' });
