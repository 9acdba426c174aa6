import type { MigrationObject } from '@mikro-orm/core';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { knexLog } from '../observability/library-logs';
import { keepAsyncHooksOff } from './async-context';

export interface OrmOptionsInput {
  clientUrl: string;
  entities: Options['entities'];
  migrations: MigrationObject[];
  poolMax?: number;
  /** Receives every SQL statement; used by tests that count statements per request. */
  onQuery?: (sql: string) => void;
  /** Where the driver's own warnings go (a pooled connection the database ended); dropped without. */
  logger?: Logger;
}

/** Longest wait for a pooled connection before the request answers SERVICE_UNAVAILABLE. */
const ACQUIRE_CONNECTION_TIMEOUT_MS = 10_000;
/** Longest wait for PostgreSQL to accept a new connection. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * One configuration for the server, the scripts and the tests. Migrations are listed explicitly
 * (no folder globbing), so compiled and TypeScript runs load exactly the same set. MikroORM runs
 * without turning on Node's async hooks (keepAsyncHooksOff).
 */
export function ormOptions(input: OrmOptionsInput): Options {
  keepAsyncHooksOff();
  return defineConfig({
    clientUrl: input.clientUrl,
    entities: input.entities,
    forceUtcTimezone: true,
    pool: { min: 0, max: input.poolMax ?? 10 },
    driverOptions: {
      // knex would print them to the console as plain text.
      log: knexLog(input.logger),
      // A database that stops answering (a failover, a network partition) must become a prompt,
      // retryable SERVICE_UNAVAILABLE, not a request hanging for knex's default minute: waiting for
      // a pooled connection and opening a new one are both bounded, and idle sockets probe their peer.
      acquireConnectionTimeout: ACQUIRE_CONNECTION_TIMEOUT_MS,
      connection: { connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true },
    },
    // Entities are registered explicitly; nothing is discovered from the file system at run time.
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    migrations: {
      migrationsList: input.migrations,
      path: 'dist/migrations',
      pathTs: 'migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    // Rollups are kept by triggers (see the rollups migration), not by entities: the schema diff
    // leaves their tables alone.
    // Tables kept by triggers and SQL only, with no entity: the rollups, the change outbox, the audit
    // trail, the responses kept for idempotent retries, the rate budgets the replicas share, the download links' signing key
    // and the queue of site photos' objects to remove.
    schemaGenerator: {
      skipTables: [
        /^rollup_/,
        /^change_event/,
        /^audit_record$/,
        /^audit_chain_head$/,
        /^idempotent_request$/,
        /^rate_budget$/,
        /^download_signing_key$/,
        /^site_photo_discard$/,
      ],
    },
    // MikroORM would otherwise guess per property; a request's em must never flush implicitly.
    allowGlobalContext: false,
    debug: input.onQuery ? ['query'] : false,
    logger: input.onQuery ?? (() => undefined),
    colors: false,
  });
}
