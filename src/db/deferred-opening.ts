import { escapeLiteral } from 'pg';
// pg's own conversion of a bound value to the text it sends (pg/lib/utils has no published types).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue(value: unknown): unknown };
import { PipelinedQuery, type PgResultObject, type PipelineStep } from './pipelined-query';

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
 * every operation. Every statement but the transaction's end goes as a pipeline (PipelinedQuery):
 * prepared once per connection, its values bound. A transaction that sends nothing but its end (a
 * mutation refused before it wrote) opens nothing.
 *
 * Statements go one at a time, in the order asked (pg queues them today, but deprecates it), and
 * none is sent after an opening that failed: it would run outside the transaction, out of scope.
 */
export class DeferredOpening {
  private opening: readonly PipelineStep[] | undefined;
  private unopened: unknown;
  private failedOnce = false;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    opening: readonly PipelineStep[],
    /** Where the opening is logged when sent (statements are logged by whoever runs them); `render` writes its text. */
    private readonly log: (render: () => string) => void,
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
    // The end (a COMMIT that asks whether the transaction wrote is two statements) goes as text,
    // whatever happened before it; the connection's statements are no longer this transaction's.
    if (ENDS_TRANSACTION.test(sql)) {
      logStatement?.();
      try {
        return (await connection.query<R>(sql, params)) as Result<R>;
      } finally {
        this.detach(connection);
      }
    }
    // After a first message that failed, the transaction is either aborted (its statement failed)
    // or was never opened (the opening failed): nothing but its end may be sent.
    if (this.unopened !== undefined) throw this.unopened;
    const opening = this.opening;
    this.opening = undefined;
    if (opening !== undefined) {
      this.log(() => `${opening.map(textOf).join('; ')}; -- with the statement that follows, in one message`);
    }
    logStatement?.();
    try {
      return (await pipelined(connection, [...(opening ?? []), { text: sql, values: params }])) as Result<R>;
    } catch (error) {
      if (opening !== undefined) this.unopened = error;
      throw error;
    }
  }
}

/** Logs the opening through MikroORM's logger, where statements are logged, and writes its text only when that logs. */
export const queryLog =
  (logger: { isEnabled(namespace: 'query'): boolean; logQuery(context: { query: string; level: 'info' }): void }) =>
  (render: () => string): void => {
    if (logger.isEnabled('query')) logger.logQuery({ query: render(), level: 'info' });
  };

/** Runs `steps` on `connection` in one round trip (see PipelinedQuery): the last one's answer. */
async function pipelined(connection: PooledConnection, steps: readonly PipelineStep[]): Promise<PgResultObject> {
  const pipeline = new PipelinedQuery(steps);
  // pg takes a Submittable as it takes its own queries, in its queue.
  void (connection as unknown as { query(submittable: PipelinedQuery): unknown }).query(pipeline);
  return pipeline.answer;
}

/** A step as text with its values written in as literals, for the log only (what pg would bind, as text). */
function textOf(step: PipelineStep): string {
  const values = step.values ?? [];
  return values.length === 0 ? step.text : step.text.replace(/\$(\d+)/g, (_, n: string) => literal(values[Number(n) - 1]));
}

function literal(value: unknown): string {
  const prepared = prepareValue(value);
  if (prepared === null || prepared === undefined) return 'NULL';
  if (Buffer.isBuffer(prepared)) return escapeLiteral(`\\x${prepared.toString('hex')}`);
  return escapeLiteral(String(prepared));
}
