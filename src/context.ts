import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Viewer } from './auth/viewer';
import type { Config } from './config';
import { createMilestoneLoaders } from './modules/milestone/milestone.loaders';
import { createProgressReportLoaders } from './modules/progress-report/progress-report.loaders';
import { createProjectLoaders } from './modules/project/project.loaders';
import { createTenantLoaders } from './modules/tenant/tenant.loaders';

function createLoaders(em: EntityManager) {
  return {
    tenant: createTenantLoaders(em),
    project: createProjectLoaders(em),
    progressReport: createProgressReportLoaders(em),
    milestone: createMilestoneLoaders(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Everything a resolver may use, made anew for each request (or subscription event). */
export interface Context {
  /** A fork of the ORM's EntityManager: its identity map lives and dies with the request. */
  readonly em: EntityManager;
  readonly viewer: Viewer;
  readonly loaders: Loaders;
  readonly config: Config;
}

export interface ContextDeps {
  readonly orm: MikroORM;
  readonly config: Config;
}

export function createContext(deps: ContextDeps, viewer: Viewer): Context {
  const em = deps.orm.em.fork();
  return { em, viewer, loaders: createLoaders(em), config: deps.config };
}
