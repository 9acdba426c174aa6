import { createHash } from 'node:crypto';
// pg's own pieces for what it does with a statement: the value conversion it binds with and the
// result it builds from the answer (pg/lib has no published types for them).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue(value: unknown): unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PgResult = require('pg/lib/result') as new () => PgResultObject;

/** One statement of a pipeline: its text (`$1`-style parameters) and the values bound to them. */
export interface PipelineStep {
  readonly text: string;
  readonly values?: readonly unknown[];
}

/** The answer to the last statement of a pipeline, as pg's own query gives it. */
export interface PgResultObject {
  rows: unknown[];
  fields: unknown[];
  command: string;
  rowCount: number | null;
  addFields(fields: unknown[]): void;
  parseRow(fields: unknown[]): unknown;
  addCommandComplete(message: unknown): void;
}

/** What a pipeline writes on: pg's Connection (pg/lib/connection.js). */
interface ProtocolConnection {
  stream: { cork?(): void; uncork?(): void };
  parse(query: { text: string; name: string; types: unknown[] }): void;
  bind(config: { portal: string; statement: string; values: readonly unknown[] }): void;
  describe(message: { type: 'P'; name: string }): void;
  execute(config: { portal: string; rows: number }): void;
  close(message: { type: 'S'; name: string }): void;
  sync(): void;
  sendCopyFail(message: string): void;
}

/** Statements a connection keeps prepared, most recently used last. */
const PREPARED_PER_CONNECTION = 200;

/** What a connection holds prepared under our names (see PipelinedQuery), by connection. */
interface PreparedStatements {
  /** Names prepared, in order of use (a Map keeps insertion order: a use moves one to the end). */
  readonly prepared: Map<string, true>;
  /** Names that may or may not exist (a pipeline failed after their Parse or Close was sent): closed at the start of the next pipeline. */
  readonly unsure: Set<string>;
}

const statementsOf = new WeakMap<object, PreparedStatements>();

function preparedOn(connection: object): PreparedStatements {
  let statements = statementsOf.get(connection);
  if (!statements) statementsOf.set(connection, (statements = { prepared: new Map(), unsure: new Set() }));
  return statements;
}

/** Names by statement text, bounded: a process's statements are few, but nothing guarantees it. */
const names = new Map<string, string>();
const NAMES_KEPT = 2_000;

/**
 * Statements kept unnamed: transaction control and settings (nothing to plan), and any that reads
 * `*`: a prepared statement whose columns a migration changed fails ("cached plan must not change
 * result type") on a replica that prepared it before, and `*` is how a column appears unasked.
 */
