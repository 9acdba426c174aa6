import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type NextFunction, type Request, type Response } from 'express';
import { getOperationAST, GraphQLError, OperationTypeNode, specifiedRules, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { admitConnection, closeReason, connectionToken } from './auth/admission';
import { ANONYMOUS_VIEWER, authenticate, bearerToken, isIntrospectionOnly } from './auth/authenticate';
import { TOKEN_REJECTIONS } from './auth/token-rejection';
import type { TokenVerifier } from './auth/token-verifier';
import type { Viewer } from './auth/viewer';
import type { Config } from './config';
import { createContext, type Context } from './context';
import { pendingMigrations } from './database';
import { DocumentCache } from './graphql/document-cache';
import { IDEMPOTENCY_EXTENSION } from './graphql/idempotency';
import { documentLimitsRule } from './graphql/limits';
import { RateLimiter } from './graphql/rate-limit';
import { graphqlOverHttpStatus } from './graphql/response-status';
import { refuseSubscriptionsOverHttp } from './graphql/subscriptions-over-http';
import { executeSent, subscribeSent, type Sender } from './graphql/scoped-execution';
import { scopedTransactions } from './graphql/scoped-transactions-plugin';
import { ShutdownDrain } from './graphql/shutdown-drain';
import { AppError, badUserInput, ErrorCode } from './errors/app-error';
import { createFormatError } from './errors/format-error';
import { TranslatedError } from './errors/translated-error';
import { graphqlIde } from './http/graphql-ide';
import { connectionLanguage, languageOf, type Language } from './language/language';
import { answerInRequestLanguage, requestLanguage } from './language/request-language';
import { homePage } from './http/home-page';
import { Housekeeping, HOUSEKEEPING_EVERY_MS } from './housekeeping/housekeeping';
import { idempotencyRetention } from './graphql/idempotency';
import { eventChanges } from './modules/live/change-fields';
import { createLoaders } from './modules/loaders';
import { JOBS } from './modules/registry';
import { ChangeRelay } from './realtime/change-relay';
import { changeRetention } from './realtime/change-retention';
import { Metrics } from './observability/metrics';
import { apolloLogger } from './observability/library-logs';
import { assignRequestId, requestLogging, requestRefused } from './observability/request-log';
import type { TenantLookup } from './auth/admission';

export const GRAPHQL_PATH = '/graphql';

export interface ServerDeps {
  readonly orm: MikroORM;
  readonly config: Config;
  readonly logger: Logger;
  readonly schema: GraphQLSchema;
  readonly verifier: TokenVerifier;
  readonly tenants: TenantLookup;
}

export interface AppServer {
  readonly httpServer: http.Server;
  /** Starts the change relay (live subscriptions), then accepts connections. */
  listen(port: number, host?: string): Promise<AddressInfo>;
  /**
   * Refuses new work for `drainMs` (503; /readyz too) with the listener still open, then stops
   * accepting, lets in-flight requests finish, closes sockets, stops the relay.
   */
  stop(options?: { drainMs?: number }): Promise<void>;
  /** Live subscriptions of this process that take events now (for metrics and tests). */
  liveStreamCount(): number;
}

/**
 * Ready while the database answers and every migration this code knows is applied. Reads the
 * migrations table directly: the application's role may read it but not create or change it.
 */
function readiness(orm: MikroORM) {
  let migrated = false;
  return async (): Promise<{ ready: boolean; reason?: string }> => {
    try {
      if (migrated) {
        await orm.em.fork().execute('select 1');
      } else {
        const pending = await pendingMigrations(orm.em.fork());
        if (pending.length > 0) return { ready: false, reason: `${pending.length} migration(s) pending` };
        migrated = true;
      }
      return { ready: true };
    } catch {
      return { ready: false, reason: 'database unreachable or not migrated' };
    }
  };
}

interface SocketExtra extends Record<PropertyKey, unknown> {
  readonly socket: WebSocket;
  readonly request: http.IncomingMessage;
  viewer?: Viewer;
  /** The connection's language (connectionLanguage), known once connection_init arrived. */
  language?: Language;
  expiryTimer?: NodeJS.Timeout;
}

const languageOfSocket = (extra: SocketExtra): Language => extra.language ?? languageOf(extra.request.headers['accept-language']);

/** Connections the kernel may queue before the server accepts them. */
const LISTEN_BACKLOG = 4096;

/** WebSocket close code 1013 (RFC 6455 registry): a temporary condition; reconnect later. */
const TRY_AGAIN_LATER = 1013;

/** How often Node checks that requests arrive within GRAPHQL_REQUEST_TIMEOUT_MS: the limit's precision. */
const REQUEST_TIMEOUT_CHECK_MS = 1000;

/** Largest delay setTimeout honours (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

const BODY_TOO_LARGE = { zh: '请求体过大', en: 'The request body is too large' };
const BODY_NOT_JSON = { zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' };
const INTERNAL_ERROR = { zh: '内部错误', en: 'Internal error' };

/** Express answers a malformed body with an HTML page by default; clients of a GraphQL API get JSON. */
function jsonBodyErrors(logger: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: number }).status ?? 500;
    if (status >= 500) logger.error({ err: error }, 'request failed before GraphQL');
    const message = (status === 413 ? BODY_TOO_LARGE : status < 500 ? BODY_NOT_JSON : INTERNAL_ERROR)[languageOf(req.headers['accept-language'])];
    res.status(status).json({
      errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }],
    });
  };
}

