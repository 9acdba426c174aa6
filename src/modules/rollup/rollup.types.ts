import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PeriodScalar } from '../../calendar/calendar.scalars';
import type { Period } from '../../calendar/period';
import type { Message } from '../../language/message';
import { WanScalar } from '../../money/wan.scalar';
import { ProjectStage } from '../project/project.enums';
import { TenantBasis } from '../project/tenant-basis';
import type { Tenant } from '../tenant/tenant.entity';
import type { CategoryCount, DesignationLevelFigures } from './rollup-breakdown';
import { FIGURE_DESCRIPTIONS, type ListTotals } from './rollup-breakdown';
import { LightColor, LightRule, type LightThresholds } from './traffic-light';

@ObjectType({ description: 'Why a light is not green: one rule and what it found.' })
export class LightReason {
  @Field(() => LightRule, { description: 'The rule.' })
  rule!: LightRule;

  @Field(() => LightColor, { description: 'The colour this rule alone gives.' })
  color!: LightColor;

  @Field(() => Float, {
    description:
      "What the rule measured, in the rule's own unit: percentage points behind time progress (PROGRESS_GAP); for a project " +
      'the number of overdue milestones or open blockers; for a tenant the percentage of its projects with one.',
  })
  figure!: number;

  @Field(() => Float, { description: 'The threshold from which the rule turns yellow, in the unit of `figure`.' })
  yellowFrom!: number;

  @Field(() => Float, { description: 'The threshold from which the rule turns red, in the unit of `figure`.' })
  redFrom!: number;

  /** Both languages; LightReasonResolver shows the reader's. */
  @Field(() => String, {
    description: "What the rule found, in words: the figure and the thresholds, in the request's language (Accept-Language).",
  })
  message!: Message;
}

@ObjectType({ description: 'Traffic light (信号灯) of a project or tenant, with the rules that decided it.' })
export class TrafficLight {
  @Field(() => LightColor, { description: 'The worst colour of any rule.' })
  color!: LightColor;

  @Field(() => [LightReason], { description: 'Every rule that is not green; empty when green.' })
  reasons!: LightReason[];
}

@ObjectType({ description: 'Projects at one stage.' })
export class StageCount {
  @Field(() => ProjectStage, { description: 'The stage.' })
  stage!: ProjectStage;

  @Field(() => Int, { description: 'Projects currently at it.' })
  count!: number;
}

/** The numbers of one tenant's subtree for one period, before they become GraphQL fields. */
export interface RollupFigures extends ListTotals {
  projectCount: number;
  byStage: StageCount[];
  /** By category and by level: read only when a query selects them (see RollupBreakdownResolver). */
  byCategory?: CategoryCount[];
  byDesignationLevel?: DesignationLevelFigures[];
  completedThroughPeriodWan: string;
  openingWan: string;
  totalInvestmentWan: string;
  fundsInPlaceWan: string;
  fundsArrivedThisYearWan: string;
  reportCount: number;
  overdueMilestoneCount: number;
  /** Projects with at least one overdue milestone / open blocker on the day the figures stand on. */
  projectsWithOverdueMilestoneCount: number;
  projectsWithOpenBlockerCount: number;
  cumulativeTargetWan: string;
}

@ObjectType({
  description:
    "The figures a leader reads for a tenant's whole subtree in a period (月度汇总): every project beneath the tenant, " +
    'counted once. Year-to-date figures run from January to the end of the period. Percentages are computed from summed ' +
    'numerators and denominators and are null where the denominator is zero.',
})
export class Rollup {
  tenantEntity!: Tenant;
  periodValue!: Period;
  /** Whose projects the figures count: the owner's (the default) or those built in the subtree. */
  basisValue!: TenantBasis;
  figures!: RollupFigures;
  /** The children's rollups when they were read together with this one (one round trip). */
  childRollups?: Rollup[];
  /** The parent's code when this rollup was read as one of its children (its breakdown is read with theirs). */
  readAsChildOf?: string;
  /** The traffic-light thresholds of the tenant's city. */
  thresholds!: LightThresholds;
  /** The trend when it was read together with this rollup, for the range it was read for. */
  trendRead?: { from: Period; to: Period; points: TrendPoint[] };

