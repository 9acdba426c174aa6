import 'reflect-metadata';
import { chinaDate } from './calendar/period';
import { ConfigError, loadConfig, type Config } from './config';
import { openDatabase, type Database } from './database';
import { loadDemoData } from './demo/demo-data';
import { createLogger } from './logger';
import { Tenant } from './modules/tenant/tenant.entity';
import { createSchema } from './schema';
import { createServer, GRAPHQL_PATH, type AppServer } from './server';

/** The demo city is loaded into an empty database only, so a restart never touches real data. */
async function loadDemoDataOnFirstStart(db: Database, log: (message: string) => void): Promise<void> {
  const em = db.orm.em.fork();
  if ((await em.count(Tenant, {})) > 0) return;
  log('Empty database: loading the demo city 德州市 (371400) with its projects ...');
  const summary = await loadDemoData(em, { asOf: chinaDate() });
  log(`Demo data loaded: ${JSON.stringify(summary)}`);
}

function banner(config: Config, port: number, db: Database): string {
  const host = config.http.host === '0.0.0.0' || config.http.host === '::' ? 'localhost' : config.http.host;
  const http = `http://${host}:${port}${GRAPHQL_PATH}`;
  const query = '{ tenant(code: \\"371400\\") { name children { code name kind } } }';
  return [
    '',
    'Key projects (重点项目) GraphQL API is running.',
    `  GraphQL over HTTP:       ${http}`,
    `  GraphQL over WebSocket:  ws://${host}:${port}${GRAPHQL_PATH}   (graphql-ws protocol)`,
    `  Health / readiness:      http://${host}:${port}/healthz   http://${host}:${port}/readyz`,
    db.embedded
      ? `  Database:                embedded PostgreSQL, data in ${config.database.embedded?.dir}`
      : '  Database:                DATABASE_URL',
    '',
    'Try a first query:',
    `  curl -s ${http} -H 'content-type: application/json' \\`,
    `    -d '{"query":"${query}"}'`,
    '',
    'Press Ctrl-C to stop (the embedded PostgreSQL stops with it; data is kept).',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config);
  const say = (message: string) => process.stdout.write(`${message}\n`);

  const db = await openDatabase(config, { migrate: true, log: (line) => logger.debug({ postgres: line }) });
  let server: AppServer | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal} received: stopping ...`);
    // Stop taking work first, then let the database go: no request sees a closed pool.
    await server?.stop().catch((error: unknown) => logger.error({ err: error }, 'server did not stop cleanly'));
    await db.close().catch((error: unknown) => logger.error({ err: error }, 'database did not close cleanly'));
    say('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    if (config.loadDemoData) await loadDemoDataOnFirstStart(db, say);
    server = await createServer({ orm: db.orm, config, logger, schema: await createSchema() });
    const address = await server.listen(config.http.port, config.http.host);
    say(banner(config, address.port, db));
  } catch (error) {
    await db.close();
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof Error && error.stack && process.env.LOG_LEVEL === 'debug') process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
