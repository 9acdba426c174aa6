import type { GraphQLResolveInfo } from 'graphql';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { selectsFieldBeneath } from '../../graphql/selection';
import { subtractWan } from '../../money/wan';
import { WanScalar } from '../../money/wan.scalar';
import { DesignationLevel, ProjectCategory } from '../project/project.enums';
import { growthOf, percentOf } from './rollup-math';

/** The year's-list figures of a group of projects (a subtree, a category, a level), as summed in SQL. */
export interface ListTotals {
  /** Plans of the year: projects on the year's list (年度项目). */
  listedCount: number;
  annualPlanWan: string;
  /** Plans of the year whose nature is NEW (计划新开工), and those started by the end of the period. */
  newListedCount: number;
  newStartedCount: number;
  /** Plans of the year started by the end of the period or continuing (续建). */
  annualStartedCount: number;
  completedThisYearWan: string;
  completedSameTimeLastYearWan: string;
  pendingWan: string;
}

/** The rates of a group's list figures: computed once, the same way for the rollup and its breakdowns. */
export function listRates(totals: ListTotals) {
  return {
    completionRate: percentOf(totals.completedThisYearWan, totals.annualPlanWan),
    newStartRate: percentOf(totals.newStartedCount, totals.newListedCount),
    annualStartRate: percentOf(totals.annualStartedCount, totals.listedCount),
    yearOverYearGrowth: growthOf(totals.completedThisYearWan, totals.completedSameTimeLastYearWan),
    netIncreaseWan: subtractWan(totals.completedThisYearWan, totals.completedSameTimeLastYearWan),
  };
}

export const FIGURE_DESCRIPTIONS = {
  listedCount: "Projects on the year's key-project list (年度项目): with a plan for the period's year.",
  annualPlanWan: "Annual planned investment (年度计划投资) of the year's list, 万元.",
  completedThisYearWan: 'Completed investment this year through the period (本年完成投资), 万元: approved monthly reports only.',
  completionRate: 'Completion rate (完成率), percent: completed this year / annual plan.',
  completedSameTimeLastYearWan: 'Completed in the same months of last year (上年同期), 万元: approved reports.',
  yearOverYearGrowth: 'Year-over-year growth (同比增长), percent.',
  netIncreaseWan: 'Net increase over the same period last year (净增), 万元; negative when lower.',
  plannedToStartCount: "New projects of the year's list (计划新开工项目): plans of the year whose nature is NEW (新开工).",
  startedCount: 'Of those, started (stage STARTED or later) by the end of the period (已开工新开工项目).',
  newStartRate:
    "New-start rate (新开工项目开工率), percent: new projects of the year's list started by the end of the period / new projects of the list.",
  annualStartedCount: "Projects of the year's list started by the end of the period or continuing from earlier years (已开工及续建项目).",
  annualStartRate:
    "Annual start rate (年度项目开工率), percent: projects of the year's list started or continuing / all projects on the year's list.",
  pendingWan:
    'Completed investment this year through the period in reports still under review (待审核: SUBMITTED or RESUBMITTED), 万元; ' +
    'shown apart, in no other figure, until approved.',
  fundsInPlaceWan: 'Funds in place (到位资金) to date at the end of the period, 万元: every fund arrival on or before its last day.',
  fundsArrivedThisYearWan:
    "Funds that arrived this year through the period (本年到位资金), 万元: arrivals from January to the period's end.",
} as const;

/** The figures every group of a rollup carries, computed from summed numerators and denominators. */
@ObjectType()
export abstract class ListFigures {
  @Field(() => Int, { description: FIGURE_DESCRIPTIONS.listedCount })
  listedCount!: number;

  @Field(() => WanScalar, { description: FIGURE_DESCRIPTIONS.annualPlanWan })
  annualPlanWan!: string;

  @Field(() => WanScalar, { description: FIGURE_DESCRIPTIONS.completedThisYearWan })
  completedThisYearWan!: string;

  @Field(() => Float, { nullable: true, description: FIGURE_DESCRIPTIONS.completionRate })
  completionRate!: number | null;

  @Field(() => WanScalar, { description: FIGURE_DESCRIPTIONS.completedSameTimeLastYearWan })
  completedSameTimeLastYearWan!: string;

  @Field(() => Float, { nullable: true, description: FIGURE_DESCRIPTIONS.yearOverYearGrowth })
  yearOverYearGrowth!: number | null;

