import type http from 'node:http';
import { getOperationAST, GraphQLError, OperationTypeNode, specifiedRules, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { CloseCode, type SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeReason, connectionToken } from '../auth/admission';
import { ANONYMOUS_VIEWER } from '../auth/authenticate';
import { TOKEN_REJECTIONS } from '../auth/token-rejection';
import type { Viewer } from '../auth/viewer';
import { AppError, badUserInput, ErrorCode } from '../errors/app-error';
import { TranslatedError } from '../errors/translated-error';
import { DocumentCache } from '../graphql/document-cache';
import { IDEMPOTENCY_EXTENSION } from '../graphql/idempotency';
import { executeSent, subscribeSent, type Sender } from '../graphql/scoped-execution';
import type { ShutdownDrain } from '../graphql/shutdown-drain';
import { connectionLanguage, languageOf, type Language } from '../language/language';
import type { Message } from '../language/message';
import type { Metrics } from '../observability/metrics';
import type { GraphqlTransportDeps } from './graphql-transport';
import { GRAPHQL_PATH } from './paths';
import { preparedSend } from './prepared-send';

interface SocketExtra extends Record<PropertyKey, unknown> {
  readonly socket: WebSocket;
  readonly request: http.IncomingMessage;
  viewer?: Viewer;
  /** The connection's language (connectionLanguage), known once connection_init arrived. */
  language?: Language;
  expiryTimer?: NodeJS.Timeout;
}

/** Close reasons a client may show its user. */
const CLOSE_REASONS = {
  internal: { zh: '内部错误', en: 'Internal error' },
  restart: { zh: '服务重启：请重新连接', en: 'Service restarting: reconnect' },
} as const satisfies Record<string, Message>;

const languageOfSocket = (extra: SocketExtra): Language => extra.language ?? languageOf(extra.request.headers['accept-language']);

/** WebSocket close code 1013 (RFC 6455 registry): a temporary condition; reconnect later. */
const TRY_AGAIN_LATER = 1013;

/** WebSocket close code 1012 (RFC 6455 registry): the service restarts; reconnect (to another replica). */
const SERVICE_RESTART = 1012;

/** Largest delay setTimeout honours (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface WebSocketTransportDeps extends GraphqlTransportDeps {
  /** Refuses upgrades while the server drains. */
  readonly drain: ShutdownDrain;
}

export interface WebSocketTransport {
  /** Open sockets (for metrics). */
  readonly connectionCount: number;
  /** Tells every client to reconnect, to another replica: the first step of a shutdown after the drain window. */
  restartAll(): void;
  /** Closes the sockets and stops accepting new ones. */
  dispose(): Promise<void>;
}

/**
 * What HTTP's Apollo does for a document before executing it, over a socket: parse and validate
 * (once per distinct document, with the same rules and codes as HTTP), pick the operation, refuse
 * an idempotency key (honoured over HTTP only), count it. A bad document fails its own operation,
 * never the socket and the other subscriptions on it.
 */
