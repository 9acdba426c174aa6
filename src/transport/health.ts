import type { MikroORM } from '@mikro-orm/postgresql';
import { Router } from 'express';
import { pendingMigrations } from '../database';
import type { ShutdownDrain } from '../graphql/shutdown-drain';
import type { Metrics } from '../observability/metrics';

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

export interface HealthDeps {
  readonly orm: MikroORM;
  readonly drain: ShutdownDrain;
  readonly metrics: Metrics;
}

/** What the orchestrator and the monitoring ask: /healthz (alive), /readyz (send work here), /metrics. */
export function healthRoutes({ orm, drain, metrics }: HealthDeps): Router {
  const router = Router();
  const isReady = readiness(orm);
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
