import { escapeLiteral } from 'pg';
// pg's own conversion of a bound value to the text it sends (pg/lib/utils has no published types).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue(value: unknown): unknown };

/** A pg result, as a pooled connection gives it. */
export interface Result<R> {
  rows: R[];
}

/** What a pooled connection (a pg Client) offers the statements of a transaction. */
export interface PooledConnection {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Result<R> | Result<R>[]>;
  /** Set by knex when the connection failed: its pool drops it. */
  __knex__disposed?: unknown;
}

/** Statements that end a transaction (not a savepoint's ROLLBACK TO): sent before any other, there is no transaction to open for them. */
const ENDS_TRANSACTION = /^\s*(select pg_current_xact_id_if_assigned\(\)[^;]*;\s*)?(commit|rollback)\b(?!\s+to\b)/i;

const DEFERRED = Symbol('the deferred opening of the transaction on this connection');

/** The deferred opening of the transaction a connection is in, if any (see DeferredOpening.attach). */
export const deferredOpeningOf = (connection: PooledConnection): DeferredOpening | undefined =>
  (connection as { [DEFERRED]?: DeferredOpening })[DEFERRED];

const PATCHED = Symbol('knex sends statements through deferred openings');

/**
 * Makes every statement knex sends on a connection in a transaction with a deferred opening go
 * through it, whichever of knex's clients sends it (a savepoint's is a client knex makes for it
 * from the dialect's prototype, not the transaction's): the dialect's `_query` (knex's
 * dialects/postgres: `obj.sql` with `obj.bindings`, pg's answer left in `obj.response`) is wrapped
 * once, on the prototype every such client has.
 */
export function sendThroughDeferredOpenings(knexClient: object): void {
  const dialect = Object.getPrototypeOf(knexClient) as {
    [PATCHED]?: boolean;
    _query(connection: PooledConnection, obj: KnexQuery): Promise<KnexQuery>;
  };
  if (dialect[PATCHED]) return;
  const send = dialect._query;
  Object.defineProperty(dialect, PATCHED, { value: true });
  dialect._query = async function (this: unknown, connection: PooledConnection, obj: KnexQuery) {
    const deferred = deferredOpeningOf(connection);
    if (!deferred) return send.call(this, connection, obj);
    obj.response = await deferred.query(connection, obj.sql, obj.bindings ?? []);
    return obj;
  };
}

interface KnexQuery {
  sql: string;
  bindings?: unknown[];
  response?: unknown;
}

/**
 * The statements of one transaction on one connection, its opening (the scope and BEGIN: see
 * beginScopedTransaction) sent in one message with the first of them: one round trip fewer for
 * every operation. The first statement's parameters are written into that message as the literals
 * pg would have bound (see inlined); one with string literals of its own gets the opening in a
 * message before it. A transaction that sends nothing but its end (a mutation refused before it
 * wrote) opens nothing.
 *
 * Statements go one at a time, in the order asked (pg queues them today, but deprecates it), and
 * none is sent after an opening that failed: it would run outside the transaction, out of scope.
 */
export class DeferredOpening {
  private opening: string | undefined;
  private unopened: unknown;
  private failedOnce = false;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    opening: string,
    /** Where the opening is logged when sent (statements are logged by whoever runs them). */
    private readonly log: (sql: string) => void,
  ) {
    this.opening = opening;
  }

  /** Routes the statements knex sends on `connection` through this until the transaction ends (see sendThroughDeferredOpenings). */
  attach(connection: PooledConnection): void {
    Object.defineProperty(connection, DEFERRED, { value: this, configurable: true });
  }

  /** The transaction is over: the connection's statements go as they are again. */
  detach(connection: PooledConnection): void {
    if (deferredOpeningOf(connection) === this) delete (connection as { [DEFERRED]?: DeferredOpening })[DEFERRED];
  }

  /** Whether the opening has been sent (the connection holds an open transaction, or a failed one). */
  get sent(): boolean {
    return this.opening === undefined;
  }

  /** Whether a statement sent through this failed (the transaction is aborted, or was never opened). */
  get failed(): boolean {
    return this.failedOnce;
  }

  /** Runs `sql` (`$1`-style parameters) after those asked before it; `logStatement` logs it once the opening is logged. */
  async query<R>(connection: PooledConnection, sql: string, params: readonly unknown[], logStatement?: () => void): Promise<Result<R>> {
    const previous = this.tail;
    let answered!: () => void;
    this.tail = new Promise((resolve) => (answered = resolve));
    try {
      await previous;
      return await this.send<R>(connection, sql, params, logStatement);
    } catch (error) {
      this.failedOnce = true;
      throw error;
    } finally {
      answered();
    }
  }

  private async send<R>(
    connection: PooledConnection,
    sql: string,
    params: readonly unknown[],
    logStatement?: () => void,
  ): Promise<Result<R>> {
    const ends = ENDS_TRANSACTION.test(sql);
    // After a first message that failed, the transaction is either aborted (its statement failed)
    // or was never opened (the opening failed): nothing but its end may be sent.
    if (this.unopened !== undefined && !ends) throw this.unopened;
    const opening = this.opening;
    if (opening !== undefined && !ends) {
      this.opening = undefined;
      try {
        const statement = inlined(sql, params);
        if (statement !== undefined) {
          this.log(`${opening}; -- with the statement that follows, in one message`);
          logStatement?.();
          const results = await connection.query<R>(`${opening}; ${statement}`);
          return Array.isArray(results) ? results[results.length - 1]! : results;
        }
        this.log(opening);
        await connection.query(opening);
      } catch (error) {
        this.unopened = error;
        throw error;
      }
    }
    logStatement?.();
    try {
      return (await connection.query<R>(sql, params)) as Result<R>;
    } finally {
      if (ends) this.detach(connection);
    }
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
