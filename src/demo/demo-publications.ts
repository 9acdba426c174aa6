import type { EntityManager } from '@mikro-orm/postgresql';
import { devUser } from '../auth/dev-users';
import { Access } from '../auth/access';
import type { Viewer } from '../auth/viewer';
import { Period } from '../calendar/period';
import { Quarter } from '../calendar/quarter';
import type { Context } from '../context';
import { BulletinService } from '../modules/bulletin/bulletin.service';
import { EvaluationService } from '../modules/evaluation/evaluation.service';
import { createLoaders } from '../modules/loaders';
import { Tenant } from '../modules/tenant/tenant.entity';

/**
 * What the demo city has circulated by its as-of date: the monthly bulletin (月通报) of the last month
 * whose reports are in, and the quarterly county ranking (季度评比) of the last quarter that bulletin
 * closes. Both are published by 张伟 through the services `publishBulletin` and `publishEvaluation`
 * call, so the frozen content, the hash, the lagging rows and the audit records are the ones the API
 * would have made; the dashboard's 已发布版本 and the published downloads have something to show.
 *
 * They are the one part of the demo stamped by the clock (the services take the publication time
 * from it, as they must for a real one): the rows are the same for the same as-of date, the
 * publication times are those of the first start.
 */

/** A month's reports are due by the 5th of the next month; the city circulates the bulletin once they are reviewed, by the 10th. */
const BULLETIN_DAY = 10;

export interface DemoPublications {
  /** The month of the published bulletin (2026-10 as of 2026-11-20 or 2026-12-03). */
  readonly bulletinPeriod: Period;
  /** The quarter of the published county ranking (2026Q3 for either date). */
  readonly evaluationQuarter: Quarter;
}

/** The bulletin's month and the ranking's quarter the demo publishes as of `asOf` (a China date). */
export function demoPublications(asOf: string): DemoPublications {
  const month = Period.ofDate(asOf);
  const bulletinPeriod = month.plusMonths(Number(asOf.slice(8, 10)) >= BULLETIN_DAY ? -1 : -2);
  const quarter = Quarter.containing(bulletinPeriod);
  // A quarter is ranked once its last month's bulletin is out.
  const evaluationQuarter = quarter.lastMonth.equals(bulletinPeriod) ? quarter : quarter.previous();
  return { bulletinPeriod, evaluationQuarter };
}

/**
 * Publishes the city's bulletin and county ranking inside the loader's transaction `tx` (the owner's
 * connection, where the demo rows were just written and the rollup triggers have already summed them).
 */
export async function publishDemoDocuments(tx: EntityManager, cityCode: string, asOf: string): Promise<DemoPublications> {
  const publications = demoPublications(asOf);
  const ctx = await cityLeaderContext(tx, cityCode);
  await new BulletinService(ctx).publish(cityCode, publications.bulletinPeriod);
  await new EvaluationService(ctx).publish(cityCode, publications.evaluationQuarter);
  return publications;
}

/**
 * The context a request of 张伟 (the demo's city leader) would have, built without a token: the
 * loader is the system acting in his name. His scope is set in the transaction as a request's is
 * (beginScopedTransaction), so the audit records name him and the database reads his subtree; the
 * role stays the owner's, whose policy already sees every row.
 */
export async function cityLeaderContext(tx: EntityManager, cityCode: string): Promise<Context> {
  const leader = devUser('city-leader')!;
  const city = await tx.findOneOrFail(Tenant, { code: cityCode });
  const viewer: Viewer = Object.freeze({
    subject: leader.subject,
    name: leader.name,
    tenantCode: city.code,
    roles: new Set<string>(leader.roles),
    isServiceAccount: false,
    expiresAt: undefined,
  });
  const access = new Access(viewer, { code: city.code, path: city.path, level: city.level });
  const scope = { readRoot: access.readRoot, subject: viewer.subject, actorName: viewer.name, tenantCode: city.code };
  await tx.execute(
    `select set_config('kp.read_root', ?, true), set_config('kp.subject', ?, true),
            set_config('kp.actor_name', ?, true), set_config('kp.tenant_code', ?, true)`,
    [scope.readRoot ?? '', scope.subject, scope.actorName, scope.tenantCode],
  );
  return {
    em: tx,
    viewer,
    language: 'zh',
    access,
    scope,
    loaders: createLoaders(tx, viewer),
    // Publishing reads neither the server's configuration nor its live relay; there is no server yet.
    config: absent<Context['config']>('the configuration'),
    live: absent<Context['live']>('the live relay'),
  };
}

/** Stands for what the loader has no instance of: any use says so instead of failing somewhere inside. */
function absent<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get(_target, property) {
      throw new Error(`the demo loader publishes without ${what} (read of ${String(property)})`);
    },
  });
}
