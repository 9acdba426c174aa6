import type { DomainModule } from '../domain-module';
import { Milestone } from './milestone.entity';
import { announceOverdueMilestones } from './milestone.jobs';
import { MilestoneResolver, ProjectMilestoneResolver } from './milestone.resolver';

/** A project's schedule (倒排工期): milestones, done or overdue. */
export const milestoneModule: DomainModule = {
  name: 'milestone',
  entities: [Milestone],
  resolvers: [MilestoneResolver, ProjectMilestoneResolver],
  auditedTables: ['milestone'],
  jobs: [announceOverdueMilestones],
};
