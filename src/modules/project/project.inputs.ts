import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { LocalDateScalar, PeriodScalar } from '../../calendar/calendar.scalars';
import type { Period } from '../../calendar/period';
import { WanScalar } from '../../money/wan.scalar';
import { LightColor } from '../rollup/traffic-light';
import type { ChangeProjectStage, CreateProject, PlanYear } from './project.commands';
import { PlanFundingSourceInput } from './plan-funding';
import { DesignationLevel, ProjectCategory, ProjectNature, ProjectStage } from './project.enums';
import { TenantBasis } from './tenant-basis';

const VERSION_DESCRIPTION =
  'The version you last read; CONFLICT (field `input.version`) when the project changed since. Omit to skip the check.';

@InputType({ description: "A year's planned investment (年度计划投资)." })
export class AnnualPlanInput implements PlanYear {
  @Field(() => Int, { description: 'Calendar year, 2000-2100, e.g. 2026.' })
  year!: number;

  @Field(() => WanScalar, { description: 'Planned investment for the year, 万元.' })
  plannedInvestmentWan!: string;

  @Field(() => ProjectNature, {
    nullable: true,
    description: "Nature on that year's list (建设性质); the project's `nature` when omitted.",
  })
  nature?: ProjectNature | null;

  @Field(() => [DesignationLevel], {
    nullable: true,
    description: "Levels whose lists include the project that year; the project's `designationLevels` when omitted.",
  })
  designationLevels?: DesignationLevel[] | null;

  @Field(() => [PlanFundingSourceInput], {
    nullable: true,
    description:
      'Where the planned investment comes from (资金来源): each source once, amounts above zero, together no more than the plan.',
  })
  fundingSources?: PlanFundingSourceInput[] | null;
}

@InputType({ description: 'A new key project. Money in 万元 as decimal strings.' })
export class CreateProjectInput implements CreateProject {
  @Field({ description: 'Project name (项目名称), at most 200 characters.' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'National project code (项目代码, GB/T 40058-2021), e.g. 2411-371400-89-01-637015, when issued.',
  })
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'Main construction content and scale (建设内容及规模).' })
  constructionContent?: string | null;

  @Field(() => ProjectCategory, { description: 'Category (项目类别).' })
  category!: ProjectCategory;

  @Field(() => ProjectNature, {
    description: "Nature (建设性质) on this year's list, and on each yearly plan given without one (`annualPlans.nature`).",
  })
  nature!: ProjectNature;

  @Field(() => ProjectStage, { nullable: true, description: 'Stage at registration; PLANNED when omitted.' })
  stage?: ProjectStage | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Date the project reached that stage (e.g. the actual start date of a started project); today when omitted.',
  })
  stageSince?: string | null;

  @Field(() => [DesignationLevel], {
    nullable: true,
    description:
      'Key-project lists the project is on this year, and on each yearly plan given without its own (`annualPlans.designationLevels`).',
  })
  designationLevels?: DesignationLevel[] | null;

  @Field({ description: 'Division code of the owning tenant (the town, county or city that answers for it).' })
  ownerTenantCode!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Division code of the tenant where it is built, when that is below the owner (e.g. a city project in a town).',
  })
  locationTenantCode?: string | null;

  @Field(() => WanScalar, { description: 'Total investment (总投资), 万元; more than zero.' })
  totalInvestmentWan!: string;

  @Field(() => WanScalar, {
    nullable: true,
    description:
      'Funds in place (到位资金) at registration, 万元, recorded as one fund arrival dated today; 0 when omitted. Later arrivals: ' +
      '`recordFundArrival`.',
  })
  fundsInPlaceWan?: string | null;

  @Field(() => WanScalar, {
    nullable: true,
    description: 'Investment completed before monthly reporting started here (系统上线前累计完成投资), 万元; 0 when omitted.',
  })
  completedBeforeTrackingWan?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Planned start date (计划开工时间).' })
  plannedStartOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Planned completion date (计划竣工时间).' })
  plannedCompletionOn?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Entered in the statistics database (入库纳统); false when omitted.' })
  isInStatisticsDatabase?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Project owner / construction unit (项目业主 / 建设单位), at most 200 characters.' })
  ownerUnit?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact person (联系人), at most 50 characters.' })
  contactName?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact telephone (联系电话), at most 30 characters.' })
  contactPhone?: string | null;

  @Field(() => [AnnualPlanInput], { nullable: true, description: 'Planned investment per year (年度计划投资).' })
  annualPlans?: AnnualPlanInput[] | null;
}

