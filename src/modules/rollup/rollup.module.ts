import type { DomainModule } from '../domain-module';
import { LightReasonResolver } from './light-reason.resolver';
import { ProjectLightResolver } from './project-light.resolver';
import { RollupFundingResolver } from './rollup-funding.resolver';
import { RollupBreakdownResolver } from './rollup-breakdown.resolver';
import { compactRollups } from './rollup.jobs';
import { RollupResolver } from './rollup.resolver';
import { TrafficLightRules } from './traffic-light-rules.entity';

/** The figures of a subtree for a month (汇总), rankings, traffic lights and a city's rules for them. */
export const rollupModule: DomainModule = {
  name: 'rollup',
  entities: [TrafficLightRules],
  resolvers: [RollupResolver, RollupBreakdownResolver, RollupFundingResolver, LightReasonResolver, ProjectLightResolver],
  auditedTables: ['traffic_light_rule'],
  jobs: [compactRollups],
};
