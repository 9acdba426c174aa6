import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Access } from './auth/access';
import { admittedTenant } from './auth/admission';
import type { Viewer } from './auth/viewer';
import type { Config } from './config';
import type { DatabaseScope } from './db/scoped-transaction';
import type { Language } from './language/language';
import { createAttractionLoaders } from './modules/attraction/attraction.loaders';
import { createAssignmentLoaders } from './modules/assignment/assignment.loaders';
import { createBlockerLoaders } from './modules/blocker/blocker.loaders';
import { createFundLoaders } from './modules/funds/fund-arrival.loaders';
import { createMilestoneLoaders } from './modules/milestone/milestone.loaders';
import { createProgressReportLoaders } from './modules/progress-report/progress-report.loaders';
import { createProjectLoaders } from './modules/project/project.loaders';
import type { ChangeRelay } from './modules/live/change-relay';
import { createRollupLoaders } from './modules/rollup/rollup.loaders';
import type { TenantDirectory } from './modules/tenant/tenant-directory';
import { createTenantLoaders } from './modules/tenant/tenant.loaders';

function createLoaders(em: EntityManager, viewer: Viewer) {
  return {
    tenant: createTenantLoaders(em),
    project: createProjectLoaders(em),
    progressReport: createProgressReportLoaders(em),
    milestone: createMilestoneLoaders(em),
    assignment: createAssignmentLoaders(em, viewer),
    rollup: createRollupLoaders(em),
    blocker: createBlockerLoaders(em),
    attraction: createAttractionLoaders(em),
    funds: createFundLoaders(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Everything a resolver may use, made anew for each request (or subscription event). */
export interface Context {
  /** A fork of the ORM's EntityManager: its identity map lives and dies with the request. */
  readonly em: EntityManager;
  readonly viewer: Viewer;
  /** The language the client reads (Accept-Language; over graphql-ws, the connection's): messages are shown in it. */
  readonly language: Language;
  /** What the viewer may do (roles x tenant); assignments are looked up through the loaders. */
  readonly access: Access;
  /** What PostgreSQL's row-level security sees for this request. */
  readonly scope: DatabaseScope;
  readonly loaders: Loaders;
  readonly config: Config;
  /** This process's relay of committed changes, for subscriptions. */
  readonly live: ChangeRelay;
  /** Over graphql-ws: bytes the subscriber's socket holds unsent (live streams bound them with their queue). */
  readonly socketBacklog?: () => number;
}

export interface ContextDeps {
  readonly orm: MikroORM;
  readonly config: Config;
  readonly tenants: TenantDirectory;
  readonly live: ChangeRelay;
}

/**
 * Builds a request's context for a verified viewer; FORBIDDEN when its tenant is not active (see
 * admittedTenant). Checked for every operation, so a socket admitted before its tenant was retired
 * is refused from then on.
 */
export async function createContext(deps: ContextDeps, viewer: Viewer, language: Language): Promise<Context> {
  const tenant = await admittedTenant(deps.tenants, viewer);
  const access = new Access(viewer, tenant);
  const em = deps.orm.em.fork();
  return {
    em,
    viewer,
    language,
    access,
    scope: {
      readRoot: access.readRoot,
      subject: viewer.subject,
      actorName: viewer.name,
      tenantCode: tenant?.code,
      statementTimeoutMs: deps.config.graphql.requestTimeoutMs,
    },
    loaders: createLoaders(em, viewer),
    config: deps.config,
    live: deps.live,
  };
}
