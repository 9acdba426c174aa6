import type { DomainModule } from '../domain-module';
import { AnnualPlan } from './annual-plan.entity';
import { MonthlyTarget } from './monthly-target.entity';
import { PlanDecompositionResolver } from './plan-decomposition';
import { PlanFundingResolver } from './plan-funding.resolver';
import { ProjectListingResolver } from './project-listing.resolver';
import { Project } from './project.entity';
import { ProjectResolver } from './project.resolver';
import { StageChange } from './stage-change.entity';

/** Key projects (重点项目): their register, yearly lists and plans, monthly targets, stage history. */
export const projectModule: DomainModule = {
  name: 'project',
  entities: [Project, AnnualPlan, StageChange, MonthlyTarget],
  resolvers: [ProjectResolver, ProjectListingResolver, PlanDecompositionResolver, PlanFundingResolver],
  auditedTables: ['project', 'project_annual_plan', 'project_stage_change', 'project_monthly_target'],
};
