import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { SYSTEM_VIEWER } from './auth/viewer';
import type { Config } from './config';
import { createContext, type Context } from './context';
import { createFormatError } from './errors/format-error';

export const GRAPHQL_PATH = '/graphql';

export interface ServerDeps {
  readonly orm: MikroORM;
  readonly config: Config;
  readonly logger: Logger;
  readonly schema: GraphQLSchema;
}

export interface AppServer {
  readonly httpServer: http.Server;
  listen(port: number, host?: string): Promise<AddressInfo>;
  /** Stops accepting, lets in-flight requests finish, closes sockets. */
  stop(): Promise<void>;
}

/** Answers while migrations are applied and the database answers; remembers once all were applied. */
function readiness(orm: MikroORM) {
  let migrated = false;
  return async (): Promise<{ ready: boolean; reason?: string }> => {
    try {
      await orm.em.getConnection().execute('select 1');
    } catch {
      return { ready: false, reason: 'database unreachable' };
    }
    if (!migrated) {
      const pending = await orm.getMigrator().getPendingMigrations();
      if (pending.length > 0) return { ready: false, reason: `${pending.length} migration(s) pending` };
      migrated = true;
    }
    return { ready: true };
  };
}

/** Express answers a malformed body with an HTML page by default; clients of a GraphQL API get JSON. */
function jsonBodyErrors(logger: Logger) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: number }).status ?? 500;
    if (status >= 500) logger.error({ err: error }, 'request failed before GraphQL');
    const message =
      status === 413 ? 'The request body is too large' : status < 500 ? 'The request body is not valid JSON' : 'Internal error';
    res.status(status).json({
      errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }],
    });
  };
}

/** Builds the HTTP and WebSocket server. No side effects until `listen`. */
export async function createServer(deps: ServerDeps): Promise<AppServer> {
  const { config, logger, schema } = deps;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const formatError = createFormatError(logger);

  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH });
  const wsCleanup = useServer<Record<string, unknown>, { context?: Context }>(
    {
      schema,
      // A fresh context (EntityManager fork, loaders) per operation, as over HTTP.
      context: () => createContext(deps, SYSTEM_VIEWER),
      // The same error mapping as HTTP: nothing unknown leaks over the socket either.
      onNext: (_ctx, _id, _payload, _args, result) => {
        const errors = (result as ExecutionResult).errors;
        if (!errors?.length) return result;
        return {
          ...result,
          errors: errors.map((e) => formatError(e instanceof GraphQLError ? e.toJSON() : { message: String(e) }, e)),
        } as unknown as typeof result;
      },
    },
    wsServer,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    introspection: config.graphql.introspection,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: async () => void (await wsCleanup.dispose()) }) },
    ],
  });
  await apollo.start();

  const isReady = readiness(deps.orm);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const state = await isReady();
    res.status(state.ready ? 200 : 503).json({ status: state.ready ? 'ready' : 'not ready', reason: state.reason });
  });
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async () => createContext(deps, SYSTEM_VIEWER) }),
  );
  app.use(jsonBodyErrors(logger));

  return {
    httpServer,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve(httpServer.address() as AddressInfo));
      });
    },
    async stop() {
      await apollo.stop();
    },
  };
}
