/**
 * What the logs keep of an error. A failed statement's error quotes the statement, and MikroORM
 * writes its parameters into the statement text: `set_config('kp.actor_name', '王磊', true)`, a
 * demo insert with every contact's name and phone number. PostgreSQL's own message and detail
 * quote values too (`invalid input syntax for type uuid: "…"`, `Key (name)=(…)`). So a database
 * error is logged by what names the failure (SQLSTATE, table, constraint, routine), never by its
 * text; other messages are kept short and withheld when they look like SQL.
 */
export interface LoggedError {
  type: string;
  message?: string;
  /** SQLSTATE for PostgreSQL's errors, node's code (ECONNREFUSED ...) for socket errors. */
  code?: string;
  severity?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
  routine?: string;
  errno?: number;
  syscall?: string;
  stack?: string;
  cause?: LoggedError;
}

const MAX_MESSAGE = 500;
const WITHHELD = '[withheld: the message quotes SQL]';
const MAX_FRAMES = 15;
const MAX_DEPTH = 3;

/** Text that quotes SQL (a statement or part of one): it may carry values, so it is never logged. */
const SQL_TEXT = /\b(select|insert\s+into|update\s+\S+\s+set|delete\s+from|set_config|values\s*\(|returning)\b/i;
const SQLSTATE = /^[0-9A-Z]{5}$/;

/** One line, bounded, and nothing that looks like SQL. */
export function safeText(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  if (SQL_TEXT.test(line)) return WITHHELD;
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE)}…` : line;
}

/** The call frames only: a stack's first lines repeat the message. */
function framesOf(stack: unknown): string | undefined {
  if (typeof stack !== 'string') return undefined;
  const frames = stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES);
  return frames.length > 0 ? frames.join('\n') : undefined;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * A database's error: PostgreSQL's (it has a SQLSTATE and a severity) or one that went through
 * MikroORM and knex (its message starts with the statement: `<sql> - <driver's message>`).
 */
function isDatabaseError(error: Record<string, unknown>, type: string): boolean {
  return (typeof error['code'] === 'string' && SQLSTATE.test(error['code']) && 'severity' in error) || /Exception$/.test(type);
}

/**
 * The driver's own words after knex's `<sql> - ` prefix, when the driver (not PostgreSQL) failed:
 * `Connection terminated unexpectedly`, `connect ECONNREFUSED 127.0.0.1:5432`. PostgreSQL's
 * messages are left out (the SQLSTATE says what they say, without the values).
 */
function driverMessage(error: Record<string, unknown>): string | undefined {
  const message = text(error['message']);
  if (!message || (typeof error['code'] === 'string' && SQLSTATE.test(error['code']))) return undefined;
  const own = message.slice(message.lastIndexOf(' - ') + 1).replace(/^- /, '');
  return safeText(own);
}

function describe(error: unknown, depth: number): LoggedError {
  if (!error || typeof error !== 'object') return { type: typeof error, message: safeText(String(error)) };
  const record = error as Record<string, unknown>;
  const type = text(record['name']) ?? text(record.constructor?.name) ?? 'Error';
  const database = isDatabaseError(record, type);
  const logged: LoggedError = { type };
  const message = database ? driverMessage(record) : text(record['message']) && safeText(record['message'] as string);
  if (message) logged.message = message;
  for (const field of ['code', 'severity', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine', 'syscall'] as const) {
    const value = text(record[field]);
    if (value) logged[field] = value;
  }
  if (typeof record['errno'] === 'number') logged.errno = record['errno'];
  const stack = framesOf(record['stack']);
  if (stack) logged.stack = stack;
  const cause = record['cause'] ?? record['originalError'];
  if (cause && depth < MAX_DEPTH) logged.cause = describe(cause, depth + 1);
  return logged;
}

/**
 * One line saying what failed, for a message: the driver's or the error's own words, or for a
 * database's error its type, SQLSTATE, table and constraint (a failed demo load once printed its
 * whole 166 KB insert, contacts' names and phone numbers included).
 */
export function errorSummary(error: unknown): string {
  const logged = describe(error, MAX_DEPTH);
  if (logged.message && logged.message !== WITHHELD) return logged.message;
  const where = [logged.table && `table ${logged.table}`, logged.constraint && `constraint ${logged.constraint}`]
    .filter(Boolean)
    .join(', ');
  return `${logged.type}${logged.code ? ` (code ${logged.code})` : ''}${where ? ` on ${where}` : ''}`;
}

/** pino's serializer for `err`: every error logged anywhere in the server goes through it. */
export const errorForLog = (error: unknown): LoggedError => describe(error, 0);
