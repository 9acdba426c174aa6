import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { escapeLiteral } from 'pg';
// pg's own conversion of a bound value to the text it sends (pg/lib/utils has no published types).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue(value: unknown): unknown };

/** A pg result, as a pooled connection gives it. */
interface Result<R> {
  rows: R[];
}

/** What a pooled connection (a pg Client) offers the statements of a transaction. */
export interface PooledConnection {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Result<R> | Result<R>[]>;
  /** Set by knex when the connection failed: its pool drops it. */
  __knex__disposed?: unknown;
}

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
 *   goes in front of the operation's first statement, in one simple-protocol message (the
 *   statement's parameters written into it as the literals pg would have sent; see inlined). An
 *   operation that reads nothing sends nothing.
 * - Its end is not sent alone either: a read-only transaction has nothing to commit, so the
 *   connection is kept (LINGER_MS) for the next lean transaction, which puts the ROLLBACK in front
 *   of its own opening. A connection is never back in the pool with a transaction open: one that
 *   nobody took in time (or that a writer waiting for the pool needs) is rolled back first.
 *
 * A one-statement read is one round trip instead of three. Statements go one at a time, and none
 * runs after an opening that failed (it would run outside the transaction).
 *
 * `em` runs the ORM's statements through a transaction context knex accepts (`client.transacting`,
 * a client whose pool is this one connection and whose `_query` goes through here). Why not knex's
 * own transaction: it builds a new client and a new knex instance for every transaction, and with
 * MikroORM's wrappers around it, opening and committing cost a read four times the CPU of the
 * statements themselves (bench:api). A read needs none of what that machinery gives (savepoints,
 * nested transactions); a mutation keeps knex's transaction, whose savepoints its unit of work needs.
 */
export class LeanTransaction {
  /** What goes in front of the first statement; undefined once sent. */
  private opening: string | undefined;
  /** The failure of the message that carried the opening: no transaction is open, so nothing more may run. */
  private unopened: unknown;
  /** Settles when the statement sent last has been answered: statements go one at a time. */
  private tail: Promise<void> = Promise.resolve();
  /** Whether the connection holds an open transaction (a previous one's, or this one's) to end. */
  private holdsTransaction: boolean;
  /** A statement failed: the connection is rolled back and returned, never kept. */
  private failed = false;
  ended = false;

  constructor(
    readonly connection: PooledConnection,
    private readonly pool: ConnectionPool,
    opening: string,
    inherited: boolean,
    /** Where what this sends of its own (the opening, a ROLLBACK) is logged: the statements are logged by whoever runs them. */
    private readonly log: (sql: string) => void,
  ) {
    this.holdsTransaction = inherited;
    this.opening = inherited ? `ROLLBACK; ${opening}` : opening;
  }

  /**
   * Runs a statement (`$1`-style parameters) in the transaction, its opening first if not sent
   * yet. One at a time, in the order asked (pg would queue them, but no longer will in its next
   * major version): a statement asked while another runs waits for it.
   */
  async query<R>(sql: string, params: readonly unknown[], logStatement?: () => void): Promise<Result<R>> {
    if (this.ended) throw new Error('the transaction has ended');
    const previous = this.tail;
    let answered!: () => void;
    this.tail = new Promise((resolve) => (answered = resolve));
    try {
      await previous;
      return await this.send<R>(sql, params, logStatement);
    } finally {
      answered();
    }
  }

  /** Sends the statement (with the opening, if not sent yet); `logStatement` logs it once the opening is logged. */
  private async send<R>(sql: string, params: readonly unknown[], logStatement?: () => void): Promise<Result<R>> {
    if (this.unopened !== undefined) throw this.unopened;
    const opening = this.opening;
    try {
      if (opening !== undefined) {
        this.opening = undefined;
        this.holdsTransaction = true;
        const statement = inlined(sql, params);
        if (statement !== undefined) {
          this.log(`${opening}; -- with the statement that follows, in one message`);
          logStatement?.();
          const results = await this.connection.query<R>(`${opening}; ${statement}`);
          return Array.isArray(results) ? results[results.length - 1]! : results;
        }
        this.log(opening);
        await this.connection.query(opening);
      }
    } catch (error) {
      this.failed = true;
      this.unopened = error;
      throw error;
    }
    logStatement?.();
    try {
      return (await this.connection.query<R>(sql, params)) as Result<R>;
    } catch (error) {
      this.failed = true;
      throw error;
    }
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
    if (!this.holdsTransaction) return pool.releaseConnection(connection);
    if (this.failed || connection.__knex__disposed || (pool.pool?.numPendingAcquires() ?? 0) > 0) {
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

/**
 * A statement with its parameters written in as string literals: what pg would send bound, as
 * text of no declared type (pg's parameters are untyped too, so PostgreSQL infers the same types).
 * Undefined when that cannot be done safely: the statement has string literals of its own (a `$1`
 * in one is no parameter). A statement without parameters is sent as it is.
 */
function inlined(sql: string, params: readonly unknown[]): string | undefined {
  if (params.length === 0) return sql;
  if (sql.includes("'")) return undefined;
  return sql.replace(/\$(\d+)/g, (_, n: string) => literal(params[Number(n) - 1]));
}

function literal(value: unknown): string {
  const prepared = prepareValue(value);
  if (prepared === null || prepared === undefined) return 'NULL';
  if (Buffer.isBuffer(prepared)) return escapeLiteral(`\\x${prepared.toString('hex')}`);
  return escapeLiteral(String(prepared));
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
  const { connection, inherited } = await acquire(knexClient);
  const logger = em.config.getLogger();
  const lean = new LeanTransaction(connection, knexClient, opening, inherited, (query) => logger.logQuery({ query, level: 'info' }));
  // knex's `transacting(ctx)` makes `ctx.client` the statement's client; Object.create keeps every
  // other part of the pooled client (its dialect, its formatting, its response handling) as it is.
  const client = Object.create(knexClient, {
    transacting: { value: true },
    acquireConnection: { value: () => (lean.ended ? Promise.reject(new Error('the transaction has ended')) : Promise.resolve(connection)) },
    releaseConnection: { value: () => Promise.resolve() },
    // knex's own (dialects/postgres) sends `obj.sql` with `obj.bindings` and leaves pg's answer in `obj.response`.
    _query: {
      value: async (_connection: unknown, obj: { sql: string; bindings?: unknown[]; response?: unknown }) => {
        obj.response = await lean.query(obj.sql, obj.bindings ?? []);
        return obj;
      },
    },
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
