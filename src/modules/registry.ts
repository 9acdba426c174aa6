import type { NonEmptyArray } from 'type-graphql';
import { approvalModule } from './approval/approval.module';
import { assessmentModule } from './assessment/assessment.module';
import { assignedLeaderModule } from './assigned-leader/assigned-leader.module';
import { assignmentModule } from './assignment/assignment.module';
import { attractionModule } from './attraction/attraction.module';
import { auditModule } from './audit/audit.module';
import { blockerModule } from './blocker/blocker.module';
import { bulletinModule } from './bulletin/bulletin.module';
import type { DomainModule, ResolverClass } from './domain-module';
import { evaluationModule } from './evaluation/evaluation.module';
import { enumLabelModule } from './enum-label/enum-label.module';
import { fundsModule } from './funds/fund-arrival.module';
import { liveModule } from './live/live.module';
import { milestoneModule } from './milestone/milestone.module';
import { photoModule } from './photo/photo.module';
import { progressReportModule } from './progress-report/progress-report.module';
import { reserveModule } from './reserve/reserve.module';
import { projectModule } from './project/project.module';
import { rollupModule } from './rollup/rollup.module';
import { targetModule } from './target/target.module';
import { supervisionOrderModule } from './supervision-order/supervision-order.module';
import { tenantModule } from './tenant/tenant.module';

/**
 * Every domain module, in the order data flows: a module may use the services, types and entities
 * of those before it, never another's resolver (README, "Modules"; checked by
 * tests/modules/module-descriptors.test.ts). The labels come first: they import only types.
 */
export const MODULES: readonly DomainModule[] = [
  enumLabelModule,
  tenantModule,
  projectModule,
  milestoneModule,
  assignmentModule,
  fundsModule,
  rollupModule,
  progressReportModule,
  blockerModule,
  supervisionOrderModule,
  approvalModule,
  attractionModule,
  reserveModule,
  targetModule,
  photoModule,
  bulletinModule,
  evaluationModule,
  assessmentModule,
  auditModule,
  liveModule,
  assignedLeaderModule,
];

/** Every persisted entity, in one list for the ORM, the migration check and the tests. */
export const ENTITIES = MODULES.flatMap((module) => module.entities);

/** Every GraphQL resolver, in one list for the schema. */
export const RESOLVERS = MODULES.flatMap((module) => module.resolvers) as NonEmptyArray<ResolverClass>;

/** Every housekeeping job a module declares, for the kernel's schedule (src/housekeeping/), after the kernel's own. */
export const JOBS = MODULES.flatMap((module) => module.jobs ?? []);
