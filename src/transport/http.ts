import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Context } from '../context';
import { graphqlOverHttpStatus } from '../graphql/response-status';
import { scopedTransactions } from '../graphql/scoped-transactions-plugin';
import { refuseSubscriptionsOverHttp } from '../graphql/subscriptions-over-http';
import { languageOf } from '../language/language';
import { languageToShow } from '../language/request-language';
import { apolloLogger } from '../observability/library-logs';
import { requestIdFor, requestLogging } from '../observability/request-log';
import { bodyErrorAnswer, GraphqlHttpHandler } from './graphql-http-handler';
import type { GraphqlTransportDeps } from './graphql-transport';
import { errorsInRequestLanguage, refusalsInRequestLanguage } from './http-error-language';
import { GRAPHQL_PATH } from './paths';

/** How often Node checks that requests arrive within GRAPHQL_REQUEST_TIMEOUT_MS: the limit's precision. */
const REQUEST_TIMEOUT_CHECK_MS = 1000;

/** What answers a request before Express, when it can: true when it took the request. */
export interface FrontHandler {
  take?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
}

/**
 * The Node HTTP server every transport shares (graphql-ws upgrades its connections). `front` (set
 * once GraphQL is up: see graphqlOverHttp) sees each request first; Express the rest.
 */
export function createHttpServer(app: Express, config: Config, front: FrontHandler): http.Server {
  // A client that trickles its request in holds a connection: the whole request (headers and body)
  // must arrive in time. Node enforces both limits only when it checks its connections (every 30 s
  // by default), so it checks often enough for the limit to hold to about a second.
  return http.createServer(
    {
      requestTimeout: config.graphql.requestTimeoutMs,
      headersTimeout: config.graphql.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(REQUEST_TIMEOUT_CHECK_MS, config.graphql.requestTimeoutMs),
    },
    (req, res) => {
      if (!front.take?.(req, res)) void app(req, res);
    },
  );
}

/** Express answers a malformed body with an HTML page by default; clients of a GraphQL API get JSON. */
export function jsonBodyErrors(logger: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: number }).status ?? 500;
    if (status >= 500) logger.error({ err: error }, 'request failed before GraphQL');
    res
      .status(status)
      .type('application/json')
      .send(bodyErrorAnswer(status, languageOf(req.headers['accept-language'])));
  };
}

export interface HttpTransportDeps extends GraphqlTransportDeps {
  readonly app: Express;
  /** Run when Apollo drains the HTTP server on stop: the WebSocket transport's sockets go with it. */
  readonly onDrain: () => Promise<void>;
  /** The HTTP server's front handler (createHttpServer): plain JSON POSTs are answered there. */
  readonly front: FrontHandler;
}

/**
 * GraphQL over HTTP (Apollo Server) at GRAPHQL_PATH: plain JSON POSTs in front of Express, the rest
 * through it (see GraphqlHttpHandler); stopping the returned server drains it.
 */
export async function graphqlOverHttp(deps: HttpTransportDeps): Promise<ApolloServer<Context>> {
  const { app, httpServer, schema, config, logger, metrics, gate, formatError } = deps;
  const apollo = new ApolloServer<Context>({
    schema,
    // Apollo formats without the request: each error carries its request's language (http-error-language.ts).
    formatError: (formatted, error) => formatError(formatted, error, languageToShow(error)),
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
      errorsInRequestLanguage,
      { serverWillStart: async () => ({ drainServer: deps.onDrain }) },
    ],
  });
  refusalsInRequestLanguage(apollo);
  await apollo.start();
  const handler = new GraphqlHttpHandler({ apollo, gate, logger, metrics, maxBodyBytes: config.graphql.maxBodyBytes });
  deps.front.take = handler.takePlainPost;
  app.use(
    GRAPHQL_PATH,
    (req: Request, res: Response, next: NextFunction) => {
      requestIdFor(req, res);
      next();
    },
    express.json({ limit: config.graphql.maxBodyBytes }),
    (req: Request, res: Response, next: NextFunction) => void handler.answer(req, res, req.body).catch(next),
  );
  return apollo;
}
