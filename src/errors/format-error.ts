import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DriverException, ForeignKeyConstraintViolationException, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { literalFieldOf } from '../graphql/literal-field';
import { AppError, ErrorCode } from './app-error';
import { formattedServiceUnavailable, isDatabaseUnavailable } from './database-unavailable';

/** Codes produced by graphql-js and Apollo before any resolver runs: already safe to show. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** graphql-js stops coercing variables after 50 errors and adds this one, uncoded: the client's input still. */
const TOO_MANY_VARIABLE_ERRORS = 'Too many errors processing variables, error limit reached. Execution aborted.';

/**
 * `Variable "$input" got invalid value "x" at "input.code"; ...` -> `input.code`, and list
 * positions dotted as the services write them: `input.targetsWan[2]` -> `input.targetsWan.2`.
 */
function fieldOfVariableError(message: string): string | undefined {
  const at = /at "([^"]+)"/.exec(message);
  if (at?.[1]) return at[1].replace(/\[(\d+)\]/g, '.$1');
  const variable = /Variable "\$([^"]+)"/.exec(message);
  return variable?.[1];
}

/**
 * Maps what reaches the client: expected errors pass, an unreachable database is
 * SERVICE_UNAVAILABLE, database constraint violations and lost optimistic locks become CONFLICT,
 * and anything unknown is masked behind an id that is logged with its stack.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      // `http` (status, headers) is for the response itself, not for the client's error list.
      const { http: _http, ...extensions } = original.extensions;
      return { ...formatted, message: original.message, extensions };
    }
    // An outage is not a bug: the client retries (the transports set HTTP 503 and Retry-After).
    if (isDatabaseUnavailable(original)) return { ...formatted, ...formattedServiceUnavailable() };
    if (original instanceof UniqueConstraintViolationException) {
      return {
        ...formatted,
        message: 'A record with the same identity already exists',
        extensions: { code: ErrorCode.CONFLICT },
      };
    }
    // A versioned record changed between this request's read and its write: MikroORM's
    // `where version = ?` matched nothing, and nothing was written.
    if (original instanceof OptimisticLockError) {
      return {
        ...formatted,
        message: 'The record changed while this update was being made; reload it and try again',
        extensions: { code: ErrorCode.CONFLICT },
      };
    }
    // statement_timeout (GRAPHQL_REQUEST_TIMEOUT_MS) cancelled the query: PostgreSQL's query_canceled.
    if (original instanceof DriverException && original.code === '57014') {
      return {
        ...formatted,
        message: 'The operation took longer than the server allows and was cancelled; ask for less (a smaller page, fewer fields)',
        extensions: { code: ErrorCode.TIMEOUT },
      };
    }
    if (original instanceof ForeignKeyConstraintViolationException) {
      return {
        ...formatted,
        message: 'A referenced record does not exist or is still referenced',
        extensions: { code: ErrorCode.CONFLICT },
      };
    }
    if (formatted.message === TOO_MANY_VARIABLE_ERRORS) {
      return { ...formatted, message: 'Too many invalid values in the variables; the first 50 are listed', extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    const code = formatted.extensions?.['code'];
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      // A bad value written inline fails validation with a location only: name its argument too.
      const field =
        code === 'BAD_USER_INPUT'
          ? fieldOfVariableError(formatted.message)
          : code === 'GRAPHQL_VALIDATION_FAILED' && original instanceof GraphQLError
            ? literalFieldOf(original)
            : undefined;
      const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: field ? { ...extensions, field } : extensions };
    }
    const id = randomUUID();
    logger.error({ err: original, errorId: id, path: formatted.path }, 'unexpected error in GraphQL operation');
    return {
      message: `Internal error (id ${id})`,
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, errorId: id },
    };
  };
}
