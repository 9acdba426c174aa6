import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar, PeriodScalar } from '../../calendar/calendar.scalars';
import type { Period } from '../../calendar/period';
import type { Message } from '../../language/message';
import { WanScalar } from '../../money/wan.scalar';
import { connectionType } from '../../pagination/connection';
import { AttractionFigures } from '../attraction/attraction-figures';
import { BlockerFigures } from '../blocker/blocker.types';
import { ReportingFigures } from '../progress-report/report-timeliness';
import { OrderFigures } from '../supervision-order/supervision-order.types';
import { CategoryCount, DesignationLevelFigures, ListFigures } from '../rollup/rollup-breakdown';
import { RankingMetric, TrafficLight } from '../rollup/rollup.types';
import { TenantLevel } from '../tenant/tenant.enums';
import type { LightThresholds } from '../rollup/traffic-light';
import type { ProjectScope } from './bulletin-projects';
import { BulletinPublication } from './bulletin-publication.entity';
import { BulletinRules } from './bulletin-rules.entity';

export { BulletinPublication };

/**
 * The monthly bulletin (月通报) as typed data. Every field here is a plain value (no getter, no
 * entity), so the same classes carry a live bulletin and a published one read back from its frozen
 * JSON: a published bulletin is this content, not a second shape of it.
 */

export enum BulletinSection {
  OVERVIEW = 'OVERVIEW',
  BY_TENANT = 'BY_TENANT',
  BY_CATEGORY = 'BY_CATEGORY',
  BY_DESIGNATION_LEVEL = 'BY_DESIGNATION_LEVEL',
  RED_LIST = 'RED_LIST',
  BLACK_LIST = 'BLACK_LIST',
  LAGGING_PROJECTS = 'LAGGING_PROJECTS',
  BLOCKERS = 'BLOCKERS',
  REPORTING = 'REPORTING',
  ATTRACTION = 'ATTRACTION',
  SUPERVISION_ORDERS = 'SUPERVISION_ORDERS',
}

registerEnumType(BulletinSection, {
  name: 'BulletinSection',
  description: 'A section of the monthly bulletin (月通报), in the order an office writes them; `enumLabels` gives the Chinese titles.',
  valuesConfig: {
    OVERVIEW: { description: '总体情况: the figures of the whole subtree (`overview`).' },
    BY_TENANT: { description: '分地区: a row per child tenant, ranked (`byTenant`).' },
    BY_CATEGORY: { description: '分类别: by project category (`byCategory`).' },
    BY_DESIGNATION_LEVEL: { description: '分级别: by designation level (`byDesignationLevel`).' },
    RED_LIST: { description: '红榜: leading tenants and projects by the city’s rules (`redList`).' },
    BLACK_LIST: { description: '黑榜: lagging tenants and projects by the city’s rules (`blackList`).' },
    LAGGING_PROJECTS: { description: '滞后项目: every project whose light is not green, with the reasons (`laggingProjects`).' },
    BLOCKERS: { description: '要素制约: blockers new, escalated, resolved and open, 办结率 (`blockers`).' },
    REPORTING: { description: '月报报送: late and missing reports per child tenant, on-time rate (`reporting`).' },
    ATTRACTION: { description: '招商引资: signed, 履约率, funds in place (`attraction`).' },
    SUPERVISION_ORDERS: { description: '督办: supervision orders issued, closed and overdue (`supervisionOrders`).' },
  },
});

export enum BulletinListRule {
  AHEAD_OF_TIME_PROGRESS = 'AHEAD_OF_TIME_PROGRESS',
  BEHIND_TIME_PROGRESS = 'BEHIND_TIME_PROGRESS',
  PLANNED_START_MISSED = 'PLANNED_START_MISSED',
  OVERDUE_MILESTONES = 'OVERDUE_MILESTONES',
}

registerEnumType(BulletinListRule, {
  name: 'BulletinListRule',
  description: 'A rule of the city’s bulletin rules (`BulletinRules`) that put an entry on the 红榜 or the 黑榜.',
  valuesConfig: {
    AHEAD_OF_TIME_PROGRESS: {
      description: 'Completion rate ahead of time progress by `redListAheadPoints` or more (红榜), in percentage points.',
    },
    BEHIND_TIME_PROGRESS: {
      description: 'Completion rate behind time progress by `blackListBehindPoints` or more (黑榜), in percentage points.',
    },
    PLANNED_START_MISSED: {
      description: 'A project of the year’s list past its planned start date and not started (未按期开工, 黑榜).',
    },
    OVERDUE_MILESTONES: { description: 'A project with `blackListOverdueMilestones` or more overdue milestones (黑榜).' },
  },
});

