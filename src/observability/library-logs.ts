import type { Logger } from 'pino';
import { safeText } from './error-log';

/**
 * The libraries that would print plain text to the console (Apollo Server, knex) log through pino
 * instead, as JSON, and only their own words: both write errors into their text, and a database
 * error's text quotes the statement with its values.
 */

/** The logger Apollo Server accepts (its `logger` option). */
type ApolloLogger = Record<'debug' | 'info' | 'warn' | 'error', (message?: unknown) => void>;

/** Apollo's words before the error it appends (`Unexpected error processing request: ${error}`). */
const ownWords = (message: unknown) => safeText(String(message).split(': ', 1)[0] ?? '');

/**
 * Apollo Server's own log lines. The error behind "Unexpected error processing request" is logged
 * by requestLogging's unexpectedErrorProcessingRequest hook, through errorForLog.
 */
export function apolloLogger(logger: Logger): ApolloLogger {
  const log = { component: 'apollo' };
  return {
    debug: (message) => logger.debug(log, ownWords(message)),
    info: (message) => logger.info(log, ownWords(message)),
    warn: (message) => logger.warn(log, ownWords(message)),
    error: (message) => logger.error(log, ownWords(message)),
  };
}

/**
 * knex's log (its `log` option), which would print `Connection Error: …` for every pooled
 * connection an outage ends. Without a logger (scripts, tests) those lines are dropped: the same
 * failure reaches the caller as an error.
 */
export function knexLog(logger: Logger | undefined): Record<'debug' | 'warn' | 'error' | 'deprecate', (message: unknown) => void> {
  const log = { component: 'knex' };
  const text = (message: unknown) => safeText(typeof message === 'string' ? message : String(message));
  return {
    debug: (message) => logger?.debug(log, text(message)),
    warn: (message) => logger?.warn(log, text(message)),
    error: (message) => logger?.error(log, text(message)),
    deprecate: (message) => logger?.warn(log, text(message)),
  };
}

/**
 * The embedded PostgreSQL's own log (debug level). PostgreSQL follows a failed statement's error
 * with `STATEMENT:` (the statement, values inline) and often `DETAIL:` (`Key (code)=(…)`): those
 * lines are left out, the others kept one JSON line each.
 */
export function postgresServerLog(logger: Logger, chunk: string): void {
  for (const line of chunk.split('\n')) {
    if (line.trim() === '' || /\b(STATEMENT|DETAIL|CONTEXT|QUERY):/.test(line)) continue;
    logger.debug({ postgres: safeText(line) });
  }
}
