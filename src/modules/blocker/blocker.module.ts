import type { DomainModule } from '../domain-module';
import { Blocker, BlockerEvent } from './blocker.entity';
import { BlockerResolver, ProjectBlockerResolver, RollupBlockerResolver } from './blocker.resolver';

/** The blocker ledger (要素制约, 问题台账): raised, worked, escalated, resolved. */
export const blockerModule: DomainModule = {
  name: 'blocker',
  entities: [Blocker, BlockerEvent],
  resolvers: [BlockerResolver, ProjectBlockerResolver, RollupBlockerResolver],
  auditedTables: ['blocker'],
};
