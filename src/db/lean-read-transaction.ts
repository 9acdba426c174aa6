import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { DeferredOpening, sendThroughDeferredOpenings, type PooledConnection } from './deferred-opening';

export type { PooledConnection } from './deferred-opening';

/** The part of knex's client a lean transaction uses: its pool. */
interface ConnectionPool {
  acquireConnection(): Promise<PooledConnection>;
  releaseConnection(connection: PooledConnection): Promise<void>;
  pool?: { numPendingAcquires(): number };
}

/**
 * How long a connection whose read-only transaction is still open waits for the next lean
 * transaction to end it (see LeanTransaction) before it ends it itself and goes back to the pool.
 * Under load the next one comes within this; idle, no snapshot is held longer than this.
 */
const LINGER_MS = 20;

/** Connections left lingering, by pool: each holds a read-only transaction that only ROLLBACK ends. */
const lingering = new WeakMap<ConnectionPool, { connection: PooledConnection; timer: NodeJS.Timeout }[]>();

const LEAN = Symbol('a lean read-only transaction');

/**
 * A read-only transaction opened on a pooled connection by hand, with as few round trips as the
 * operation allows:
 *
 * - Its opening (the scope, BEGIN READ ONLY: see beginScopedTransaction) is not sent alone: it
 *   goes in front of the operation's first statement, in one message (see DeferredOpening). An
 *   operation that reads nothing sends nothing.
 * - Its end is not sent alone either: a read-only transaction has nothing to commit, so the
 *   connection is kept (LINGER_MS) for the next lean transaction, which puts the ROLLBACK in front
 *   of its own opening. A connection is never back in the pool with a transaction open: one that
 *   nobody took in time (or that a writer waiting for the pool needs) is rolled back first.
 *
 * A one-statement read is one round trip instead of three.
 *
 * `em` runs the ORM's statements through a transaction context knex accepts (`client.transacting`,
 * a client whose pool is this one connection); they, and hand-written ones (queryRows), go through
 * the deferred opening attached to the connection, as a mutation's do. Why not knex's
 * own transaction: it builds a new client and a new knex instance for every transaction, and with
 * MikroORM's wrappers around it, opening and committing cost a read four times the CPU of the
 * statements themselves (bench:api). A read needs none of what that machinery gives (savepoints,
 * nested transactions); a mutation keeps knex's transaction, whose savepoints its unit of work needs.
 */
export class LeanTransaction {
  private readonly statements: DeferredOpening;
  ended = false;

  constructor(
    readonly connection: PooledConnection,
    private readonly pool: ConnectionPool,
    opening: string,
    /** Whether the connection holds a previous lean transaction's, still open, to end first. */
    private readonly inherited: boolean,
    /** Where what this sends of its own (the opening, a ROLLBACK) is logged: the statements are logged by whoever runs them. */
    private readonly log: (sql: string) => void,
  ) {
    this.statements = new DeferredOpening(inherited ? `ROLLBACK; ${opening}` : opening, log);
    this.statements.attach(connection);
  }

  /** Whether the connection holds an open transaction (a previous one's, or this one's) to end. */
  private get holdsTransaction(): boolean {
    return this.inherited || this.statements.sent;
  }

  /**
   * Ends the transaction: the connection lingers for the next one (see the class), or, when a
   * statement failed or a writer waits for the pool, is rolled back and returned now. A failed
   * ROLLBACK is not thrown (PostgreSQL rolls back a transaction whose connection ended; the pool
   * drops a connection that failed).
   */
  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    const { connection, pool } = this;
    // Whatever happens next to the connection, its statements are no longer this transaction's.
    this.statements.detach(connection);
    if (!this.holdsTransaction) return pool.releaseConnection(connection);
    if (this.statements.failed || connection.__knex__disposed || (pool.pool?.numPendingAcquires() ?? 0) > 0) {
      this.log('ROLLBACK');
      await connection.query('ROLLBACK').catch(() => undefined);
      return pool.releaseConnection(connection);
    }
    const kept = lingering.get(pool) ?? [];
    lingering.set(pool, kept);
    const item = {
      connection,
      timer: setTimeout(() => {
        const at = kept.indexOf(item);
        if (at < 0) return;
        kept.splice(at, 1);
        void connection
          .query('ROLLBACK')
          .catch(() => undefined)
          .then(() => pool.releaseConnection(connection));
      }, LINGER_MS),
    };
    item.timer.unref();
    kept.push(item);
  }
}

/** A connection for a new lean transaction: the latest one left lingering, else one from the pool. */
async function acquire(pool: ConnectionPool): Promise<{ connection: PooledConnection; inherited: boolean }> {
  const kept = lingering.get(pool);
  for (let item = kept?.pop(); item; item = kept?.pop()) {
    clearTimeout(item.timer);
    if (!item.connection.__knex__disposed) return { connection: item.connection, inherited: true };
    await pool.releaseConnection(item.connection);
  }
  return { connection: await pool.acquireConnection(), inherited: false };
}

/** Opens a lean read-only transaction (see LeanTransaction) for `em`; `opening` is sent with its first statement. */
export async function beginLeanReadTransaction(em: EntityManager, opening: string): Promise<void> {
  const knexClient = em.getKnex().client as Knex.Client & ConnectionPool;
  sendThroughDeferredOpenings(knexClient);
  const { connection, inherited } = await acquire(knexClient);
  const logger = em.config.getLogger();
  const lean = new LeanTransaction(connection, knexClient, opening, inherited, (query) => logger.logQuery({ query, level: 'info' }));
  // knex's `transacting(ctx)` makes `ctx.client` the statement's client; Object.create keeps every
  // other part of the pooled client (its dialect, its formatting, its response handling) as it is.
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

/** Ends `em`'s lean transaction (commit or rollback alike: it wrote nothing). */
export async function endLeanReadTransaction(em: EntityManager, lean: LeanTransaction): Promise<void> {
  em.resetTransactionContext();
  await lean.end();
}