@InputType({
  description:
    "Changes to a project's descriptive fields. An omitted field stays as it is; null clears an optional field. " +
    'Stage changes go through `changeProjectStage`, yearly plans through `setAnnualPlan`.',
})
export class UpdateProjectInput {
  @Field(() => ID, { description: 'Id of the project to change.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Project name (项目名称).' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'National project code (GB/T 40058-2021); null removes it.' })
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'Main construction content and scale (建设内容及规模); null clears it.' })
  constructionContent?: string | null;

  @Field(() => ProjectCategory, { nullable: true, description: 'Category (项目类别).' })
  category?: ProjectCategory | null;

  @Field(() => ProjectNature, {
    nullable: true,
    description:
      "Nature (建设性质) this year: changes this year's plan (when the project is on this year's list) and the nature new " +
      "plans take by default; other years' plans keep theirs (set them with `setAnnualPlan`).",
  })
  nature?: ProjectNature | null;

  @Field(() => [DesignationLevel], {
    nullable: true,
    description:
      "Key-project lists the project is on this year; replaces the whole list, on this year's plan and as the default for " +
      "new plans; other years' plans keep theirs (set them with `setAnnualPlan`).",
  })
  designationLevels?: DesignationLevel[] | null;

  @Field(() => String, { nullable: true, description: 'Division code of the tenant where it is built, within the owner; null clears it.' })
  locationTenantCode?: string | null;

  @Field(() => WanScalar, { nullable: true, description: 'Total investment (总投资), 万元; not below any yearly plan.' })
  totalInvestmentWan?: string | null;

  @Field(() => WanScalar, {
    nullable: true,
    description:
      'Funds in place (到位资金), 万元: a total above the current one records the difference as one fund arrival dated today; a ' +
      'lower one is BAD_USER_INPUT (remove the wrong arrival with `removeFundArrival`).',
    deprecationReason: 'Use `recordFundArrival`: funds in place are dated arrivals, so the figures of a period count what arrived in it.',
  })
  fundsInPlaceWan?: string | null;

  @Field(() => WanScalar, { nullable: true, description: 'Investment completed before monthly reporting started here, 万元.' })
  completedBeforeTrackingWan?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Planned start date (计划开工时间); null clears it.' })
  plannedStartOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Planned completion date (计划竣工时间); null clears it.' })
  plannedCompletionOn?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Entered in the statistics database (入库纳统).' })
  isInStatisticsDatabase?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'Project owner / construction unit (项目业主 / 建设单位), at most 200 characters; null clears it.',
  })
  ownerUnit?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact person (联系人), at most 50 characters; null clears it.' })
  contactName?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact telephone (联系电话), at most 30 characters; null clears it.' })
  contactPhone?: string | null;

  @Field(() => Int, { nullable: true, description: VERSION_DESCRIPTION })
  version?: number | null;
}

@InputType({ description: 'A dated stage change (阶段变更).' })
export class ChangeProjectStageInput implements ChangeProjectStage {
  @Field(() => ID, { description: 'Id of the project.' })
  projectId!: string;

  @Field(() => ProjectStage, { description: 'The stage the project reached.' })
  stage!: ProjectStage;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Date the project reached the stage; today when omitted. Not in the future, not before the previous change.',
  })
  changedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Why or how, e.g. the permit that allowed the start.' })
  note?: string | null;

  @Field(() => Int, { nullable: true, description: VERSION_DESCRIPTION })
  version?: number | null;
}

@InputType({ description: "Sets (creates or replaces) a project's planned investment for one year." })
export class SetAnnualPlanInput {
  @Field(() => ID, { description: 'Id of the project.' })
  projectId!: string;

  @Field(() => Int, { description: 'Calendar year of the plan, 2000-2100.' })
  year!: number;

  @Field(() => WanScalar, { description: 'Planned investment for the year, 万元.' })
  plannedInvestmentWan!: string;