export enum BulletinEntryKind {
  TENANT = 'TENANT',
  PROJECT = 'PROJECT',
}

registerEnumType(BulletinEntryKind, {
  name: 'BulletinEntryKind',
  description: 'Whether a 红榜 / 黑榜 entry names a child tenant or a project.',
  valuesConfig: {
    TENANT: { description: 'A child tenant (县区 / 乡镇).' },
    PROJECT: { description: 'A project of the subtree.' },
  },
});

@ObjectType({ description: 'A section of the bulletin and its title, in the order of the document.' })
export class BulletinSectionTitle {
  @Field(() => BulletinSection, { description: 'The section.' })
  section!: BulletinSection;

  /** Both languages; BulletinSectionTitleResolver shows the reader's. */
  @Field(() => String, { description: "The section's title (e.g. 总体情况), in the request's language." })
  title!: Message;
}

@ObjectType({
  description:
    'The figures of a subtree in the bulletin: exactly the rollup’s (`rollup(tenantCode, period)`) for the same tenant and month, ' +
    'by owner, computed by the same functions.',
})
export class BulletinFigures extends ListFigures {
  @Field(() => Int, { description: 'Projects in the subtree (项目总数), all stages, as of the day the bulletin was read.' })
  projectCount!: number;

  @Field(() => WanScalar, { description: 'Total investment of all projects in the subtree (总投资), 万元.' })
  totalInvestmentWan!: string;

  @Field(() => Float, { description: 'Time progress (时序进度), percent, as the rollup gives it.' })
  timeProgress!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Progress gap in percentage points: completion rate − time progress (negative = behind, 滞后); null without a plan.',
  })
  progressGap!: number | null;

  @Field(() => WanScalar, { description: 'Funds in place (到位资金) to date at the end of the period, 万元.' })
  fundsInPlaceWan!: string;

  @Field(() => WanScalar, { description: 'Funds that arrived this year through the period (本年到位资金), 万元.' })
  fundsArrivedThisYearWan!: string;

  @Field(() => Int, { description: 'Milestones open past their due date (逾期节点) at the end of the period.' })
  overdueMilestoneCount!: number;

  @Field(() => TrafficLight, { description: 'The traffic light (信号灯) of the subtree with its reasons, by the city’s rules.' })
  trafficLight!: TrafficLight;
}

@ObjectType({ description: '总体情况: the tenant’s own figures for the month.' })
export class BulletinOverview extends BulletinFigures {}

@ObjectType({ description: '分地区: one child tenant’s row, with its place among its siblings.' })
export class BulletinTenantRow extends BulletinFigures {
  @Field({ description: 'Division code of the child tenant.' })
  tenantCode!: string;

  @Field({ description: 'Its name, e.g. 德城区.' })
  tenantName!: string;

  @Field(() => Int, {
    description: 'Position by the section’s metric (1 is best), as `ranking` gives it; tenants without a value come last.',
  })
  position!: number;

  @Field(() => Int, { nullable: true, description: 'Position last month; null when it had no value then.' })
  previousPosition!: number | null;

  @Field(() => Int, { nullable: true, description: 'Places gained since last month (positive = moved up, 位次变化).' })
  positionChange!: number | null;
}

@ObjectType({ description: '分地区: the child tenants ranked as `ranking(parentCode, period, metric)` ranks them.' })
export class BulletinTenantSection {
  @Field(() => RankingMetric, { description: 'The figure the rows are ranked by: the city’s bulletin rules’ `rankingMetric`.' })
  metric!: RankingMetric;

  @Field(() => [BulletinTenantRow], { description: 'A row per child tenant the viewer reads, by position then code.' })
  rows!: BulletinTenantRow[];
}

@ObjectType({ description: 'Why an entry is on the 红榜 or 黑榜: one rule, what it measured and the threshold.' })
export class BulletinListReason {
  @Field(() => BulletinListRule, { description: 'The rule.' })
  rule!: BulletinListRule;

  @Field(() => Float, {
    description:
      'What the rule measured: percentage points ahead of (AHEAD_OF_TIME_PROGRESS) or behind (BEHIND_TIME_PROGRESS) time progress, ' +
      'days past the planned start (PLANNED_START_MISSED), overdue milestones (OVERDUE_MILESTONES).',
  })
  figure!: number;

  @Field(() => Float, { description: 'The threshold of the city’s rule, in the unit of `figure`.' })
  threshold!: number;

  /** Both languages; BulletinListReasonResolver shows the reader's. */
  @Field(() => String, { description: "What the rule found, in words, in the request's language." })
  message!: Message;
}

