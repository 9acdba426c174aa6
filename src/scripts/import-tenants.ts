import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../database';
import { AppError } from '../errors/app-error';
import { importCityTenants, officialCityTenants } from '../modules/tenant/tenant-import';

const USAGE = `Usage: npm run tenants:import -- <city code>

Creates or brings up to date a city's tenants (the city, its county-level units and its towns) from the
official division list, and retires those the list no longer has. Safe to run again.

  <city code>  six-digit code of a prefecture-level city, e.g. 371400 for 德州市`;

async function main(args: readonly string[]): Promise<number> {
  const [cityCode, ...extra] = args;
  if (cityCode === '-h' || cityCode === '--help') {
    console.log(USAGE);
    return 0;
  }
  if (cityCode === undefined || extra.length > 0) {
    console.error(USAGE);
    return 1;
  }
  // Checked before the database opens: a typo should not wait for PostgreSQL to start.
  const city = officialCityTenants(cityCode)[0];

  const config = loadConfig();
  const database = await openDatabase(config, { migrate: true });
  try {
    // Tenants are reference data written by the owner, outside any viewer's scope.
    const result = await importCityTenants((await database.admin()).em.fork(), cityCode);
    console.log(
      `${city?.name ?? ''} (${result.cityCode}): ${result.created} created, ${result.updated} updated, ` +
        `${result.unchanged} unchanged, ${result.retired} retired`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Expected failures (a bad city code, a bad environment) are told plainly; anything else keeps its stack.
    const expected = error instanceof AppError || error instanceof ConfigError;
    console.error(expected ? `tenants:import: ${error.message}` : error);
    process.exitCode = 1;
  },
);
