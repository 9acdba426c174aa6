import 'reflect-metadata';
import { loadConfig } from '../config';
import { openOwnerDatabase } from '../database';
import { importCityTenants, officialCityTenants } from '../modules/tenant/tenant-import';
import { EXIT_OK, runCommand, UsageError } from './run-command';

const USAGE = `Usage: npm run tenants:import -- <city code>

Creates or brings up to date a city's tenants (the city, its county-level units and its towns) from the
official division list, and retires those the list no longer has. Safe to run again. Works through the
owner's connection (DATABASE_MIGRATION_URL, else DATABASE_URL, else the embedded database: the cluster
a running npm start holds on the same DATA_DIR, or one started for this command).

  <city code>  six-digit code of a prefecture-level city, e.g. 371400 for 德州市`;

async function main(args: readonly string[]): Promise<number> {
  const [cityCode, ...extra] = args;
  if (cityCode === '-h' || cityCode === '--help') {
    console.log(USAGE);
    return EXIT_OK;
  }
  if (cityCode === undefined) throw new UsageError('give the code of the city to import', USAGE);
  if (extra.length > 0) throw new UsageError(`one city code only (got ${args.join(' ')})`, USAGE);
  // Checked before the database opens: a typo should not wait for PostgreSQL to start.
  const city = officialCityTenants(cityCode)[0];

  const database = await openOwnerDatabase(loadConfig(), { migrate: true });
  try {
    // Tenants are reference data written by the owner, outside any viewer's scope.
    const result = await importCityTenants(database.orm.em.fork(), cityCode);
    console.log(
      `${city?.name ?? ''} (${result.cityCode}): ${result.created} created, ${result.updated} updated, ` +
        `${result.unchanged} unchanged, ${result.retired} retired`,
    );
    return EXIT_OK;
  } finally {
    await database.close();
  }
}

runCommand('tenants:import', main);