/** Who an entry is about and how far its year's plan is done: what a 红榜 / 黑榜 entry and a lagging project both show. */
@ObjectType()
export abstract class BulletinProgress {
  @Field({ description: 'Division code of the tenant; for a project, of its owner (责任地区).' })
  tenantCode!: string;

  @Field({ description: 'Name of the tenant; for a project, of its owner.' })
  tenantName!: string;

  @Field(() => WanScalar, { description: 'Annual planned investment (年度计划投资), 万元.' })
  annualPlanWan!: string;

  @Field(() => WanScalar, { description: 'Completed this year through the period (本年完成投资), 万元: approved reports.' })
  completedThisYearWan!: string;

  @Field(() => Float, { nullable: true, description: 'Completion rate (完成率), percent; null without a plan.' })
  completionRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Completion rate − time progress, percentage points; null without a plan.' })
  progressGap!: number | null;
}

@ObjectType({ description: 'An entry of the 红榜 or 黑榜: a child tenant or a project, and why it is there.' })
export class BulletinListEntry extends BulletinProgress {
  @Field(() => BulletinEntryKind, { description: 'A child tenant or a project.' })
  kind!: BulletinEntryKind;

  @Field(() => ID, { nullable: true, description: 'The project, for a PROJECT entry; null for a tenant.' })
  projectId!: string | null;

  @Field(() => String, { nullable: true, description: 'Name of the project, for a PROJECT entry; null for a tenant.' })
  projectName!: string | null;

  @Field(() => [BulletinListReason], { description: 'Every rule that put it on the list.' })
  reasons!: BulletinListReason[];
}

@ObjectType({
  description:
    '红榜 or 黑榜: child tenants and projects by the city’s bulletin rules, at most `maxEntries` of each; the furthest ahead ' +
    '(红榜) or behind (黑榜) first.',
})
export class BulletinList {
  @Field(() => [BulletinListEntry], { description: 'Child tenants on the list.' })
  tenants!: BulletinListEntry[];

  @Field(() => [BulletinListEntry], { description: 'Projects of the subtree on the list.' })
  projects!: BulletinListEntry[];
}

@ObjectType({
  description:
    '滞后项目: a project of the subtree, on the year’s list, whose traffic light for the month is yellow or red, with the ' +
    'light’s reasons: the same light as `Project.trafficLight(period)`.',
})
export class LaggingProject extends BulletinProgress {
  @Field(() => ID, { description: 'The project.' })
  projectId!: string;

  @Field({ description: 'Its name.' })
  projectName!: string;

  @Field(() => String, { nullable: true, description: 'National investment project code (项目代码), when it has one.' })
  projectCode!: string | null;

  @Field(() => Int, { description: 'Milestones overdue at the end of the period (逾期节点).' })
  overdueMilestoneCount!: number;

  @Field(() => Int, { description: 'Blockers open at the end of the period (未解决要素制约).' })
  openBlockerCount!: number;

  @Field(() => TrafficLight, { description: 'Its light and the reasons (滞后原因).' })
  trafficLight!: TrafficLight;
}

export const LaggingProjectConnection = connectionType(
  LaggingProject,
  'LaggingProjectConnection',
  'A page of the bulletin’s lagging projects (滞后项目), by owner code then project id.',
);

/**
 * The sections below are the rollup's own types (its `blockers`, `reporting`, `attraction` and
 * `supervisionOrders`), extended by what only a bulletin says: the month's movement and the rows per
 * child tenant. Their derived figures (sums by type, rates) are getters, so a published bulletin
 * stores the counts and derives the rest as the rollup does (bulletin-freeze.ts rebuilds them).
 */
@ObjectType({
  description:
    '要素制约: the blocker figures of the subtree at the end of the period, as `rollup.blockers` gives them, and the month’s ' +
    'movement (this month’s figures less last month’s).',
})
export class BulletinBlockers extends BlockerFigures {
  @Field(() => Int, { description: 'Raised in the month (本月新增): raised to the end of the month less raised to the end of last month.' })
  raisedInMonthCount!: number;

  @Field(() => Int, {
    description:
      'Resolved in the month, net (本月办结): resolved to the end of the month less resolved to the end of last month; a reopened ' +
      'resolution counts back.',
  })
  resolvedInMonthCount!: number;
}

@ObjectType({ description: 'How a subtree reported for the month (月报报送), as `rollup.reporting` counts it.' })
export class BulletinReportingFigures extends ReportingFigures {}

@ObjectType({ description: 'One child tenant’s reporting (月报报送) in the bulletin.' })
export class BulletinReportingRow extends BulletinReportingFigures {
  @Field({ description: 'Division code of the child tenant.' })
  tenantCode!: string;

