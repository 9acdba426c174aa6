import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { bearerToken } from '../auth/authenticate';
import type { Config } from '../config';
import type { Context } from '../context';
import { AppError } from '../errors/app-error';
import { graphqlOverHttpStatus } from '../graphql/response-status';
import { scopedTransactions } from '../graphql/scoped-transactions-plugin';
import { refuseSubscriptionsOverHttp } from '../graphql/subscriptions-over-http';
import { languageOf } from '../language/language';
import { answerInRequestLanguage, requestLanguage } from '../language/request-language';
import { apolloLogger } from '../observability/library-logs';
import { assignRequestId, requestLogging, requestRefused } from '../observability/request-log';
import type { GraphqlTransportDeps } from './graphql-transport';
import { GRAPHQL_PATH } from './paths';

/** How often Node checks that requests arrive within GRAPHQL_REQUEST_TIMEOUT_MS: the limit's precision. */
const REQUEST_TIMEOUT_CHECK_MS = 1000;

/** The Node HTTP server every transport shares (graphql-ws upgrades its connections). */
export function createHttpServer(app: Express, config: Config): http.Server {
  // A client that trickles its request in holds a connection: the whole request (headers and body)
  // must arrive in time. Node enforces both limits only when it checks its connections (every 30 s
  // by default), so it checks often enough for the limit to hold to about a second.
  return http.createServer(
    {
      requestTimeout: config.graphql.requestTimeoutMs,
      headersTimeout: config.graphql.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(REQUEST_TIMEOUT_CHECK_MS, config.graphql.requestTimeoutMs),
    },
    app,
  );
}

const BODY_TOO_LARGE = { zh: '请求体过大', en: 'The request body is too large' };
const BODY_NOT_JSON = { zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' };
const INTERNAL_ERROR = { zh: '内部错误', en: 'Internal error' };

/** Express answers a malformed body with an HTML page by default; clients of a GraphQL API get JSON. */
export function jsonBodyErrors(logger: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: number }).status ?? 500;
    if (status >= 500) logger.error({ err: error }, 'request failed before GraphQL');
    const message = (status === 413 ? BODY_TOO_LARGE : status < 500 ? BODY_NOT_JSON : INTERNAL_ERROR)[
      languageOf(req.headers['accept-language'])
    ];
    res.status(status).json({
      errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }],
    });
  };
}

export interface HttpTransportDeps extends GraphqlTransportDeps {
  readonly app: Express;
  /** Run when Apollo drains the HTTP server on stop: the WebSocket transport's sockets go with it. */
  readonly onDrain: () => Promise<void>;
}

/** GraphQL over HTTP (Apollo Server on Express) at GRAPHQL_PATH; stopping the returned server drains it. */
export async function graphqlOverHttp(deps: HttpTransportDeps): Promise<ApolloServer<Context>> {
  const { app, httpServer, schema, config, logger, metrics, gate, formatError } = deps;
  const apollo = new ApolloServer<Context>({
    schema,
    // Apollo formats without the request: its language comes from the request's async context.
    formatError: (formatted, error) => formatError(formatted, error, requestLanguage()),
    // Its own lines as JSON too, without the error text it writes into them.
    logger: apolloLogger(logger),
    introspection: config.graphql.introspection,
    includeStacktraceInErrorResponses: false,
    // The same limits as over graphql-ws (see DocumentCache in ws.ts).
    validationRules: [deps.limitsRule],
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
      // Sandbox loads from Apollo's CDN and reports usage to Apollo; browsers get GraphiQL (transport/pages/graphql-ide.ts).
      ApolloServerPluginLandingPageDisabled(),
      scopedTransactions,
      { serverWillStart: async () => ({ drainServer: deps.onDrain }) },
    ],
  });
  await apollo.start();
  app.use(
    GRAPHQL_PATH,
    assignRequestId,
    express.json({ limit: config.graphql.maxBodyBytes }),
    answerInRequestLanguage,
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          const body = req.body as { query?: unknown; operationName?: unknown } | undefined;
          const token = bearerToken(req.headers.authorization);
          const arrival = { token, query: body?.query, operationName: body?.operationName, address: req.ip, language: requestLanguage() };
          return await gate.request(arrival);
        } catch (error) {
          if (error instanceof AppError) requestRefused(logger, metrics, req, error.code);
          throw error;
        }
      },
    }),
  );
  return apollo;
}
