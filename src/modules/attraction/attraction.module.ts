import type { DomainModule } from '../domain-module';
import {
  FundArrivalLeadResolver,
  InvestmentLeadResolver,
  ProjectInvestmentLeadResolver,
  RollupAttractionResolver,
} from './attraction.resolver';
import { InvestmentLead } from './investment-lead.entity';
import { LeadStageChange } from './lead-stage-change.entity';

/** Investment attraction (招商引资): leads from intent to funds in place, and the projects they start. */
export const attractionModule: DomainModule = {
  name: 'attraction',
  entities: [InvestmentLead, LeadStageChange],
  resolvers: [InvestmentLeadResolver, ProjectInvestmentLeadResolver, FundArrivalLeadResolver, RollupAttractionResolver],
  auditedTables: ['investment_lead'],
};
