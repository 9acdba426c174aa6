import type { Language } from '../language/language';
import type { Message } from '../language/message';
import { RECORD_NAMES, type RecordKind } from './record-names';
import { TranslatedError } from './translated-error';

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

/** One problem of an input (see InputProblems): where, and what is wrong there. */
export interface InputProblem {
  /** Dotted path of the argument at fault, e.g. `input.plannedCompletionOn`. */
  readonly field: string;
  readonly message: Message;
}

/**
 * An expected failure: its code and extensions reach the client unchanged, its message in the
 * request's language (formatError), and so do the messages of `extensions.problems`.
 */
export class AppError extends TranslatedError {
  constructor(
    readonly code: ErrorCode,
    message: Message,
    extensions: AppErrorExtensions = {},
    readonly problems: readonly InputProblem[] = [],
  ) {
    const shown = problems.length > 0 ? { problems: problems.map((p) => ({ field: p.field, message: p.message.en })) } : {};
    super(message, { extensions: { ...extensions, ...shown, code } });
    this.name = 'AppError';
  }

  /** The message and extensions a client reading `language` receives; `http` is for the response itself. */
  shownIn(language: Language): { message: string; extensions: Record<string, unknown> } {
    const { http: _http, ...extensions } = this.extensions;
    if (this.problems.length > 0) extensions['problems'] = this.problems.map((p) => ({ field: p.field, message: p.message[language] }));
    return { message: this.text[language], extensions };
  }
}

export function badUserInput(field: string, message: Message): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, message, { field });
}

/** Also the answer for records outside the viewer's reach: no one learns that they exist. */
export function notFound(entity: RecordKind, id: string): AppError {
  const name = RECORD_NAMES[entity].zh;
  return new AppError(ErrorCode.NOT_FOUND, { zh: `未找到${name} ${id}`, en: `${entity} ${id} was not found` }, { entity, id });
}

export function conflict(message: Message, extensions: AppErrorExtensions = {}): AppError {
  return new AppError(ErrorCode.CONFLICT, message, extensions);
}

/** The service takes no work for now (HTTP 503 with Retry-After): the client retries the same request. */
export const unavailable = (message: Message, retryAfterSeconds: number): AppError =>
  new AppError(ErrorCode.SERVICE_UNAVAILABLE, message, {
    retryAfterSeconds,
    http: { status: 503, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
  });

export function forbidden(message: Message): AppError {
  return new AppError(ErrorCode.FORBIDDEN, message);
}
