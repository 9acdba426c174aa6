import type { PlanFundingSource } from './plan-funding';
import type { DesignationLevel, ProjectCategory, ProjectNature, ProjectStage } from './project.enums';

/**
 * What ProjectService is asked to do, as plain data: the API's inputs (project.inputs.ts) implement
 * these, and another module (招商 starting a project) builds them without the GraphQL layer.
 * Problems are reported under `input.<field>`, the names used here.
 */

/** A year's planned investment (年度计划投资), money in 万元 as decimal strings. */
export interface PlanYear {
  year: number;
  plannedInvestmentWan: string;
  nature?: ProjectNature | null;
  designationLevels?: DesignationLevel[] | null;
  fundingSources?: PlanFundingSource[] | null;
}

/** Registers a key project; see CreateProjectInput for each field's meaning and default. */
export interface CreateProject {
  name: string;
  code?: string | null;
  constructionContent?: string | null;
  category: ProjectCategory;
  nature: ProjectNature;
  stage?: ProjectStage | null;
  stageSince?: string | null;
  designationLevels?: DesignationLevel[] | null;
  ownerTenantCode: string;
  locationTenantCode?: string | null;
  totalInvestmentWan: string;
  fundsInPlaceWan?: string | null;
  completedBeforeTrackingWan?: string | null;
  plannedStartOn?: string | null;
  plannedCompletionOn?: string | null;
  isInStatisticsDatabase?: boolean | null;
  ownerUnit?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  annualPlans?: PlanYear[] | null;
}

/** Moves a project to a stage on a date; see ChangeProjectStageInput. */
export interface ChangeProjectStage {
  projectId: string;
  stage: ProjectStage;
  changedOn?: string | null;
  note?: string | null;
  version?: number | null;
}
