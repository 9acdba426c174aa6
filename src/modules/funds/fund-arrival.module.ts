import type { DomainModule } from '../domain-module';
import { FundArrival } from './fund-arrival.entity';
import { FundArrivalResolver, ProjectFundsResolver } from './fund-arrival.resolver';

/** Funds in place (到位资金): arrivals of money for a project. */
export const fundsModule: DomainModule = {
  name: 'funds',
  entities: [FundArrival],
  resolvers: [FundArrivalResolver, ProjectFundsResolver],
  auditedTables: ['fund_arrival'],
};
