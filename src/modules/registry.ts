import { Milestone } from './milestone/milestone.entity';
import { AnnualPlan } from './project/annual-plan.entity';
import { Project } from './project/project.entity';
import { StageChange } from './project/stage-change.entity';
import { ProgressReport } from './progress-report/progress-report.entity';
import { Tenant } from './tenant/tenant.entity';

/** Every persisted entity, in one list for the ORM, the migration check and the tests. */
export const ENTITIES = [Tenant, Project, AnnualPlan, StageChange, ProgressReport, Milestone];
