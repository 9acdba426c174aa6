import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { Context } from '../context';
import type { Metrics } from './metrics';

/** The id a request carries through the logs: the caller's `x-request-id` when well formed, else ours. */
export const REQUEST_ID_HEADER = 'x-request-id';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The request's id, given to it once (in the request headers Apollo sees, and in the response):
 * the caller's when well formed, else a new one.
 */
export function requestIdFor(req: http.IncomingMessage, res: http.ServerResponse): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  req.headers[REQUEST_ID_HEADER] = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/**
 * A request refused before any operation ran (no token, rate limited): Apollo's plugins never see
 * it, so it is logged and counted here.
 */
export function requestRefused(
  logger: Logger,
  metrics: Metrics,
  request: { operationName: unknown; requestId: string },
  code: string,
): void {
  const name = typeof request.operationName === 'string' ? request.operationName : undefined;
  metrics.operationAnswered({ name, type: undefined, transport: 'http', errorCodes: [code] });
  logger.info({ requestId: request.requestId, operation: name, errorCodes: [code] }, 'graphql request refused');
}

/**
 * One structured log line and the metrics of every HTTP operation: request id, viewer subject and
 * tenant, operation name and type, duration, status and error codes. Never the document, the
 * variables, a token or a name: they may carry personal data.
 */
export function requestLogging(logger: Logger, metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    // A plugin hook threw: Apollo answers 500 and logs only its own words (see apolloLogger); the error is logged here.
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      logger.error(
        { err: error, requestId: requestContext.request.http?.headers.get(REQUEST_ID_HEADER) },
        'unexpected error processing a GraphQL request',
      );
    },
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ contextValue, operation, operationName, request, response }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const errorCodes = errors.map((e) => String(e.extensions?.['code'] ?? 'UNKNOWN'));
          metrics.operationAnswered({ name: operationName, type: operation?.operation, transport: 'http', seconds, errorCodes });
          logger.info(
            {
              requestId: request.http?.headers.get(REQUEST_ID_HEADER),
              subject: contextValue.viewer.subject || undefined,
              tenant: contextValue.viewer.tenantCode,
              operation: operationName ?? undefined,
              type: operation?.operation,
              status: response.http.status ?? 200,
              durationMs: Math.round(seconds * 10_000) / 10,
              ...(errorCodes.length > 0 ? { errorCodes } : {}),
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