  @Field(() => ProjectNature, {
    nullable: true,
    description: "Nature on that year's list (建设性质); when omitted, an existing plan keeps its own and a new one takes the project's.",
  })
  nature?: ProjectNature | null;

  @Field(() => [DesignationLevel], {
    nullable: true,
    description:
      "Levels whose lists include the project that year (replaces the plan's list); when omitted, an existing plan keeps its own " +
      "and a new one takes the project's.",
  })
  designationLevels?: DesignationLevel[] | null;

  @Field(() => [PlanFundingSourceInput], {
    nullable: true,
    description:
      'Where the planned investment comes from (资金来源), replacing the whole list ([] clears it): each source once, amounts above ' +
      'zero, together no more than the plan. When omitted, an existing plan keeps its sources (and the amount may not fall below them).',
  })
  fundingSources?: PlanFundingSourceInput[] | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "The project's version you last read; CONFLICT (field `input.version`) when the project changed since (its total " +
      "investment bounds the plan). Setting a plan leaves the project's version as it is. Omit to skip the check.",
  })
  version?: number | null;
}

export enum ProjectOrder {
  CREATED_AT_DESC = 'CREATED_AT_DESC',
  NAME_ASC = 'NAME_ASC',
  TOTAL_INVESTMENT_DESC = 'TOTAL_INVESTMENT_DESC',
}

registerEnumType(ProjectOrder, {
  name: 'ProjectOrder',
  description: 'Order of a project list; ties are broken by id so pages never overlap.',
  valuesConfig: {
    CREATED_AT_DESC: { description: 'Newest registration first (default).' },
    NAME_ASC: { description: 'By name, in Chinese order (拼音排序).' },
    TOTAL_INVESTMENT_DESC: { description: 'Largest total investment first.' },
  },
});

@InputType({ description: 'Which projects to list; all conditions must hold.' })
export class ProjectFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Only projects owned (or, with `basis: LOCATION`, built) in this tenant or any tenant beneath it (its subtree).',
  })
  tenantCode?: string | null;

  @Field(() => TenantBasis, {
    nullable: true,
    description: 'Whether `tenantCode` selects projects by owner (OWNER, the default) or by where they are built (LOCATION, 属地).',
  })
  basis?: TenantBasis | null;

  @Field(() => [ProjectCategory], { nullable: true, description: 'Only these categories.' })
  categories?: ProjectCategory[] | null;

  @Field(() => [ProjectStage], { nullable: true, description: 'Only these current stages.' })
  stages?: ProjectStage[] | null;

  @Field(() => [ProjectNature], {
    nullable: true,
    description:
      "Only these natures (new, continuing, preparatory) on `year`'s list; without `year`, the nature the project has now " +
      "(this year's list, else its own).",
  })
  natures?: ProjectNature[] | null;

  @Field(() => Int, {
    nullable: true,
    description: "Only projects on this year's key-project list, i.e. with a planned investment for the year (2000-2100).",
  })
  year?: number | null;

  @Field(() => DesignationLevel, {
    nullable: true,
    description:
      "Only projects on this level's key-project list of `year`; without `year`, on it now (this year's list, else its own levels).",
  })
  designationLevel?: DesignationLevel | null;

  @Field(() => Boolean, { nullable: true, description: 'Only projects in (true) or not in (false) the statistics database.' })
  isInStatisticsDatabase?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Name containing this text, or project code equal to it.' })
  search?: string | null;

  @Field(() => [LightColor], {
    nullable: true,
    description:
      "Only projects whose traffic light (信号灯) for `lightPeriod` is one of these colours: the same light as the project's " +
      '`trafficLight(period:)`, judged in the database, so the page and `totalCount` agree.',
  })
  lights?: LightColor[] | null;

  @Field(() => PeriodScalar, {
    nullable: true,
    description:
      'The month whose light `lights` selects by (2000-01 to the current month); the current month when omitted. Only with `lights`.',
  })
  lightPeriod?: Period | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Only projects held up by a preparatory approval today (手续制约开工: before the start, no start exception, an approval ' +
      "their city requires to start neither approved nor marked not needed): the projects the current month's " +
      '`rollup.approvals.heldUpProjectCount` counts; false: only those not held up.',
  })
  heldUpByApprovals?: boolean | null;
}