const UNNAMED = /^\s*(begin|commit|rollback|savepoint|release|set|reset|show)\b|(^|[\s,(.])\*(\s|$|,)/i;

/** The name a statement is prepared under on every connection, or undefined when it is sent unnamed (UNNAMED). */
export function preparedName(text: string): string | undefined {
  let name = names.get(text);
  if (name !== undefined) return name || undefined;
  name = UNNAMED.test(text) ? '' : `kp_${createHash('sha1').update(text).digest('base64url')}`;
  if (names.size >= NAMES_KEPT) names.clear();
  names.set(text, name);
  return name || undefined;
}

/**
 * Statements sent to PostgreSQL in one message and answered with one round trip, by the extended
 * protocol: each parsed (once per connection for a named one: see preparedName), bound and
 * executed, then one Sync. The answer is the last statement's result; the ones before it (a
 * transaction's opening: its end, its scope, BEGIN) are run for their effect. PostgreSQL runs them
 * in order and stops at the first that fails (the rest is skipped until the Sync), exactly as it
 * runs a simple query of several statements, and like one, the statements before a BEGIN run in
 * the implicit transaction the BEGIN makes explicit (settings kept).
 *
 * Why: a statement sent as text is parsed, analysed and planned anew every time; the demo city's
 * page of projects with row-level security spends as long planning as running (EXPLAIN ANALYZE:
 * 0.2 ms each). A prepared statement is planned once per connection, as PostGraphile does, and the
 * values are bound, not written into the text.
 *
 * A pg Submittable (client.query(pipeline)): pg queues it behind the connection's other queries
 * and hands it the backend's messages, as it does its own queries.
 */
export class PipelinedQuery {
  readonly answer: Promise<PgResultObject>;
  private resolve!: (result: PgResultObject) => void;
  private reject!: (error: unknown) => void;
  /**
   * The answer being read. Named as pg's own query names it: pg gives it the client's type parsers
   * (the driver's: dates as text, arrays), which a result made alone does not have.
   */
  readonly _result = new PgResult();
  /** The statement whose messages come now (each ends with CommandComplete or EmptyQuery). */
  private step = 0;
  /** Names this pipeline parsed or closed, with the step it did so in: what a failure leaves unsure. */
  private readonly sent: { name: string; step: number }[] = [];
  private connection: ProtocolConnection | undefined;

  constructor(private readonly steps: readonly PipelineStep[]) {
    this.answer = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /** Writes every statement and the Sync in one write (pg calls this when the connection is free). */
  submit(connection: ProtocolConnection): Error | null {
    // Values are converted before anything is written: one pg cannot convert fails the pipeline
    // whole (pg reports the returned error), never after its first statements went.
    let values: unknown[][];
    try {
      values = this.steps.map((step) => (step.values ?? []).map(prepareValue));
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
    this.connection = connection;
    const statements = preparedOn(connection);
    connection.stream.cork?.();
    try {
      // First, so that nothing can fail before them (closing a statement that does not exist is no error).
      for (const name of statements.unsure) connection.close({ type: 'S', name });
      statements.unsure.clear();
      this.steps.forEach((step, index) => {
        const name = preparedName(step.text) ?? '';
        if (!name || !statements.prepared.has(name)) {
          connection.parse({ text: step.text, name, types: [] });
          if (name) this.sent.push({ name, step: index });
        }
        if (name) this.remember(statements, name, index);
        connection.bind({ portal: '', statement: name, values: values[index]! });
        // Only the answer's columns are described: the others' rows are not read.
        if (index === this.steps.length - 1) connection.describe({ type: 'P', name: '' });
        connection.execute({ portal: '', rows: 0 });
      });
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  /**
   * Marks `name` prepared and most recently used. Past the bound, the least recently used one is
   * closed in this pipeline (after the statements that may have used it).
   */
  private remember(statements: PreparedStatements, name: string, step: number): void {
    statements.prepared.delete(name);
    statements.prepared.set(name, true);
    if (statements.prepared.size <= PREPARED_PER_CONNECTION) return;
    const oldest = statements.prepared.keys().next().value!;
    statements.prepared.delete(oldest);
    this.connection!.close({ type: 'S', name: oldest });
    this.sent.push({ name: oldest, step });
  }

  private get answering(): boolean {
    return this.step === this.steps.length - 1;
  }

  handleRowDescription(message: { fields: unknown[] }): void {
    if (this.answering) this._result.addFields(message.fields);
  }

  handleDataRow(message: { fields: unknown[] }): void {
    if (this.answering) this._result.rows.push(this._result.parseRow(message.fields));
  }

  handleCommandComplete(message: unknown): void {
    if (this.answering) this._result.addCommandComplete(message);
    this.step += 1;
  }

  handleEmptyQuery(): void {
    this.step += 1;
  }

  handlePortalSuspended(): void {
    // Every statement is executed to its end (rows: 0): PostgreSQL never suspends one.
  }

  /** A statement failed (PostgreSQL skips the rest until the Sync), or the connection did. */
  handleError(error: unknown): void {
    this.failed(error);
  }

  handleReadyForQuery(): void {
    this.resolve(this._result);
  }

  handleCopyInResponse(connection: ProtocolConnection): void {
    connection.sendCopyFail('COPY is not supported in a pipeline');
  }

  handleCopyData(): void {}

  private failed(error: unknown): void {
    // A Parse or Close at or after the failing statement may or may not have run: such a name is
    // closed at the start of the connection's next pipeline (and prepared again if used).
    if (this.connection) {
      const statements = preparedOn(this.connection);
      const unsure = this.sent.filter(({ step }) => step >= this.step).map(({ name }) => name);
      // The failing statement itself is prepared anew too: a statement prepared before a migration
      // changed its columns fails at every use ("cached plan must not change result type", 0A000).
      const failing = this.steps[this.step] && preparedName(this.steps[this.step]!.text);
      if (failing) unsure.push(failing);
      for (const name of unsure) {
        statements.prepared.delete(name);
        statements.unsure.add(name);
      }
    }
    this.reject(error);
  }
}
