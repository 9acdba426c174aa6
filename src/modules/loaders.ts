import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer';
import { createAssignmentLoaders, type AssignmentLoaders } from './assignment/assignment.loaders';
import { createAttractionLoaders, type AttractionLoaders } from './attraction/attraction.loaders';
import { createBlockerLoaders, type BlockerLoaders } from './blocker/blocker.loaders';
import { createFundLoaders, type FundLoaders } from './funds/fund-arrival.loaders';
import { createMilestoneLoaders, type MilestoneLoaders } from './milestone/milestone.loaders';
import { createProgressReportLoaders, type ProgressReportLoaders } from './progress-report/progress-report.loaders';
import { createProjectLoaders, type ProjectLoaders } from './project/project.loaders';
import { createRollupLoaders, type RollupLoaders } from './rollup/rollup.loaders';
import { createTenantLoaders, type TenantLoaders } from './tenant/tenant.loaders';

/**
 * Every module's DataLoaders for one EntityManager: a request's (the context) or a unit of work's
 * (unit-of-work.ts), so what they load is managed where it is written. Each module's family is
 * made on its first use: most operations touch one or two of the nine, and making them all cost
 * every request about forty DataLoaders. Kept apart from the module descriptors because services
 * build loaders, and a descriptor brings in its resolvers.
 */
class ModuleLoaderSet {
  #tenant?: TenantLoaders;
  #project?: ProjectLoaders;
  #progressReport?: ProgressReportLoaders;
  #milestone?: MilestoneLoaders;
  #assignment?: AssignmentLoaders;
  #rollup?: RollupLoaders;
  #blocker?: BlockerLoaders;
  #attraction?: AttractionLoaders;
  #funds?: FundLoaders;

  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
  ) {}

  get tenant(): TenantLoaders {
    return (this.#tenant ??= createTenantLoaders(this.em));
  }
  get project(): ProjectLoaders {
    return (this.#project ??= createProjectLoaders(this.em));
  }
  get progressReport(): ProgressReportLoaders {
    return (this.#progressReport ??= createProgressReportLoaders(this.em));
  }
  get milestone(): MilestoneLoaders {
    return (this.#milestone ??= createMilestoneLoaders(this.em));
  }
  get assignment(): AssignmentLoaders {
    return (this.#assignment ??= createAssignmentLoaders(this.em, this.viewer));
  }
  get rollup(): RollupLoaders {
    return (this.#rollup ??= createRollupLoaders(this.em));
  }
  get blocker(): BlockerLoaders {
    return (this.#blocker ??= createBlockerLoaders(this.em));
  }
  get attraction(): AttractionLoaders {
    return (this.#attraction ??= createAttractionLoaders(this.em));
  }
  get funds(): FundLoaders {
    return (this.#funds ??= createFundLoaders(this.em));
  }
}

/** The loaders a resolver reaches as `ctx.loaders.<module>.<loader>` (the getters above, not their state). */
export type ModuleLoaders = { readonly [Module in keyof ModuleLoaderSet]: ModuleLoaderSet[Module] };

export function createLoaders(em: EntityManager, viewer: Viewer): ModuleLoaders {
  return new ModuleLoaderSet(em, viewer);
}

// The kernel's Context types `loaders` as its own (empty) Loaders: this gives it the modules' fields.
declare module '../context' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an interface merge, the only way to extend Loaders
  interface Loaders extends ModuleLoaders {}
}
