import type { DomainModule } from '../domain-module';
import { ResponsibilityTarget } from './responsibility-target.entity';
import { ResponsibilityTargetResolver, RollupTargetResolver, TenantTargetResolver } from './target.resolver';

/** Target-responsibility letters (目标责任书): each tenant's yearly targets, set from above, and the progress against them. */
export const targetModule: DomainModule = {
  name: 'target',
  entities: [ResponsibilityTarget],
  resolvers: [ResponsibilityTargetResolver, RollupTargetResolver, TenantTargetResolver],
  auditedTables: ['responsibility_target'],
};
