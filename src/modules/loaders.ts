import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer';
import { createApprovalLoaders } from './approval/approval.loaders';
import { createAssignmentLoaders } from './assignment/assignment.loaders';
import { createAttractionLoaders } from './attraction/attraction.loaders';
import { createBlockerLoaders } from './blocker/blocker.loaders';
import { createFundLoaders } from './funds/fund-arrival.loaders';
import { createMilestoneLoaders } from './milestone/milestone.loaders';
import { createPhotoLoaders } from './photo/site-photo.loaders';
import { createProgressReportLoaders } from './progress-report/progress-report.loaders';
import { createProjectLoaders } from './project/project.loaders';
import { createReserveLoaders } from './reserve/reserve.loaders';
import { createRollupLoaders } from './rollup/rollup.loaders';
import { createSupervisionOrderLoaders } from './supervision-order/supervision-order.loaders';
import { createTargetLoaders } from './target/target.loaders';
import { createTenantLoaders } from './tenant/tenant.loaders';

/** Each module's family of DataLoaders, by the name resolvers reach it under (`ctx.loaders.<module>`). */
const FAMILIES = {
  tenant: createTenantLoaders,
  project: createProjectLoaders,
  progressReport: createProgressReportLoaders,
  milestone: createMilestoneLoaders,
  assignment: createAssignmentLoaders,
  rollup: createRollupLoaders,
  blocker: createBlockerLoaders,
  supervisionOrder: createSupervisionOrderLoaders,
  attraction: createAttractionLoaders,
  funds: createFundLoaders,
  reserve: createReserveLoaders,
  target: createTargetLoaders,
  approval: createApprovalLoaders,
  photo: createPhotoLoaders,
} satisfies Record<string, (em: EntityManager, viewer: Viewer) => object>;

type Module = keyof typeof FAMILIES;

export type ModuleLoaders = { readonly [M in Module]: ReturnType<(typeof FAMILIES)[M]> };

/** One request's families, made as they are first reached; the getters are on the prototype (below). */
class LazyLoaders {
  readonly made: Partial<Record<Module, object>> = {};

  constructor(
    readonly em: EntityManager,
    readonly viewer: Viewer,
  ) {}
}

for (const [module, make] of Object.entries(FAMILIES) as [Module, (em: EntityManager, viewer: Viewer) => object][]) {
  Object.defineProperty(LazyLoaders.prototype, module, {
    get(this: LazyLoaders) {
      return (this.made[module] ??= make(this.em, this.viewer));
    },
  });
}

/**
 * Every module's DataLoaders for one EntityManager: a request's (the context) or a unit of work's
 * (unit-of-work.ts), so what they load is managed where it is written. A family is made on its
 * first use: most operations reach one or two of the nine, and making them all cost every request
 * some forty DataLoaders. Kept apart from the module descriptors because services build loaders,
 * and a descriptor brings in its resolvers.
 */
export function createLoaders(em: EntityManager, viewer: Viewer): ModuleLoaders {
  // The prototype's getters give a LazyLoaders every field of ModuleLoaders, typed by FAMILIES.
  return new LazyLoaders(em, viewer) as unknown as ModuleLoaders;
}

// The kernel's Context types `loaders` as its own (empty) Loaders: this gives it the modules' fields.
declare module '../context' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an interface merge, the only way to extend Loaders
  interface Loaders extends ModuleLoaders {}
}
