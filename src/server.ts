import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { TenantLookup } from './auth/admission';
import type { TokenVerifier } from './auth/token-verifier';
import type { Config } from './config';
import type { HousekeepingJob } from './housekeeping/housekeeping-job';
import { createFormatError } from './errors/format-error';
import { bulletinDownloads } from './exports/bulletin-download.route';
import { idempotencyRetention } from './graphql/idempotency';
import { documentLimitsRule } from './graphql/limits';
import { ShutdownDrain } from './graphql/shutdown-drain';
import { Housekeeping, HOUSEKEEPING_EVERY_MS } from './housekeeping/housekeeping';
import { eventChanges } from './modules/live/change-fields';
import { createLoaders } from './modules/loaders';
import { photoStoreOf } from './modules/photo/photo-store';
import { photoFiles } from './modules/photo/site-photo-file.route';
import { photoHousekeeping } from './modules/photo/site-photo.jobs';
import { photoUploads } from './modules/photo/site-photo-upload.route';
import { JOBS } from './modules/registry';
import { rateBudgetRetention } from './graphql/rate-limit';
import { Metrics } from './observability/metrics';
import { ChangeRelay } from './realtime/change-relay';
import { changeRetention } from './realtime/change-retention';
import { AdmissionGate } from './transport/admission-gate';
import { healthRoutes } from './transport/health';
import { createHttpServer, graphqlOverHttp, jsonBodyErrors, type FrontHandler } from './transport/http';
import { routes } from './transport/routes';
import { graphqlOverWebSocket } from './transport/ws';

export { GRAPHQL_PATH } from './transport/paths';

export interface ServerDeps {
  readonly orm: MikroORM;
  /** A read replica's pool (DATABASE_READ_URL): queries read there; all else stays on `orm`. */
  readonly readOrm?: MikroORM;
  readonly config: Config;
  readonly logger: Logger;
  readonly schema: GraphQLSchema;
  readonly verifier: TokenVerifier;
  readonly tenants: TenantLookup;
}

export interface AppServer {
  readonly httpServer: http.Server;
  /** Starts the change relay (live subscriptions) and housekeeping, then accepts connections. */
  listen(port: number, host?: string): Promise<AddressInfo>;
  /**
   * Refuses new work for `drainMs` (503; /readyz too) with the listener still open, then stops
   * accepting, lets in-flight requests finish, closes sockets, stops housekeeping and the relay.
   */
  stop(options?: { drainMs?: number }): Promise<void>;
  /** Live subscriptions of this process that take events now (for metrics and tests). */
  liveStreamCount(): number;
}

/** Connections the kernel may queue before the server accepts them. */
const LISTEN_BACKLOG = 4096;

/**
 * Composes the server: the transports (transport/: GraphQL over HTTP and graphql-ws through one
 * admission gate, health, other routes) on one port, the change relay (realtime/) and housekeeping
 * (housekeeping/), with what the modules bring (loaders, event changes, jobs). No side effects
 * until `listen`.
 */
export async function createServer(serverDeps: ServerDeps): Promise<AppServer> {
  const { orm, config, logger, schema } = serverDeps;
  const app = express();
  app.disable('x-powered-by');
  const front: FrontHandler = {};
  const httpServer = createHttpServer(app, config, front);
  const drain = new ShutdownDrain();
  const metrics = new Metrics({ orm, webSocketConnections: () => ws.connectionCount, liveStreams: () => live.streamCount });
  // One relay per process, living as long as the server: every replica reads the change outbox.
  const live = new ChangeRelay(
    orm,
    { pollMs: config.live.pollMs, eventChanges, onDelivered: (lag, streams) => metrics.eventDelivered(lag, streams) },
    logger,
    schema,
  );
  // What a round announced is delivered right after it.
  const housekeeping = new Housekeeping(orm, housekeepingJobs(config), logger, {
    firstRunMs: config.live.pollMs,
    everyMs: HOUSEKEEPING_EVERY_MS,
    afterRound: () => live.wake(),
  });
  const gate = new AdmissionGate({ ...serverDeps, live, loaders: createLoaders }, drain);
  const formatError = createFormatError(logger, schema);
  const limitsRule = documentLimitsRule({ ...config.graphql.limits, maxPageSize: config.graphql.maxPageSize });

  // What both GraphQL transports share: the gate, the document limits, the error mapping.
  const transport = { httpServer, schema, config, logger, metrics, gate, limitsRule, formatError };
  const ws = graphqlOverWebSocket({ ...transport, drain });
  app.use(healthRoutes({ orm, readOrm: serverDeps.readOrm, drain, metrics }));
  // Files (src/exports/) come in through the same gate as GraphQL, before the dashboard's pages.
  app.use(bulletinDownloads({ gate, orm, logger }));
  // Site photos: uploads with the bearer token, files by signed link (src/modules/photo/).
  const photoStore = photoStoreOf(config.photos.store);
  app.use(photoUploads({ gate, store: photoStore, maxBytes: config.photos.maxBytes, logger }));
  app.use(photoFiles({ gate, orm, store: photoStore, logger }));
  app.use(routes({ config, issuer: serverDeps.verifier.issuer }));
  // Apollo drains the HTTP server on stop, and the sockets with it.
  const apollo = await graphqlOverHttp({ ...transport, app, front, onDrain: ws.dispose });
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
      // Tell live clients to reconnect (to another replica) before draining.
      ws.restartAll();
      // Drains the HTTP server, and the sockets with it (onDrain above).
      await apollo.stop();
      gate.stop();
      await housekeeping.stop();
      await live.stop();
    },
  };
}

/** Every scheduled job of a server: the kernel's, then the modules' (each module declares its own). */
export function housekeepingJobs(config: Config): HousekeepingJob[] {
  return [
    changeRetention(config.live.retentionHours),
    idempotencyRetention(config.idempotency.retentionHours),
    rateBudgetRetention,
    ...JOBS,
    // The photo module's, which needs the configured store (a module's JOBS take none).
    photoHousekeeping(photoStoreOf(config.photos.store)),
  ];
}
