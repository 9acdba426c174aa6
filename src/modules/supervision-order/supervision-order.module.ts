import type { DomainModule } from '../domain-module';
import { AccountabilityOutcome } from './accountability.entity';
import { SupervisionOrder, SupervisionOrderEvent } from './supervision-order.entity';
import { escalateOverdueOrders } from './supervision-order.jobs';
import {
  AccountabilityOutcomeResolver,
  BlockerAccountabilityResolver,
  ProjectOrderResolver,
  RollupOrderResolver,
  SupervisionOrderResolver,
  TenantOrderResolver,
} from './supervision-order.resolver';

/** Supervision orders (督办): issued, acknowledged, answered, closed or sent back, escalated when overdue; and accountability (问责). */
export const supervisionOrderModule: DomainModule = {
  name: 'supervision-order',
  entities: [SupervisionOrder, SupervisionOrderEvent, AccountabilityOutcome],
  resolvers: [
    SupervisionOrderResolver,
    AccountabilityOutcomeResolver,
    BlockerAccountabilityResolver,
    ProjectOrderResolver,
    RollupOrderResolver,
    TenantOrderResolver,
  ],
  auditedTables: ['supervision_order', 'accountability_outcome'],
  jobs: [escalateOverdueOrders],
};
