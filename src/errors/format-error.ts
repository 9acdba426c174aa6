import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  DriverException,
  ForeignKeyConstraintViolationException,
  OptimisticLockError,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import type { Logger } from 'pino';
import { literalFieldOf } from '../graphql/literal-field';
import { requestErrorMessage } from '../language/graphql-messages';
import type { Language } from '../language/language';
import type { Message } from '../language/message';
import { AppError, ErrorCode } from './app-error';
import { formattedServiceUnavailable, isDatabaseUnavailable } from './database-unavailable';
import { translatedErrorIn } from './translated-error';
import { variableProblem } from './variable-problem';

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

/** What the client reads for the errors formatError maps, in each language. */
const MAPPED = {
  duplicate: { zh: '已存在相同标识的记录', en: 'A record with the same identity already exists' },
  changedMeanwhile: {
    zh: '记录在本次修改期间已被他人更改：请重新读取后再试',
    en: 'The record changed while this update was being made; reload it and try again',
  },
  timeout: {
    zh: '操作耗时超过服务器允许的时长，已取消：请减少请求的数据（更小的分页、更少的字段）',
    en: 'The operation took longer than the server allows and was cancelled; ask for less (a smaller page, fewer fields)',
  },
  collided: {
    zh: '与同一时刻的其他修改相互冲突，本次未作任何更改：请直接重试',
    en: 'This change collided with another made at the same moment and nothing was changed; try again',
  },
  reference: { zh: '引用的记录不存在，或仍被其他记录引用', en: 'A referenced record does not exist or is still referenced' },
  tooManyVariableErrors: {
    zh: '变量中无效的值过多：只列出前 50 个',
    en: 'Too many invalid values in the variables; the first 50 are listed',
  },
} as const satisfies Record<string, Message>;

const internalError = (id: string): Message => ({ zh: `内部错误（编号 ${id}）`, en: `Internal error (id ${id})` });

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
 * Maps what reaches the client, in the request's language: expected errors pass, an unreachable
 * database is SERVICE_UNAVAILABLE, database constraint violations and lost optimistic locks become
 * CONFLICT, and anything unknown is masked behind an id that is logged with its stack. Codes,
 * fields and reasons are the same in every language. With the schema, a variable that did not
 * coerce is said in a form's words (the field's Chinese name; see variable-problem.ts).
 */
export function createFormatError(logger: Logger, schema?: GraphQLSchema) {
  return (formatted: GraphQLFormattedError, error: unknown, language: Language): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) return { ...formatted, ...original.shownIn(language) };
    // An outage is not a bug: the client retries (the transports set HTTP 503 and Retry-After).
    if (isDatabaseUnavailable(original)) return { ...formatted, ...formattedServiceUnavailable(language) };
    if (original instanceof UniqueConstraintViolationException) {
      return {
        ...formatted,
        message: MAPPED.duplicate[language],
        extensions: { code: ErrorCode.CONFLICT },
      };
    }
    // A versioned record changed between this request's read and its write: MikroORM's
    // `where version = ?` matched nothing, and nothing was written.
    if (original instanceof OptimisticLockError) {
      return {
        ...formatted,
        message: MAPPED.changedMeanwhile[language],
        extensions: { code: ErrorCode.CONFLICT },
      };
    }
    // statement_timeout (GRAPHQL_REQUEST_TIMEOUT_MS) cancelled the query: PostgreSQL's query_canceled.
    if (original instanceof DriverException && original.code === '57014') {
      return {
        ...formatted,
        message: MAPPED.timeout[language],
        extensions: { code: ErrorCode.TIMEOUT },
      };
    }
    // PostgreSQL broke a deadlock (40P01) or refused a serialization (40001) by rolling this
    // transaction back: nothing was written, and the same request will most likely pass now.
    if (original instanceof DriverException && (original.code === '40P01' || original.code === '40001')) {
      return {
        ...formatted,
        message: MAPPED.collided[language],
        extensions: { code: ErrorCode.CONFLICT, retryable: true },
      };
    }
    if (original instanceof ForeignKeyConstraintViolationException) {
      return {
        ...formatted,
        message: MAPPED.reference[language],
        extensions: { code: ErrorCode.CONFLICT },
      };
    }
    if (formatted.message === TOO_MANY_VARIABLE_ERRORS) {
      return { ...formatted, message: MAPPED.tooManyVariableErrors[language], extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    const code = formatted.extensions?.['code'];
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      const inner = translatedErrorIn(error)?.text;
      const variable =
        code === 'BAD_USER_INPUT' && schema && original instanceof GraphQLError ? variableProblem(schema, original, inner) : undefined;
      // A bad value written inline fails validation with a location only: name its argument too.
      const field =
        code === 'BAD_USER_INPUT'
          ? (variable?.field ?? fieldOfVariableError(formatted.message))
          : code === 'GRAPHQL_VALIDATION_FAILED' && original instanceof GraphQLError
            ? literalFieldOf(original)
            : undefined;
      const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
      // graphql-js writes these in English, around this server's own text when it wraps one.
      const message = language === 'zh' && variable?.zh ? variable.zh : requestErrorMessage(formatted.message, code, language, inner);
      return { ...formatted, message, extensions: field ? { ...extensions, field } : extensions };
    }
    const id = randomUUID();
    logger.error({ err: original, errorId: id, path: formatted.path }, 'unexpected error in GraphQL operation');
    return {
      message: internalError(id)[language],
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, errorId: id },
    };
  };
}
