import type { ChildFiguresFragment, LightFieldsFragment, OverviewFiguresFragment } from '../gql/graphql';
import { formatCount, formatPercent, formatPoints, formatWan } from './money';

/** One figure of the rollup as a card shows it: its value, what it is made of, and the light rule that reads it. */
export interface OverviewFigure {
  /** `figure-<test>` in the page: the tests find each figure by it. */
  readonly test: string;
  readonly name: string;
  readonly value: string;
  readonly detail: string;
  readonly reason?: LightFieldsFragment['reasons'][number] | undefined;
}

/** The reason a light rule gives, shown beside the figure the rule reads. */
const reasonOf = (light: LightFieldsFragment, rule: string) => light.reasons.find((r) => r.rule === rule);

/** The key figures of a rollup, as 总览 and the 大屏 both show them (the same words, the same rounding). */
export function overviewFigures(r: OverviewFiguresFragment): OverviewFigure[] {
  const light = r.trafficLight;
  return [
    {
      test: 'projectCount',
      name: '项目总数',
      value: `${formatCount(r.projectCount)} 个`,
      detail: `年度项目 ${formatCount(r.listedCount)} 个，总投资 ${formatWan(r.totalInvestmentWan)}`,
    },
    {
      test: 'annualPlanWan',
      name: '年度计划投资',
      value: formatWan(r.annualPlanWan),
      detail: `序时目标 ${formatWan(r.cumulativeTargetWan)}，序时完成率 ${formatPercent(r.targetCompletionRate)}`,
    },
    {
      test: 'completedThisYearWan',
      name: '本年完成投资',
      value: formatWan(r.completedThisYearWan),
      detail: `另有待审核 ${formatWan(r.pendingWan)}（未计入）`,
    },
    {
      test: 'completionRate',
      name: '完成率',
      value: formatPercent(r.completionRate),
      detail: `时序进度 ${formatPercent(r.timeProgress)}，进度差 ${formatPoints(r.progressGap)}`,
      reason: reasonOf(light, 'PROGRESS_GAP'),
    },
    {
      test: 'newStartRate',
      name: '新开工项目开工率',
      value: formatPercent(r.newStartRate),
      detail: `已开工 ${formatCount(r.startedCount)} 个 / 计划新开工 ${formatCount(r.plannedToStartCount)} 个`,
    },
    {
      test: 'annualStartRate',
      name: '年度项目开工率',
      value: formatPercent(r.annualStartRate),
      detail: `已开工及续建 ${formatCount(r.annualStartedCount)} 个 / 年度项目 ${formatCount(r.listedCount)} 个`,
    },
    {
      test: 'yearOverYearGrowth',
      name: '同比增长',
      value: formatPercent(r.yearOverYearGrowth),
      detail: `上年同期 ${formatWan(r.completedSameTimeLastYearWan)}，净增 ${formatWan(r.netIncreaseWan)}`,
    },
    {
      test: 'fundsInPlaceWan',
      name: '到位资金',
      value: formatWan(r.fundsInPlaceWan),
      detail: `其中本年到位 ${formatWan(r.fundsArrivedThisYearWan)}`,
    },
    {
      test: 'overdueMilestoneCount',
      name: '逾期节点',
      value: `${formatCount(r.overdueMilestoneCount)} 个`,
      detail: `涉及项目 ${formatCount(r.projectsWithOverdueMilestoneCount)} 个`,
      reason: reasonOf(light, 'OVERDUE_MILESTONES'),
    },
    {
      test: 'openBlockerCount',
      name: '未解决要素制约',
      value: `${formatCount(r.openBlockerCount)} 个`,
      detail: `提请上级协调 ${formatCount(r.blockers.escalatedCount)} 个，逾期 ${formatCount(r.blockers.overdueCount)} 个`,
      reason: reasonOf(light, 'OPEN_BLOCKERS'),
    },
    {
      test: 'orderClosureRate',
      name: '督办办结率',
      value: formatPercent(r.supervisionOrders.closureRate),
      detail: `累计下发 ${formatCount(r.supervisionOrders.issuedCount)} 件：已办结 ${formatCount(r.supervisionOrders.closedCount)}，未办结 ${formatCount(r.supervisionOrders.openCount)}（逾期 ${formatCount(r.supervisionOrders.overdueCount)}）`,
    },
    {
      test: 'lateReports',
      name: '月报逾期未报',
      value: `${formatCount(r.reporting.lateCount + r.reporting.missingCount)} 份`,
      detail: `应报 ${formatCount(r.reporting.owedCount)} 份：逾期 ${formatCount(r.reporting.lateCount)}，未报 ${formatCount(r.reporting.missingCount)}`,
    },
  ];
}

/** The children ranked (排名) by completion rate, the figure the monthly bulletin ranks by; none planned last. */
export function rankedByCompletion<T extends Pick<ChildFiguresFragment, 'completionRate'>>(children: readonly T[]): T[] {
  return [...children].sort((a, b) => (b.completionRate ?? -Infinity) - (a.completionRate ?? -Infinity));
}
