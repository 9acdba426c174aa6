import type { GraphQLFormattedError } from 'graphql';
import type { Language } from '../language/language';
import { unavailable, type AppError } from './app-error';

/**
 * How long a client is told to wait before retrying while the database is away. A failover or a
 * restart of PostgreSQL takes seconds; asking sooner only adds load to a server coming back.
 */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/**
 * SQLSTATEs that say "the database cannot serve you now", not "your request is wrong":
 * connection exceptions (class 08), an administrator's or a crash's shutdown and a server still
 * starting (57P01-57P03), too many connections (53300), and a write reaching a server that has
 * become a read-only standby during a failover (25006; the application's own read-only
 * transactions serve queries, which never write).
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '25006']);
const CONNECTION_EXCEPTION_CLASS = '08';

/** Node's socket errors on the way to the database: refused, reset, timed out, unreachable, name lookup failed. */
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * What pg, pg-pool and knex say when the connection went away or never came: these carry no code.
 * knex prefixes a failed statement's text to the driver's message, so they are matched anywhere
 * in it.
 */
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /timeout exceeded when trying to connect/i,
  /Timeout acquiring a connection/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

/** The errors an error wraps (MikroORM's DriverException, GraphQL's originalError, `cause`), itself first. */
function* chainOf(error: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  let queue: unknown[] = [error];
  while (queue.length > 0) {
    const next: unknown[] = [];
    for (const item of queue) {
      if (!item || typeof item !== 'object' || seen.has(item)) continue;
      seen.add(item);
      const record = item as Record<string, unknown>;
      yield record;
      next.push(record['originalError'], record['cause'], ...(Array.isArray(record['errors']) ? record['errors'] : []));
    }
    queue = next;
  }
}

function saysUnavailable(error: Record<string, unknown>): boolean {
  if (error['name'] === 'KnexTimeoutError') return true;
  const code = error['code'];
  if (typeof code === 'string') {
    if (UNAVAILABLE_NODE_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code)) return true;
    // SQLSTATEs are five characters; node's codes (E...) and ours (UPPER_CASE) never look like one.
    if (/^[0-9A-Z]{5}$/.test(code) && code.startsWith(CONNECTION_EXCEPTION_CLASS)) return true;
    // A known SQLSTATE that is not an outage (a constraint, a cancelled statement): look no further.
    if (/^[0-9A-Z]{5}$/.test(code)) return false;
  }
  const message = error['message'];
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}

/**
 * Whether an error means the database is unreachable or refusing work for now (down, restarting,
 * failing over, out of connections), so that the same request will succeed later. The one place
 * that decides it: every transport answers these with SERVICE_UNAVAILABLE.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const link of chainOf(error)) if (saysUnavailable(link)) return true;
  return false;
}

/** HTTP 503 with Retry-After; `extensions.retryAfterSeconds` says the same to graphql-ws clients. */
export const serviceUnavailable = (): AppError =>
  unavailable(
    {
      zh: `服务暂时无法连接数据库，请 ${OUTAGE_RETRY_AFTER_SECONDS} 秒后重试。变更操作请携带 Idempotency-Key 发送，以免重试时重复执行`,
      en: `The service cannot reach its database right now; retry in ${OUTAGE_RETRY_AFTER_SECONDS} s. Send a mutation with an Idempotency-Key, so that retrying it never applies it twice`,
    },
    OUTAGE_RETRY_AFTER_SECONDS,
  );

export const unavailableOr = (error: unknown): unknown => (isDatabaseUnavailable(error) ? serviceUnavailable() : error);

/** The error as a client reading `language` receives it (what formatError makes of any outage). */
export function formattedServiceUnavailable(language: Language): GraphQLFormattedError {
  return serviceUnavailable().shownIn(language);
}
