import type { DomainModule } from '../domain-module';
import { ResponsibilityLetter } from './responsibility-letter.entity';
import { ResponsibilityTarget } from './responsibility-target.entity';
import { ResponsibilityLetterResolver, ResponsibilityTargetResolver, RollupTargetResolver } from './target.resolver';

/** Target-responsibility letters (目标责任书): each tenant's yearly targets, set from above, and the progress against them. */
export const targetModule: DomainModule = {
  name: 'target',
  entities: [ResponsibilityLetter, ResponsibilityTarget],
  resolvers: [ResponsibilityTargetResolver, ResponsibilityLetterResolver, RollupTargetResolver],
  auditedTables: ['responsibility_letter', 'responsibility_target'],
};