function operationPreparer(schema: GraphQLSchema, documents: DocumentCache, metrics: Metrics) {
  return (payload: SubscribePayload) => {
    const prepared = documents.prepare(payload.query);
    if ('errors' in prepared) return [...prepared.errors];
    const operation = getOperationAST(prepared.document, payload.operationName);
    if (!operation) {
      const message = {
        zh: '无法确定要执行哪个操作：请用 operationName 指明',
        en: 'Could not tell which operation to run: name it with operationName',
      };
      return [new TranslatedError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
    }
    // The answer is kept for retries over HTTP only: a key must never be silently ignored.
    if (operation.operation === OperationTypeNode.MUTATION && payload.extensions?.[IDEMPOTENCY_EXTENSION] !== undefined) {
      const message = {
        zh: '幂等键只在 HTTP 上生效：请以 POST 发送此变更，并带上 Idempotency-Key 请求头',
        en: 'Idempotency keys are honoured over HTTP: send this mutation as a POST with an Idempotency-Key header',
      };
      return [badUserInput(IDEMPOTENCY_EXTENSION, message)];
    }
    metrics.operationAnswered({ name: payload.operationName, type: operation.operation, transport: 'ws', errorCodes: [] });
    return { schema, document: prepared.document, operationName: payload.operationName, variableValues: payload.variables };
  };
}

/** GraphQL over graphql-ws at GRAPHQL_PATH, on the HTTP server's port. */
export function graphqlOverWebSocket(deps: WebSocketTransportDeps): WebSocketTransport {
  const { schema, config, logger, gate, drain, formatError } = deps;
  // No extension (permessage-deflate is ws's default off, said here because preparedSend relies on it).
  const wsServer = new WebSocketServer({
    server: deps.httpServer,
    path: GRAPHQL_PATH,
    verifyClient: drain.verifyUpgrade,
    perMessageDeflate: false,
  });
  const documents = new DocumentCache(schema, {
    rules: [...specifiedRules, deps.limitsRule],
    maxTokens: config.graphql.limits.maxTokens,
    hideSuggestions: config.graphql.hideSchemaDetails,
  });
  const prepare = operationPreparer(schema, documents, deps.metrics);
  const formatAll = (errors: readonly GraphQLError[], language: Language) => errors.map((e) => formatError(e.toJSON(), e, language));
  const cleanup = useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      schema,
      onSubscribe: (ctx, _id, payload) => {
        try {
          gate.operation(ctx.extra.viewer ?? ANONYMOUS_VIEWER, ctx.extra.request.socket.remoteAddress);
        } catch (error) {
          if (error instanceof AppError) return [error];
          throw error;
        }
        return prepare(payload);
      },
      onError: (ctx, _id, _payload, errors) => formatAll(errors, languageOfSocket(ctx.extra)),
      // Each operation carries only its sender; contexts are made per use (see Sender). Live streams
      // count what the socket has not sent yet against LIVE_QUEUE_LIMIT_BYTES.
      context: (ctx, id): Sender => ({
        viewer: ctx.extra.viewer ?? ANONYMOUS_VIEWER,
        language: languageOfSocket(ctx.extra),
        socketBacklog: () => ctx.extra.socket.bufferedAmount,
        sendPrepared: preparedSend(ctx.extra.socket, id),
      }),
      execute: executeSent(gate.contextFor),
      subscribe: subscribeSent(gate.contextFor),
      // A socket that never says connection_init is closed with 4408.
      connectionInitWaitTimeout: config.live.initTimeoutMs,
      // The token comes in connection_init's payload. A socket is refused (4403, with the message
      // HTTP would give) exactly when HTTP would refuse its requests with 401 or 403.
      onConnect: async (ctx) => {
        const language = (ctx.extra.language = connectionLanguage(ctx.connectionParams, ctx.extra.request.headers['accept-language']));
        try {
          const viewer = await gate.connection(connectionToken(ctx.connectionParams));
          ctx.extra.viewer = viewer;
          if (viewer.expiresAt) {
            // An expired token must not keep a socket open: close with a code that says "authenticate again".
            const delay = Math.min(Math.max(viewer.expiresAt.getTime() - Date.now(), 0), MAX_TIMER_MS);
            ctx.extra.expiryTimer = setTimeout(
              () => ctx.extra.socket.close(CloseCode.Forbidden, TOKEN_REJECTIONS.TOKEN_EXPIRED[language]),
              delay,
            );
            ctx.extra.socket.once('close', () => clearTimeout(ctx.extra.expiryTimer));
          }
          return true;
        } catch (error) {
          // graphql-ws then closes with a bare "Forbidden": the first close frame, ours, is the one sent.
          // The database away is no refusal: 1013 (Try Again Later), which clients retry.
          if (error instanceof AppError && error.code === ErrorCode.SERVICE_UNAVAILABLE)
            ctx.extra.socket.close(TRY_AGAIN_LATER, closeReason(error.text[language]));
          else if (error instanceof AppError) ctx.extra.socket.close(CloseCode.Forbidden, closeReason(error.text[language]));
          else {
            logger.error({ err: error }, 'a WebSocket connection could not be admitted');
            ctx.extra.socket.close(CloseCode.InternalServerError, closeReason(CLOSE_REASONS.internal[language]));
          }
          return false;
        }
      },
      // The same error mapping as HTTP: nothing unknown leaks over the socket either.
      onNext: (ctx, _id, _payload, _args, result) => {
        const errors = (result as ExecutionResult).errors;
        if (!errors?.length) return result;
        return { ...result, errors: formatAll(errors, languageOfSocket(ctx.extra)) } as unknown as typeof result;
      },
    },
    wsServer,
  );
  return {
    get connectionCount() {
      return wsServer.clients.size;
    },
    restartAll() {
      // A socket's language lives in graphql-ws's context, out of reach here: both, Chinese first.
      for (const socket of wsServer.clients)
        socket.close(SERVICE_RESTART, closeReason(`${CLOSE_REASONS.restart.zh} (${CLOSE_REASONS.restart.en})`));
    },
    dispose: async () => void (await cleanup.dispose()),
  };
}
