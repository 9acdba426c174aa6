import type { DomainModule } from '../domain-module';
import { ProjectReserveResolver, ReserveProjectResolver, RollupReserveResolver, TenantReserveResolver } from './reserve.resolver';
import { ReserveProject } from './reserve-project.entity';

/** The reserve pool (储备库): projects being planned, until promoted into a year's list or dropped. */
export const reserveModule: DomainModule = {
  name: 'reserve',
  entities: [ReserveProject],
  resolvers: [ReserveProjectResolver, ProjectReserveResolver, RollupReserveResolver, TenantReserveResolver],
  auditedTables: ['reserve_project'],
};
