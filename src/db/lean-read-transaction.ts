import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/** What a pooled connection (a pg Client) offers the statements of a transaction. */
export interface PooledConnection {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[] }>;
}

/** The part of knex's client a lean transaction uses: its pool. */
interface ConnectionPool {
  acquireConnection(): Promise<PooledConnection>;
  releaseConnection(connection: PooledConnection): Promise<void>;
}

const LEAN = Symbol('a lean read-only transaction');

/** The lean transaction an EntityManager is in, with the connection it holds. */
export interface LeanTransaction {
  readonly connection: PooledConnection;
  readonly pool: ConnectionPool;
  ended: boolean;
}

/**
 * A read-only transaction opened on a pooled connection by hand: `opening` (the BEGIN and the
 * scope, see beginScopedTransaction) is sent as it is, and `em` runs its statements on that
 * connection through a transaction context knex accepts (`client.transacting`, a client whose
 * pool is this one connection). Why: knex's own transaction builds a new client and a new knex
 * instance for every transaction, and with MikroORM's wrappers around it, opening and committing
 * cost a read four times the CPU of the statements themselves (bench:api). A read-only operation
 * needs none of what that machinery gives (savepoints, nested transactions): every query, its
 * subscription's checks and each event it reads the database for opens one of these. A mutation
 * keeps knex's transaction, whose savepoints its unit of work needs.
 *
 * A failed opening releases the connection (knex's pool drops one that broke, see its
 * `__knex__disposed`) and is thrown.
 */
export async function beginLeanReadTransaction(em: EntityManager, opening: string): Promise<void> {
  const knexClient = em.getKnex().client as Knex.Client & ConnectionPool;
  const connection = await knexClient.acquireConnection();
  try {
    await connection.query(opening);
  } catch (error) {
    await knexClient.releaseConnection(connection);
    throw error;
  }
  const lean: LeanTransaction = { connection, pool: knexClient, ended: false };
  // knex's `transacting(ctx)` makes `ctx.client` the statement's client; Object.create keeps every
  // other part of the pooled client (its dialect, its formatting, its query method) as it is.
  const client = Object.create(knexClient, {
    transacting: { value: true },
    acquireConnection: { value: () => (lean.ended ? Promise.reject(new Error('the transaction has ended')) : Promise.resolve(connection)) },
    releaseConnection: { value: () => Promise.resolve() },
  }) as Knex.Client;
  em.setTransactionContext({ client, [LEAN]: lean, isCompleted: () => lean.ended } as unknown as Knex.Transaction);
}

/** The lean transaction `em` is in, if that is what it is in. */
export function leanTransactionOf(em: EntityManager): LeanTransaction | undefined {
  return (em.getTransactionContext() as { [LEAN]?: LeanTransaction } | undefined)?.[LEAN];
}

/**
 * Ends a lean transaction: COMMIT (it wrote nothing, so there is nothing to announce) or ROLLBACK,
 * then the connection goes back to the pool whatever the answer (a broken one is dropped by the
 * pool). A failed COMMIT is thrown; a failed ROLLBACK is not (PostgreSQL rolls back a transaction
 * whose connection ended).
 */
export async function endLeanReadTransaction(em: EntityManager, lean: LeanTransaction, outcome: 'commit' | 'rollback'): Promise<void> {
  if (lean.ended) return;
  lean.ended = true;
  em.resetTransactionContext();
  // Logged as MikroORM logs its own (the statement-count tests read it there).
  em.config.getLogger().logQuery({ query: outcome, level: 'info' });
  try {
    await lean.connection.query(outcome === 'commit' ? 'COMMIT' : 'ROLLBACK');
  } catch (error) {
    if (outcome === 'commit') throw error;
  } finally {
    await lean.pool.releaseConnection(lean.connection);
  }
}