  @Field({ description: 'Its name.' })
  tenantName!: string;
}

@ObjectType({ description: '月报报送: the subtree’s reporting and each child tenant’s.' })
export class BulletinReporting {
  @Field(() => BulletinReportingFigures, { description: 'The whole subtree.' })
  total!: BulletinReportingFigures;

  @Field(() => [BulletinReportingRow], { description: 'A row per child tenant the viewer reads, by code.' })
  rows!: BulletinReportingRow[];
}

@ObjectType({ description: '招商引资: the attraction figures of the subtree, as `rollup.attraction` gives them.' })
export class BulletinAttraction extends AttractionFigures {}

@ObjectType({
  description: '督办: the supervision-order figures of the subtree, as `rollup.supervisionOrders` gives them, and the month’s movement.',
})
export class BulletinSupervisionOrders extends OrderFigures {
  @Field(() => Int, { description: 'Issued in the month (本月下发): issued to the end of the month less to the end of last month.' })
  issuedInMonthCount!: number;

  @Field(() => Int, { description: 'Closed in the month (本月办结): closed to the end of the month less to the end of last month.' })
  closedInMonthCount!: number;
}

@ObjectType({
  description:
    'The monthly bulletin (月通报) of a tenant for a month, section by section, as an office circulates it. Live from the figures ' +
    '(`monthlyBulletin`) or frozen when published (`publishedBulletin`, then `publication` is set). Every figure equals the ' +
    "rollup's for the same tenant and month (by owner).",
})
export class MonthlyBulletin {
  @Field({ description: 'Division code of the tenant the bulletin is for.' })
  tenantCode!: string;

  @Field({ description: 'Its name, e.g. 德州市.' })
  tenantName!: string;

  @Field(() => TenantLevel, { description: 'Its level: a city’s bulletin ranks counties, a county’s ranks towns.' })
  tenantLevel!: TenantLevel;

  @Field(() => PeriodScalar, { description: 'The month.' })
  period!: Period;

  @Field(() => LocalDateScalar, { description: 'The day the figures stand on: the last day of the month, or today while it runs.' })
  asOf!: string;

  /** Both languages; BulletinResolver shows the reader's. */
  @Field(() => String, { description: "The document's title, e.g. 德州市重点项目建设情况通报（2026年11月）, in the request's language." })
  title!: Message;

  @Field(() => [BulletinSectionTitle], { description: 'The sections in the order of the document, with their titles.' })
  sections!: BulletinSectionTitle[];

  @Field(() => BulletinRules, { description: 'The bulletin rules the 红榜, 黑榜 and ranking were made by (the city’s, or the defaults).' })
  rules!: BulletinRules;

  @Field(() => BulletinOverview, { description: '总体情况.' })
  overview!: BulletinOverview;

  @Field(() => BulletinTenantSection, { description: '分地区.' })
  byTenant!: BulletinTenantSection;

  @Field(() => [CategoryCount], { description: '分类别: every category, as `rollup.byCategory`.' })
  byCategory!: CategoryCount[];

  @Field(() => [DesignationLevelFigures], { description: '分级别: every designation level, as `rollup.byDesignationLevel`.' })
  byDesignationLevel!: DesignationLevelFigures[];

  @Field(() => BulletinList, { description: '红榜.' })
  redList!: BulletinList;

  @Field(() => BulletinList, { description: '黑榜.' })
  blackList!: BulletinList;

  @Field(() => Int, { description: '滞后项目: how many; the projects themselves are the paged `laggingProjects`.' })
  laggingProjectCount!: number;

  // laggingProjects(first, after) is a field resolver (BulletinResolver): a city's list is not held at once.

  @Field(() => BulletinBlockers, { description: '要素制约.' })
  blockers!: BulletinBlockers;

  @Field(() => BulletinReporting, { description: '月报报送.' })
  reporting!: BulletinReporting;

  @Field(() => BulletinAttraction, { description: '招商引资.' })
  attraction!: BulletinAttraction;

  @Field(() => BulletinSupervisionOrders, { description: '督办.' })
  supervisionOrders!: BulletinSupervisionOrders;

  @Field(() => BulletinPublication, {
    nullable: true,
    description: 'The publication this content was frozen in; null for a live bulletin (`monthlyBulletin`).',
  })
  publication!: BulletinPublication | null;

  /** How a live bulletin reads its lagging projects (the subtree, the day, the light's thresholds); absent once published. */
  live?: { scope: ProjectScope; timeProgress: number; thresholds: LightThresholds };
}
