import { GraphQLError } from 'graphql';

/**
 * The fixed set of codes a client may see, besides GraphQL's own parse and validation codes.
 * Integrators branch on these, so they never change meaning.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  /** A live stream's `after` cursor is older than the events kept: reload, then subscribe afresh. */
  CURSOR_EXPIRED: 'CURSOR_EXPIRED',
  /** A subscriber fell too far behind; its stream ended. Resume with `after:` the last cursor received. */
  SLOW_CONSUMER: 'SLOW_CONSUMER',
  /** Too many requests from this viewer; wait as long as `extensions.retryAfterSeconds` (HTTP 429, Retry-After). */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The operation ran longer than the server allows and was cancelled; nothing it did was kept. */
  TIMEOUT: 'TIMEOUT',
  /**
   * The service takes no work for now: HTTP 503 with Retry-After and `extensions.retryAfterSeconds`.
   * Either the database is unreachable (down, restarting, failing over, out of connections) or this
   * replica is shutting down (another replica answers). Retry the same request later; a mutation
   * retried with the same Idempotency-Key is applied at most once.
   */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface AppErrorExtensions {
  /** Dotted path of the input field at fault, e.g. `input.code`. */
  field?: string;
  [key: string]: unknown;
}

/** An expected failure: its message and code reach the client unchanged. */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extensions: AppErrorExtensions = {},
  ) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'AppError';
  }
}

export const badUserInput = (field: string, message: string): AppError =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, { field });

/** Also the answer for records outside the viewer's reach: no one learns that they exist. */
export const notFound = (entity: string, id: string): AppError =>
  new AppError(ErrorCode.NOT_FOUND, `${entity} ${id} was not found`, { entity, id });

export const conflict = (message: string, extensions: AppErrorExtensions = {}): AppError =>
  new AppError(ErrorCode.CONFLICT, message, extensions);

/** The service takes no work for now (HTTP 503 with Retry-After): the client retries the same request. */
export const unavailable = (message: string, retryAfterSeconds: number): AppError =>
  new AppError(ErrorCode.SERVICE_UNAVAILABLE, message, {
    retryAfterSeconds,
    http: { status: 503, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
  });

export const forbidden = (message: string): AppError => new AppError(ErrorCode.FORBIDDEN, message);
