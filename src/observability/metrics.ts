import type { MikroORM } from '@mikro-orm/postgresql';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Operation names come from clients: only well-formed ones become labels, and only so many. */
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATION_NAMES = 300;

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

export interface MetricSources {
  readonly orm: MikroORM;
  readonly webSocketConnections: () => number;
  readonly liveStreams: () => number;
}

/**
 * The figures an operator watches, in Prometheus format at /metrics. A registry per server (not
 * prom-client's global one), so that tests can run several servers in one process.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly names = new Set<string>();

  private readonly requests = new Counter({
    name: 'kp_graphql_operations_total',
    help: 'GraphQL operations answered, by operation name and type (query, mutation, subscription) and transport',
    labelNames: ['operation', 'type', 'transport'] as const,
    registers: [this.registry],
  });

  private readonly duration = new Histogram({
    name: 'kp_graphql_operation_duration_seconds',
    help: 'Time to answer a GraphQL operation over HTTP, by operation name and type',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly errors = new Counter({
    name: 'kp_graphql_errors_total',
    help: 'Errors returned to clients, by code (BAD_USER_INPUT, RATE_LIMITED, INTERNAL_SERVER_ERROR, ...)',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  private readonly delivered = new Counter({
    name: 'kp_live_events_delivered_total',
    help: 'Change events handed to live subscriptions (one per event per stream)',
    registers: [this.registry],
  });

  private readonly outboxLag = new Histogram({
    name: 'kp_outbox_lag_seconds',
    help: 'From a change event being written (its transaction) to this replica reading it from the outbox',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  constructor(sources: MetricSources) {
    collectDefaultMetrics({ register: this.registry, prefix: 'kp_' });
    new Gauge({
      name: 'kp_websocket_connections',
      help: 'Open graphql-ws connections on this replica',
      registers: [this.registry],
      collect() {
        this.set(sources.webSocketConnections());
      },
    });
    new Gauge({
      name: 'kp_live_streams',
      help: 'Live subscriptions (projectChanged, rollupChanged) taking events on this replica',
      registers: [this.registry],
      collect() {
        this.set(sources.liveStreams());
      },
    });
    new Gauge({
      name: 'kp_db_pool_connections',
      help: 'Database pool connections of this replica by state (used, free, pending: requests waiting for one)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const pool = (sources.orm.em.getConnection().getKnex().client as { pool?: TarnPool }).pool;
        if (!pool) return;
        this.set({ state: 'used' }, pool.numUsed());
        this.set({ state: 'free' }, pool.numFree());
        this.set({ state: 'pending' }, pool.numPendingAcquires() + pool.numPendingCreates());
      },
    });
  }

  private operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.names.has(name)) return name;
    if (this.names.size >= MAX_OPERATION_NAMES) return 'other';
    this.names.add(name);
    return name;
  }

  operationAnswered(answer: {
    name: string | null | undefined;
    type: string | undefined;
    transport: 'http' | 'ws';
    seconds?: number;
    errorCodes: readonly string[];
  }): void {
    const operation = this.operationLabel(answer.name);
    const type = answer.type ?? 'unknown';
    this.requests.inc({ operation, type, transport: answer.transport });
    if (answer.seconds !== undefined) this.duration.observe({ operation, type }, answer.seconds);
    for (const code of answer.errorCodes) this.errors.inc({ code });
  }

  eventDelivered(lagMs: number, streams: number): void {
    this.outboxLag.observe(Math.max(0, lagMs) / 1000);
    if (streams > 0) this.delivered.inc(streams);
  }

  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
