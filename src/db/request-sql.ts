import type { EntityManager } from '@mikro-orm/postgresql';
import { deferredOpeningOf, type PooledConnection } from './deferred-opening';

interface ConnectionSource {
  acquireConnection(): Promise<PooledConnection>;
  releaseConnection(connection: PooledConnection): Promise<void>;
}

/**
 * Rows of a hand-written statement (`$1`-style parameters, bound, not spliced) on the connection
 * of `em`'s transaction: for hot reads whose SQL is fixed, where MikroORM's and knex's layers
 * cost more CPU than the round trip. It runs in the request's scoped transaction, so row-level
 * security applies as to every other statement. The statement is logged where MikroORM logs its
 * own (the statement-count tests read it there), and a failure is converted as MikroORM converts
 * its own (a cancelled statement is a TIMEOUT, an outage SERVICE_UNAVAILABLE).
 *
 * Outside a transaction (a command, a test) it runs on a connection of the pool, as `em`'s would.
 */
export async function queryRows<R>(em: EntityManager, sql: string, params: readonly unknown[]): Promise<R[]> {
  const log = () => em.config.getLogger().logQuery({ query: sql, level: 'info' });
  // A transaction's client (knex's, or a lean one's) hands out the one connection it holds and
  // never releases it; the pool's client hands out any.
  const source: ConnectionSource =
    em.getTransactionContext<{ client: ConnectionSource }>()?.client ?? (em.getKnex().client as unknown as ConnectionSource);
  try {
    const connection = await source.acquireConnection();
    try {
      // In a transaction whose opening may not have been sent yet; logged after the opening.
      const deferred = deferredOpeningOf(connection);
      if (deferred) return (await deferred.query<R>(connection, sql, params, log)).rows;
      log();
      return ((await connection.query<R>(sql, params)) as { rows: R[] }).rows;
    } finally {
      await source.releaseConnection(connection);
    }
  } catch (error) {
    throw em.getDriver().convertException(error as Error);
  }
}
