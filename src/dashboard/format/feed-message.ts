import type { ProjectChangedSubscription } from '../gql/graphql';
import type { EnumLabels } from '../api/enum-labels';

type Change = ProjectChangedSubscription['projectChanged'];

/**
 * What a report event is about, as a leader says it: "10 月进度" when the event carries the month
 * (a filing does); a review step carries only what it changed (the status), so "的月报".
 */
function reportOf(change: Change): string {
  const period = change.changes.find((c) => c.field === 'period');
  const value = period?.after ?? period?.before;
  return value ? `${Number(value.slice(5, 7))} 月进度` : '的月报';
}

const afterOf = (change: Change, field: string) => change.changes.find((c) => c.field === field)?.after ?? undefined;

/** A month as a bulletin's title gives it: 2026-10 → 2026年10月. */
function monthOf(period: string | undefined): string {
  return period ? `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月` : '';
}

/** A quarter as an office writes it: 2026Q3 → 2026年第三季度. */
function quarterOf(quarter: string | undefined): string {
  const match = /^(\d{4})Q([1-4])$/.exec(quarter ?? '');
  return match ? `${match[1]}年第${'一二三四'[Number(match[2]) - 1]}季度` : '';
}

/**
 * One line of the overview's feed (实时动态) for an event, in the words an office uses:
 * "新湖街道 报送了 10 月进度", "李娜 审核通过了 新湖街道 10 月进度". The unit that acts is the project's
 * owner for what a town does, the person for what a reviewer or leader does.
 */
export function feedMessage(change: Change, labels: EnumLabels): string {
  const project = change.project?.name ?? '项目';
  const owner = change.project?.owner.name ?? change.tenantCode;
  const who = change.actedByName ?? '系统';
  // A publication is the tenant's act, not a project's: "德州市 发布了 2026年10月 月通报".
  const publisher = change.tenant?.name ?? change.tenantCode;
  switch (change.kind) {
    case 'BULLETIN_PUBLISHED':
      return `${publisher} 发布了 ${monthOf(afterOf(change, 'period'))} 月通报`;
    case 'EVALUATION_PUBLISHED':
      return `${publisher} 发布了 ${quarterOf(afterOf(change, 'quarter'))} 季度评比结果`;
    case 'YEAR_END_ASSESSMENT_FROZEN':
      return `${publisher} 冻结了 ${afterOf(change, 'year') ?? ''}年度 年终考核`;
    case 'PROGRESS_REPORTED':
    case 'REPORT_SUBMITTED':
      return `${owner} 报送了 ${reportOf(change)}（${project}）`;
    case 'REPORT_RESUBMITTED':
      return `${owner} 重新报送了 ${reportOf(change)}（${project}）`;
    case 'REPORT_APPROVED':
      return `${who} 审核通过了 ${owner} ${reportOf(change)}（${project}）`;
    case 'REPORT_RETURNED':
      return `${who} 退回了 ${owner} ${reportOf(change)}（${project}）`;
    case 'STAGE_CHANGED': {
      const stage = afterOf(change, 'stage');
      return `${project} 进入${stage ? labels('ProjectStage', stage) : '新'}阶段`;
    }
    case 'BLOCKER_RAISED':
      return `${owner} 提出了要素制约（${project}）`;
    case 'BLOCKER_ESCALATED':
      return `${project} 的要素制约已提请上级协调`;
    case 'MILESTONE_OVERDUE':
      return `${project} 有节点逾期`;
    case 'FUNDS_ARRIVED':
      return `${project} 资金到位`;
    // A reserve project is no key project yet: the event names it in its changes (at pooling) or by the project it became.
    case 'RESERVE_POOLED':
      return `${who} 新增储备项目「${afterOf(change, 'name') ?? '未命名'}」`;
    case 'RESERVE_PROMOTED':
      return `储备项目「${project}」转入年度计划`;
    case 'RESERVE_DROPPED':
      return `${who} 将一个储备项目出库`;
    // A letter binds the event's tenant and is set from above, by the person named.
    case 'TARGETS_SET':
      return `${who} 下达了 ${publisher} ${afterOf(change, 'year') ?? ''}年度目标责任书`;
    default:
      return `${project}：${labels('ChangeKind', change.kind)}`;
  }
}