  @Field(() => PeriodScalar, { description: 'The month the figures are for.' })
  get period(): Period {
    return this.periodValue;
  }

  @Field(() => TenantBasis, {
    description: 'Whose projects the figures count: owned in the subtree (OWNER) or built there (LOCATION, 属地).',
  })
  get basis(): TenantBasis {
    return this.basisValue;
  }

  @Field(() => Int, { description: 'Projects in the subtree (项目总数), all stages, as of now.' })
  get projectCount(): number {
    return this.figures.projectCount;
  }

  @Field(() => [StageCount], { description: 'Projects by current stage (梯次推进), every stage listed.' })
  get byStage(): StageCount[] {
    return this.figures.byStage;
  }

  @Field(() => Int, { description: FIGURE_DESCRIPTIONS.listedCount })
  get listedCount(): number {
    return this.figures.listedCount;
  }

  @Field(() => Int, { description: FIGURE_DESCRIPTIONS.plannedToStartCount })
  get plannedToStartCount(): number {
    return this.figures.newListedCount;
  }

  @Field(() => Int, { description: FIGURE_DESCRIPTIONS.startedCount })
  get startedCount(): number {
    return this.figures.newStartedCount;
  }

  @Field(() => Float, { nullable: true, description: FIGURE_DESCRIPTIONS.newStartRate })
  newStartRate!: number | null;

  @Field(() => Int, { description: FIGURE_DESCRIPTIONS.annualStartedCount })
  get annualStartedCount(): number {
    return this.figures.annualStartedCount;
  }