  @Field(() => WanScalar, { description: FIGURE_DESCRIPTIONS.netIncreaseWan })
  netIncreaseWan!: string;

  @Field(() => Int, { description: FIGURE_DESCRIPTIONS.plannedToStartCount })
  plannedToStartCount!: number;

  @Field(() => Int, { description: FIGURE_DESCRIPTIONS.startedCount })
  startedCount!: number;

  @Field(() => Float, { nullable: true, description: FIGURE_DESCRIPTIONS.newStartRate })
  newStartRate!: number | null;

  @Field(() => Int, { description: FIGURE_DESCRIPTIONS.annualStartedCount })
  annualStartedCount!: number;

  @Field(() => Float, { nullable: true, description: FIGURE_DESCRIPTIONS.annualStartRate })
  annualStartRate!: number | null;

  @Field(() => WanScalar, { description: FIGURE_DESCRIPTIONS.pendingWan })
  pendingWan!: string;
}

function listFields(totals: ListTotals): ListFigures {
  return {
    listedCount: totals.listedCount,
    annualPlanWan: totals.annualPlanWan,
    completedThisYearWan: totals.completedThisYearWan,
    completedSameTimeLastYearWan: totals.completedSameTimeLastYearWan,
    plannedToStartCount: totals.newListedCount,
    startedCount: totals.newStartedCount,
    annualStartedCount: totals.annualStartedCount,
    pendingWan: totals.pendingWan,
    ...listRates(totals),
  };
}

/** A category's totals as summed in SQL, with what only categories carry (the projects as of now, money to date). */
export interface CategoryTotals extends ListTotals {
  category: ProjectCategory;
  projectCount: number;
  totalInvestmentWan: string;
  fundsInPlaceWan: string;
  fundsArrivedThisYearWan: string;
}

@ObjectType({
  description:
    'The figures of one category (项目类别) of the subtree, computed as the rollup computes its own (exact sums, rates from them). ' +
    'The categories add up to the rollup.',
})
export class CategoryCount extends ListFigures {
  @Field(() => ProjectCategory, { description: 'The category.' })
  category!: ProjectCategory;

  @Field(() => Int, { description: 'Projects of it in the subtree, all stages, as of now.' })
  count!: number;

  @Field(() => WanScalar, { description: 'Total investment of those projects (总投资), 万元, as of now.' })
  totalInvestmentWan!: string;

  @Field(() => WanScalar, { description: FIGURE_DESCRIPTIONS.fundsInPlaceWan })
  fundsInPlaceWan!: string;

  @Field(() => WanScalar, { description: FIGURE_DESCRIPTIONS.fundsArrivedThisYearWan })
  fundsArrivedThisYearWan!: string;
}

export function categoryFigures(totals: CategoryTotals): CategoryCount {
  return Object.assign(new CategoryCount(), listFields(totals), {
    category: totals.category,
    count: totals.projectCount,
    totalInvestmentWan: totals.totalInvestmentWan,
    fundsInPlaceWan: totals.fundsInPlaceWan,
    fundsArrivedThisYearWan: totals.fundsArrivedThisYearWan,
  });
}

export interface LevelTotals extends ListTotals {
  level: DesignationLevel;
}

@ObjectType({
  description:
    "The figures of the projects on one level's key-project list (国家/省/市/县重点) of the period's year, by the levels each plan " +
    'has that year: computed as the rollup computes its own. A project on two lists counts in both, so the levels do not add up ' +
    "to the rollup. Reports count for the levels of their own year's plan (last year's for the same time last year).",
})
export class DesignationLevelFigures extends ListFigures {
  @Field(() => DesignationLevel, { description: 'The level.' })
  level!: DesignationLevel;
}

export function levelFigures(totals: LevelTotals): DesignationLevelFigures {
  return Object.assign(new DesignationLevelFigures(), listFields(totals), { level: totals.level });
}

/**
 * Whether a query selects a rollup's breakdown anywhere beneath the field being resolved (its
 * children's, a ranking's rollups'): then the rollups are read with it, in the same statement.
 */
export function selectsBreakdown(info: GraphQLResolveInfo): boolean {
  return selectsFieldBeneath(info, 'byCategory') || selectsFieldBeneath(info, 'byDesignationLevel');
}