/** Builds the HTTP and WebSocket server. No side effects until `listen`. */
export async function createServer(serverDeps: ServerDeps): Promise<AppServer> {
  const { config, logger, schema } = serverDeps;
  const app = express();
  app.disable('x-powered-by');
  // A client that trickles its request in holds a connection: the whole request (headers and body)
  // must arrive in time. Node enforces both limits only when it checks its connections (every 30 s
  // by default), so it checks often enough for the limit to hold to about a second.
  const httpServer = http.createServer(
    {
      requestTimeout: config.graphql.requestTimeoutMs,
      headersTimeout: config.graphql.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(REQUEST_TIMEOUT_CHECK_MS, config.graphql.requestTimeoutMs),
    },
    app,
  );
  const drain = new ShutdownDrain();
  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH, verifyClient: drain.verifyUpgrade });
  const metrics = new Metrics({
    orm: serverDeps.orm,
    webSocketConnections: () => wsServer.clients.size,
    liveStreams: () => live.streamCount,
  });
  // One relay per process, living as long as the server: every replica reads the change outbox.
  const live = new ChangeRelay(
    serverDeps.orm,
    { pollMs: config.live.pollMs, eventChanges, onDelivered: (lag, streams) => metrics.eventDelivered(lag, streams) },
    logger,
    schema,
  );
  // The kernel's jobs, then the modules'; what a round announced is delivered right after it.
  const housekeeping = new Housekeeping(
    serverDeps.orm,
    [changeRetention(config.live.retentionHours), idempotencyRetention(config.idempotency.retentionHours), ...JOBS],
    logger,
    { firstRunMs: config.live.pollMs, everyMs: HOUSEKEEPING_EVERY_MS, afterRound: () => live.wake() },
  );
  const deps = { ...serverDeps, live, loaders: createLoaders };
  const formatError = createFormatError(logger);
  const rateLimiter = new RateLimiter(config.rateLimit);
  const limitsRule = documentLimitsRule({ ...config.graphql.limits, maxPageSize: config.graphql.maxPageSize });
  const documents = new DocumentCache(schema, {
    rules: [...specifiedRules, limitsRule],
    maxTokens: config.graphql.limits.maxTokens,
    hideSuggestions: config.graphql.hideSchemaDetails,
  });
  const contextFor = (viewer: Viewer, language: Language) => createContext(deps, viewer, language);
  const formatAll = (errors: readonly GraphQLError[], language: Language) => errors.map((e) => formatError(e.toJSON(), e, language));
  const wsCleanup = useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      schema,
      // Parsed and validated once per distinct document, with the same rules and codes as HTTP;
      // a bad document fails its own operation, never the socket and the other subscriptions on it.
      onSubscribe: (ctx, _id, payload) => {
        if (drain.active) return [drain.refusal()];
        try {
          rateLimiter.take(ctx.extra.viewer ?? ANONYMOUS_VIEWER, ctx.extra.request.socket.remoteAddress);
        } catch (error) {
          if (error instanceof AppError) return [error];
          throw error;
        }
        const prepared = documents.prepare(payload.query);
        if ('errors' in prepared) return [...prepared.errors];
        const operation = getOperationAST(prepared.document, payload.operationName);
        if (!operation) {
          const message = { zh: '无法确定要执行哪个操作：请用 operationName 指明', en: 'Could not tell which operation to run: name it with operationName' };
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
      },
      onError: (ctx, _id, _payload, errors) => formatAll(errors, languageOfSocket(ctx.extra)),
      // Each operation carries only its sender; contexts are made per use (see Sender). Live streams
      // count what the socket has not sent yet against LIVE_QUEUE_LIMIT_BYTES.
      context: (ctx): Sender => ({
        viewer: ctx.extra.viewer ?? ANONYMOUS_VIEWER,
        language: languageOfSocket(ctx.extra),
        socketBacklog: () => ctx.extra.socket.bufferedAmount,
      }),
      execute: executeSent(contextFor),
      subscribe: subscribeSent(contextFor),
      // A socket that never says connection_init is closed with 4408.
      connectionInitWaitTimeout: config.live.initTimeoutMs,
      // The token comes in connection_init's payload. A socket is refused (4403, with the message
      // HTTP would give) exactly when HTTP would refuse its requests with 401 or 403.
      onConnect: async (ctx) => {
        const language = (ctx.extra.language = connectionLanguage(ctx.connectionParams, ctx.extra.request.headers['accept-language']));
        try {
          const viewer = await admitConnection(deps, connectionToken(ctx.connectionParams));
          ctx.extra.viewer = viewer;
          if (viewer.expiresAt) {
            // An expired token must not keep a socket open: close with a code that says "authenticate again".
            const delay = Math.min(Math.max(viewer.expiresAt.getTime() - Date.now(), 0), MAX_TIMER_MS);
            ctx.extra.expiryTimer = setTimeout(() => ctx.extra.socket.close(CloseCode.Forbidden, TOKEN_REJECTIONS.TOKEN_EXPIRED[language]), delay);
            ctx.extra.socket.once('close', () => clearTimeout(ctx.extra.expiryTimer));
          }
          return true;
        } catch (error) {
          // graphql-ws then closes with a bare "Forbidden": the first close frame, ours, is the one sent.
          // The database away is no refusal: 1013 (Try Again Later), which clients retry.
          if (error instanceof AppError && error.code === ErrorCode.SERVICE_UNAVAILABLE) ctx.extra.socket.close(TRY_AGAIN_LATER, closeReason(error.text[language]));
          else if (error instanceof AppError) ctx.extra.socket.close(CloseCode.Forbidden, closeReason(error.text[language]));
          else {
            logger.error({ err: error }, 'a WebSocket connection could not be admitted');
            ctx.extra.socket.close(CloseCode.InternalServerError, 'Internal error');
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

  const apollo = new ApolloServer<Context>({
    schema,
    // Apollo formats without the request: its language comes from the request's async context.
    formatError: (formatted, error) => formatError(formatted, error, requestLanguage()),
    // Its own lines as JSON too, without the error text it writes into them.
    logger: apolloLogger(logger),
    introspection: config.graphql.introspection,
    includeStacktraceInErrorResponses: false,
    // The same limits as over graphql-ws (see DocumentCache above).
    validationRules: [limitsRule],
    parseOptions: { maxTokens: config.graphql.limits.maxTokens },
    allowBatchedHttpRequests: config.graphql.allowBatching,
    // Apollo would stop (and close the listener) on SIGTERM by itself outside NODE_ENV=test, before
    // the drain window: the process's own shutdown (main.ts) decides when the server stops.
    stopOnTerminationSignals: false,
    hideSchemaDetailsFromClientErrors: config.graphql.hideSchemaDetails,
    // Safe GETs (queries; Apollo refuses other operations over GET) need no preflight header: CSRF
    // needs credentials a browser adds by itself, and this API takes none (no cookies, no HTTP
    // auth), only an Authorization header that a cross-site form, image or link cannot send.
    csrfPrevention: false,
    plugins: [
      // First, so the request log records the status it sets.
      graphqlOverHttpStatus,
      requestLogging(logger, metrics),
      refuseSubscriptionsOverHttp(GRAPHQL_PATH),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Responses are per viewer and never cached; the default cache-control plugin would wrap
      // every field resolver to compute hints nobody reads (a measurable share of a dashboard read).
      ApolloServerPluginCacheControlDisabled(),
      // Sandbox loads from Apollo's CDN and reports usage to Apollo; browsers get GraphiQL (src/http/graphql-ide.ts).
      ApolloServerPluginLandingPageDisabled(),
      scopedTransactions,
      { serverWillStart: async () => ({ drainServer: async () => void (await wsCleanup.dispose()) }) },
    ],
  });
  await apollo.start();

  const isReady = readiness(deps.orm);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    // While stopping, the load balancer must send new work elsewhere.
    const state = drain.active ? { ready: false, reason: 'shutting down' } : await isReady();
    res.status(state.ready ? 200 : 503).json({ status: state.ready ? 'ready' : 'not ready', reason: state.reason });
  });
  // Prometheus scrapes each replica here; the Ingress exposes only /graphql (see the Helm chart).
  app.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metrics.text();
    res.type(contentType).send(body);
  });
  app.get('/', homePage({ endpoint: GRAPHQL_PATH, hasIde: config.graphql.ide }));
  if (config.graphql.ide) app.use(graphqlIde({ endpoint: GRAPHQL_PATH, hasDevelopmentTokens: config.devRealm !== undefined }));
  app.use(
    GRAPHQL_PATH,
    assignRequestId,
    express.json({ limit: config.graphql.maxBodyBytes }),
    answerInRequestLanguage,
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          if (drain.active) throw drain.refusal();
          const token = bearerToken(req.headers.authorization);
          const body = req.body as { query?: unknown } | undefined;
          // Without a token only the schema may be read, and only where introspection is on.
          const viewer =
            !token && config.graphql.introspection && isIntrospectionOnly(body?.query, config.graphql.limits.maxTokens)
              ? ANONYMOUS_VIEWER
              : await authenticate(deps.verifier, token);
          rateLimiter.take(viewer, req.ip);
          return await createContext(deps, viewer, requestLanguage());
        } catch (error) {
          if (error instanceof AppError) requestRefused(logger, metrics, req, error.code);
          throw error;
        }
      },
    }),
  );
  app.use(jsonBodyErrors(logger));

  return {
    httpServer,
    liveStreamCount: () => live.streamCount,
    async listen(port, host) {
      await live.start();
      housekeeping.start();
      try {
        return await new Promise<AddressInfo>((resolve, reject) => {
          httpServer.once('error', reject);
          // When a replica stops, its dashboards (thousands on a wall of screens) reconnect to the
          // others at once; Node's default queue of 511 pending connections would reset some.
          // The kernel caps the figure at net.core.somaxconn.
          httpServer.listen({ port, host, backlog: LISTEN_BACKLOG }, () => resolve(httpServer.address() as AddressInfo));
        });
      } catch (error) {
        await housekeeping.stop();
        await live.stop();
        throw error;
      }
    },
    async stop({ drainMs = 0 } = {}) {
      await drain.run(drainMs);
      // Tell live clients to reconnect (to another replica) before draining: 1012 Service Restart.
      for (const socket of wsServer.clients) socket.close(1012, 'Service restarting: reconnect');
      await apollo.stop();
      await housekeeping.stop();
      await live.stop();
    },
  };
}
