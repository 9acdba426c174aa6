import type { MikroORM } from '@mikro-orm/postgresql';
import { Router } from 'express';
import { pendingMigrations } from '../database';
import type { ShutdownDrain } from '../graphql/shutdown-drain';
import type { Metrics } from '../observability/metrics';

/**
 * Ready while the database answers and every migration this code knows is applied, and the read
 * replica (DATABASE_READ_URL), when there is one, answers too: every query goes there, so a replica
 * away would fail all reads of a replica the balancer still sends work to. Reads the migrations
 * table directly: the application's role may read it but not create or change it.
 */
function readiness(orm: MikroORM, readOrm: MikroORM | undefined) {
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
    } catch {
      return { ready: false, reason: 'database unreachable or not migrated' };
    }
    try {
      await readOrm?.em.fork().execute('select 1');
      return { ready: true };
    } catch {
      return { ready: false, reason: 'read replica unreachable' };
    }
  };
}

export interface HealthDeps {
  readonly orm: MikroORM;
  /** The read replica, when DATABASE_READ_URL names one. */
  readonly readOrm?: MikroORM;
  readonly drain: ShutdownDrain;
  readonly metrics: Metrics;
}

/** What the orchestrator and the monitoring ask: /healthz (alive), /readyz (send work here), /metrics. */
export function healthRoutes({ orm, readOrm, drain, metrics }: HealthDeps): Router {
  const router = Router();
  const isReady = readiness(orm, readOrm);
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    // While stopping, the load balancer must send new work elsewhere.
    const state = drain.active ? { ready: false, reason: 'shutting down' } : await isReady();
    res.status(state.ready ? 200 : 503).json({ status: state.ready ? 'ready' : 'not ready', reason: state.reason });
  });
  // Prometheus scrapes each replica here; the Ingress exposes only /graphql (see the Helm chart).
  router.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metrics.text();
    res.type(contentType).send(body);
  });
  return router;
}
