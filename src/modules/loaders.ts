import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer';
import { createAssignmentLoaders } from './assignment/assignment.loaders';
import { createAttractionLoaders } from './attraction/attraction.loaders';
import { createBlockerLoaders } from './blocker/blocker.loaders';
import { createFundLoaders } from './funds/fund-arrival.loaders';
import { createMilestoneLoaders } from './milestone/milestone.loaders';
import { createProgressReportLoaders } from './progress-report/progress-report.loaders';
import { createProjectLoaders } from './project/project.loaders';
import { createRollupLoaders } from './rollup/rollup.loaders';
import { createTenantLoaders } from './tenant/tenant.loaders';

/**
 * Every module's DataLoaders, made for one EntityManager: a request's (the context) or a unit of
 * work's (unit-of-work.ts), so what they load is managed where it is written. Kept apart from the
 * module descriptors because services build loaders, and a descriptor brings in its resolvers.
 */
export function createLoaders(em: EntityManager, viewer: Viewer) {
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

export type ModuleLoaders = ReturnType<typeof createLoaders>;

// The kernel's Context types `loaders` as its own (empty) Loaders: this gives it the modules' fields.
declare module '../context' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an interface merge, the only way to extend Loaders
  interface Loaders extends ModuleLoaders {}
}