  @Field(() => Float, { nullable: true, description: FIGURE_DESCRIPTIONS.annualStartRate })
  annualStartRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Start rate (开工率), percent: the new-start rate (新开工项目开工率).',
    deprecationReason:
      'Use `newStartRate`: the same figure, named for what it counts beside `annualStartRate` (年度项目开工率). It now counts the new ' +
      "projects (新开工) of the year's list, no longer every project with a planned start date in the year.",
  })
  get startRate(): number | null {
    return this.newStartRate;
  }

  @Field(() => WanScalar, { description: FIGURE_DESCRIPTIONS.annualPlanWan })
  get annualPlanWan(): string {
    return this.figures.annualPlanWan;
  }

  @Field(() => WanScalar, { description: FIGURE_DESCRIPTIONS.completedThisYearWan })
  get completedThisYearWan(): string {
    return this.figures.completedThisYearWan;
  }

  @Field(() => WanScalar, { description: FIGURE_DESCRIPTIONS.pendingWan })
  get pendingWan(): string {
    return this.figures.pendingWan;
  }

  @Field(() => Float, { nullable: true, description: FIGURE_DESCRIPTIONS.completionRate })
  completionRate!: number | null;

  @Field(() => Float, {
    description:
      'Time progress (时序进度), percent: whole days of the year elapsed at the end of the period over the days in the year; ' +
      'for the running month, days elapsed to the end of yesterday.',
  })
  timeProgress!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Progress gap in percentage points: completion rate − time progress (negative = behind, 滞后).',
  })
  progressGap!: number | null;

  @Field(() => WanScalar, { description: FIGURE_DESCRIPTIONS.completedSameTimeLastYearWan })
  get completedSameTimeLastYearWan(): string {
    return this.figures.completedSameTimeLastYearWan;
  }

  @Field(() => Float, { nullable: true, description: FIGURE_DESCRIPTIONS.yearOverYearGrowth })
  yearOverYearGrowth!: number | null;

  @Field(() => WanScalar, { description: FIGURE_DESCRIPTIONS.netIncreaseWan })
  netIncreaseWan!: string;

  @Field(() => WanScalar, { description: 'Total investment of all projects in the subtree (总投资), 万元, as of now.' })
  get totalInvestmentWan(): string {
    return this.figures.totalInvestmentWan;
  }

  @Field(() => WanScalar, { description: 'Completed since start through the period (累计完成投资), 万元, opening balances included.' })
  completedSinceStartWan!: string;

  @Field(() => WanScalar, { description: FIGURE_DESCRIPTIONS.fundsInPlaceWan })
  get fundsInPlaceWan(): string {
    return this.figures.fundsInPlaceWan;
  }

  @Field(() => WanScalar, { description: FIGURE_DESCRIPTIONS.fundsArrivedThisYearWan })
  get fundsArrivedThisYearWan(): string {
    return this.figures.fundsArrivedThisYearWan;
  }

  @Field(() => WanScalar, {
    description:
      "Cumulative target to the end of the period (序时目标): the monthly targets of the year's plans (任务分解) from January, 万元.",
  })
  get cumulativeTargetWan(): string {
    return this.figures.cumulativeTargetWan;
  }

  @Field(() => Float, {
    nullable: true,
    description: 'Completion against the cumulative target (序时完成率), percent: completed this year / cumulative target.',
  })
  targetCompletionRate!: number | null;

  @Field(() => Int, { description: 'Approved monthly reports for the period (已审核月报); only approved figures count.' })
  get reportCount(): number {
    return this.figures.reportCount;
  }

  @Field(() => Int, {
    description: 'Milestones open past their due date (逾期节点) at the end of the period (today for the current month).',
  })
  get overdueMilestoneCount(): number {
    return this.figures.overdueMilestoneCount;
  }

  @Field(() => Int, {
    description:
      'Projects in the subtree with at least one overdue milestone (有逾期节点的项目) at the end of the period (today for the ' +
      'current month): what the light measures as a share of `projectCount`.',
  })
  get projectsWithOverdueMilestoneCount(): number {
    return this.figures.projectsWithOverdueMilestoneCount;
  }

  @Field(() => Int, {
    description:
      'Projects in the subtree with at least one open blocker (存在未解决要素制约的项目) at the end of the period (today for the ' +
      'current month): what the light measures as a share of `projectCount`.',
  })
  get projectsWithOpenBlockerCount(): number {
    return this.figures.projectsWithOpenBlockerCount;
  }

  // openBlockerCount and blockers are resolved in RollupResolver: they need the blocker figures,
  // which only a dashboard that selects them pays for.

  /** The day the figures stand on: the end of the period, or today while it is running (periodAsOf). */
  asOf!: string;
}

@ObjectType({ description: 'One month of a trend (走势).' })
export class TrendPoint {
  @Field(() => PeriodScalar, { description: 'The month.' })
  period!: Period;

  @Field(() => WanScalar, { description: 'Completed in the month, 万元.' })
  completedInMonthWan!: string;

  @Field(() => WanScalar, { description: 'Completed from January through the month, 万元.' })
  completedThisYearWan!: string;

  @Field(() => WanScalar, {
    description: "The month's target (月度目标): the monthly targets of that year's plans (任务分解) for the month, 万元.",
  })
  targetInMonthWan!: string;

  @Field(() => WanScalar, {
    description: 'Cumulative target from January through the month (序时目标), 万元; equals `Rollup.cumulativeTargetWan` for that month.',
  })
  cumulativeTargetWan!: string;

  @Field(() => WanScalar, { description: 'Annual plan of that year, 万元.' })
  annualPlanWan!: string;

  @Field(() => Float, { nullable: true, description: 'Completion rate at the end of the month, percent.' })
  completionRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Completion against the cumulative target (序时完成率) at the end of the month, percent; null when the target is zero. Equals `Rollup.targetCompletionRate` for that month.',
  })
  targetCompletionRate!: number | null;

  @Field(() => Float, { description: 'Time progress at the end of the month (to the end of yesterday for the running month), percent.' })
  timeProgress!: number;
}

