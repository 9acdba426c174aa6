import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { DeferredOpening, queryLog, sendThroughDeferredOpenings, type PooledConnection } from './deferred-opening';
import type { PipelineStep } from './pipelined-query';

export type { PooledConnection } from './deferred-opening';

/** The part of knex's client a lean transaction uses: its pool. */
interface ConnectionPool {
  acquireConnection(): Promise<PooledConnection>;
  releaseConnection(connection: PooledConnection): Promise<void>;
  /** tarn's pool (its `max` is protected in its types, public at run time). */
  pool?: { numPendingAcquires(): number; numUsed(): number; max: number };
}

/**
 * How long a connection whose read-only transaction is still open waits for the next lean
 * transaction to end it (see LeanTransaction) before it ends it itself and goes back to the pool.
 * Under load the next one comes within this; idle, no snapshot is held longer than this. (A
 * setting only so that a test on a loaded machine can count on a second read coming in time.)
 */
export const leanReadSettings = {
  lingerMs: 20,
};

/** What lean transactions share of a pool. */
interface LeanPoolState {
  /** Connections left lingering: each holds a read-only transaction that only ROLLBACK ends. */
  lingering: { connection: PooledConnection; timer: NodeJS.Timeout }[];
  /**
   * Lean transactions waiting for a connection, first come first served. Each waits in the pool
   * too; whichever gives it a connection first wins: a lean transaction ending hands its
   * connection over, transaction still open, as it would to a lingering one's successor.
   */
  waiting: ((connection: PooledConnection, inherited: boolean) => void)[];
  /** Acquires still pending in the pool whose lean transaction was handed a connection meanwhile: released as they come. */
  orphaned: number;
}

const states = new WeakMap<ConnectionPool, LeanPoolState>();

function stateOf(pool: ConnectionPool): LeanPoolState {
  let state = states.get(pool);
  if (!state) states.set(pool, (state = { lingering: [], waiting: [], orphaned: 0 }));
  return state;
}

/**
 * Whether someone other than a lean transaction (a mutation, a command, the live relay) waits for
 * the pool with no other connection to take: it goes first. One that a connection not in use will
 * serve (a free one, one being opened, or one the pool may still open) is not waiting for this one.
 */
function othersWait(pool: ConnectionPool, state: LeanPoolState): boolean {
  if (!pool.pool) return false;
  const waiting = pool.pool.numPendingAcquires() - state.orphaned - state.waiting.length;
  return waiting > pool.pool.max - pool.pool.numUsed();
}

const LEAN = Symbol('a lean read-only transaction');

/**
 * A read-only transaction opened on a pooled connection by hand, with as few round trips as the
 * operation allows:
 *
 * - Its opening (the scope, BEGIN READ ONLY: see beginScopedTransaction) is not sent alone: it
 *   goes in front of the operation's first statement, in one message (see DeferredOpening). An
 *   operation that reads nothing sends nothing.
 * - Its end is not sent alone either: a read-only transaction has nothing to commit, so the
 *   connection is kept (leanReadSettings.lingerMs) for the next lean transaction, which puts the ROLLBACK in front
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
    opening: readonly PipelineStep[],
    /** Whether the connection holds a previous lean transaction's, still open, to end first. */
    private readonly inherited: boolean,
    /** Where what this sends of its own (the opening, a ROLLBACK) is logged: the statements are logged by whoever runs them. */
    private readonly log: (render: () => string) => void,
  ) {
    this.statements = new DeferredOpening(inherited ? [{ text: 'ROLLBACK' }, ...opening] : opening, log);
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
    const state = stateOf(pool);
    const failed = this.statements.failed || connection.__knex__disposed;
    // Under load, lean transactions queue for the pool: the next one takes this connection as it
    // is, its ROLLBACK going in front of its opening, rather than a ROLLBACK round trip here and a
    // trip through the pool. Anyone else waiting (a writer) is served first, by the pool.
    if (!failed && !othersWait(pool, state)) {
      const next = state.waiting.shift();
      if (next) return next(connection, this.holdsTransaction);
    }
    if (!this.holdsTransaction) return pool.releaseConnection(connection);
    if (failed || othersWait(pool, state)) {
      this.log(() => 'ROLLBACK');
      await connection.query('ROLLBACK').catch(() => undefined);
      return pool.releaseConnection(connection);
    }
    const kept = state.lingering;
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
      }, leanReadSettings.lingerMs),
    };
    item.timer.unref();
    kept.push(item);
  }
}

/**
 * A connection for a new lean transaction: the latest one left lingering, else the first of one
 * from the pool and one a lean transaction ending hands over (see LeanPoolState.waiting).
 */
async function acquire(pool: ConnectionPool): Promise<{ connection: PooledConnection; inherited: boolean }> {
  const state = stateOf(pool);
  for (let item = state.lingering.pop(); item; item = state.lingering.pop()) {
    clearTimeout(item.timer);
    if (!item.connection.__knex__disposed) return { connection: item.connection, inherited: true };
    await pool.releaseConnection(item.connection);
  }
  return new Promise((resolve, reject) => {
    let served = false;
    const handedOver = (connection: PooledConnection, inherited: boolean) => {
      served = true;
      state.orphaned += 1;
      resolve({ connection, inherited });
    };
    state.waiting.push(handedOver);
    const fromPool = (settle: () => void) => {
      if (served) {
        state.orphaned -= 1;
        return false;
      }
      served = true;
      state.waiting.splice(state.waiting.indexOf(handedOver), 1);
      settle();
      return true;
    };
    pool.acquireConnection().then(
      (connection) => {
        if (!fromPool(() => resolve({ connection, inherited: false }))) void pool.releaseConnection(connection);
      },
      (error: unknown) => fromPool(() => reject(error)),
    );
  });
}

/** Opens a lean read-only transaction (see LeanTransaction) for `em`; `opening` is sent with its first statement. */
export async function beginLeanReadTransaction(em: EntityManager, opening: readonly PipelineStep[]): Promise<void> {
  const knexClient = em.getKnex().client as Knex.Client & ConnectionPool;
  sendThroughDeferredOpenings(knexClient);
  const { connection, inherited } = await acquire(knexClient);
  const logger = em.config.getLogger();
  const lean = new LeanTransaction(connection, knexClient, opening, inherited, queryLog(logger));
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
