import 'reflect-metadata';
import { devRealmTarget } from '../auth/dev-realm-target';
import { DEV_USERS, devUser } from '../auth/dev-users';
import { loadConfig } from '../config';
import { EXIT_OK, runCommand, UsageError } from './run-command';

const USAGE = `Usage: npm run token -- <user>

Prints a fresh access token (valid 8 hours) of the development realm for a demo user, signed with
the key in DATA_DIR and naming the realm of the server running with that DATA_DIR as issuer.

Users:
${DEV_USERS.map((u) => `  ${u.username.padEnd(18)} ${u.name} (${u.tenantCode}) ${u.description}`).join('\n')}`;

/**
 * `npm run token -- <user>`: a token the running server accepts. It reads the same configuration
 * as the server (DATA_DIR, KEYCLOAK_*) and asks which realm that server runs (see dev-realm-target).
 */
async function main(args: readonly string[]): Promise<number> {
  const [username, ...extra] = args;
  if (username === '-h' || username === '--help') {
    console.log(USAGE);
    return EXIT_OK;
  }
  if (username === undefined) throw new UsageError('name a demo user', USAGE);
  if (extra.length > 0) throw new UsageError(`one user only (got ${args.join(' ')})`, USAGE);
  const user = devUser(username);
  if (!user) throw new UsageError(`unknown user "${username}": use one of the demo users below`, USAGE);
  const target = await devRealmTarget(loadConfig());
  if (!target.running) process.stderr.write(`${target.note}\n`);
  process.stdout.write(`${target.realm.issue(user)}\n`);
  return EXIT_OK;
}

runCommand('token', main);