export enum RankingMetric {
  COMPLETION_RATE = 'COMPLETION_RATE',
  PROGRESS_GAP = 'PROGRESS_GAP',
  START_RATE = 'START_RATE',
  NEW_START_RATE = 'NEW_START_RATE',
  ANNUAL_START_RATE = 'ANNUAL_START_RATE',
  COMPLETED_THIS_YEAR = 'COMPLETED_THIS_YEAR',
  YEAR_OVER_YEAR_GROWTH = 'YEAR_OVER_YEAR_GROWTH',
  NET_INCREASE = 'NET_INCREASE',
  FUNDS_IN_PLACE = 'FUNDS_IN_PLACE',
  OVERDUE_MILESTONES = 'OVERDUE_MILESTONES',
}

registerEnumType(RankingMetric, {
  name: 'RankingMetric',
  description:
    'Figure to rank siblings by (季度评比). Higher ranks first, except overdue milestones (fewer ranks first). A ' +
    'ranking entry carries the figure in the field of its kind: a rate in `rate`, money in `amountWan`, a count in `count`.',
  valuesConfig: {
    COMPLETION_RATE: { description: 'Completion rate (完成率), percent: `rate`.' },
    PROGRESS_GAP: { description: 'Completion rate minus time progress, in percentage points: `rate`.' },
    START_RATE: {
      description: 'Start rate (开工率), percent: `rate`; the new-start rate.',
      deprecationReason: 'Use NEW_START_RATE: the same figure, named beside ANNUAL_START_RATE.',
    },
    NEW_START_RATE: { description: 'New-start rate (新开工项目开工率), percent: `rate`.' },
    ANNUAL_START_RATE: { description: 'Annual start rate (年度项目开工率), percent: `rate`.' },
    COMPLETED_THIS_YEAR: { description: 'Completed this year (本年完成投资), 万元: `amountWan`.' },
    YEAR_OVER_YEAR_GROWTH: { description: 'Year-over-year growth (同比增长), percent: `rate`.' },
    NET_INCREASE: { description: 'Net increase over the same months of last year (净增), 万元: `amountWan`.' },
    FUNDS_IN_PLACE: { description: 'Funds in place (到位资金), 万元: `amountWan`.' },
    OVERDUE_MILESTONES: { description: 'Overdue milestones (逾期节点), a count: `count`.' },
  },
});

@ObjectType({ description: "A tenant's place in a ranking of siblings." })
export class RankingEntry {
  @Field(() => Int, { description: 'Position (1 is best); equal values share a position (1, 2, 2, 4).' })
  position!: number;

  @Field(() => Int, { nullable: true, description: 'Position in the previous period; null when it had no value then.' })
  previousPosition!: number | null;

  @Field(() => Int, { nullable: true, description: 'Places gained since the previous period (positive = moved up).' })
  positionChange!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'The rate ranked by, as the rollup gives it (a Float, percent; percentage points for PROGRESS_GAP), for COMPLETION_RATE, ' +
      'PROGRESS_GAP, NEW_START_RATE, ANNUAL_START_RATE (START_RATE) and YEAR_OVER_YEAR_GROWTH; null for the other metrics, and when the rate is undefined (nothing planned).',
  })
  rate!: number | null;

  @Field(() => WanScalar, {
    nullable: true,
    description: 'The amount ranked by, 万元 exact, for COMPLETED_THIS_YEAR, NET_INCREASE and FUNDS_IN_PLACE; null for the other metrics.',
  })
  amountWan!: string | null;

  @Field(() => Int, { nullable: true, description: 'The count ranked by, for OVERDUE_MILESTONES; null for the other metrics.' })
  count!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The figure ranked by, as text (a rate, 万元 with four decimals, or a count); null when undefined.',
    deprecationReason: 'Use `rate`, `amountWan` or `count`, whichever the metric is: the same figure, typed as the rollup types it.',
  })
  value!: string | null;

  @Field(() => Rollup, { description: 'All figures of the tenant for the period.' })
  rollup!: Rollup;
}
