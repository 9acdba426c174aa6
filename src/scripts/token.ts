import 'reflect-metadata';
import { DEV_USERS, devUser } from '../auth/dev-users';
import { devRealmFor } from '../auth/identity';
import { ConfigError, loadConfig } from '../config';

/**
 * `npm run token -- <user>`: a fresh access token of the development realm for a demo user, signed
 * with the key `npm start` uses (kept in the data directory), valid for 8 hours.
 */
function main(args: readonly string[]): number {
  const [username] = args;
  const user = username ? devUser(username) : undefined;
  if (!user) {
    console.error(`Usage: npm run token -- <user>\n\nUsers:\n${DEV_USERS.map((u) => `  ${u.username.padEnd(18)} ${u.name} (${u.tenantCode}) ${u.description}`).join('\n')}`);
    return 1;
  }
  const config = loadConfig();
  if (!config.devRealm) {
    console.error('A Keycloak is configured (KEYCLOAK_URL): get tokens from it. This command serves the development realm only.');
    return 1;
  }
  const realm = devRealmFor(config, `http://127.0.0.1:${config.devRealm.port}`);
  process.stdout.write(`${realm.issue(user)}\n`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : String(error));
  process.exitCode = 1;
}
