import type { Message } from '../language/message';
import type { BulletinListEntry, LaggingProject, MonthlyBulletin } from '../modules/bulletin/bulletin.types';
import { BulletinEntryKind, BulletinSection } from '../modules/bulletin/bulletin.types';
import type { BlockerTypeCount } from '../modules/blocker/blocker.types';
import { ENUM_LABELS } from '../modules/enum-label/enum-labels';
import type { CategoryCount, DesignationLevelFigures } from '../modules/rollup/rollup-breakdown';
import type { LightReason, TrafficLight } from '../modules/rollup/rollup.types';
import { LightRule } from '../modules/rollup/traffic-light';
import { TenantLevel } from '../modules/tenant/tenant.enums';
import {
  anyTable,
  cellText,
  column,
  count,
  percent,
  points,
  text,
  wan,
  type AnyExportTable,
  type Cell,
  type ExportColumn,
  type ExportTable,
} from './export-table';

/**
 * The bulletin's sections as the tables an office prints, for both files (Excel and Word). Headers
 * are the terms the seeds and the API's descriptions use; money in 万元, rates in percent.
 */

/** A figure of a key-value section (总体情况, 招商引资, 督办): its name, its value, its unit. */
interface Figure {
  readonly name: string;
  readonly cell: Cell;
  readonly unit: string;
}

const figure = (name: string, cell: Cell, unit = ''): Figure => ({ name, cell, unit });
const UNIT = { count: '个', wan: '万元', percent: '%', points: '百分点', reports: '份', orders: '件' } as const;

const FIGURE_COLUMNS: readonly ExportColumn<Figure>[] = [
  column('指标', 28, (f) => text(f.name)),
  column('数值', 20, (f) => f.cell),
  column('单位', 10, (f) => text(f.unit)),
];

const figures = (title: string, sheetName: string, rows: readonly Figure[], note?: string): ExportTable<Figure> => ({
  title,
  sheetName,
  columns: FIGURE_COLUMNS,
  rows,
  note,
});

/** A light as printed: 红灯（进度滞后 8.2 个百分点；…）. */
export function lightText(light: TrafficLight): string {
  const color = ENUM_LABELS.LightColor[light.color].zh;
  return light.reasons.length === 0 ? color : `${color}（${light.reasons.map((r) => r.message.zh).join('；')}）`;
}

const zh = (messages: readonly { message: Message }[]) => messages.map((m) => m.message.zh).join('；');

interface PlanFigures {
  annualPlanWan: string;
  completedThisYearWan: string;
  completionRate: number | null;
}

/** Plan, done, rate: the columns of every table of the year's list. */
const planColumns = <Row extends PlanFigures>(): ExportColumn<Row>[] => [
  column('年度计划投资（万元）', 16, (r) => wan(r.annualPlanWan)),
  column('本年完成投资（万元）', 16, (r) => wan(r.completedThisYearWan)),
  column('完成率', 10, (r) => percent(r.completionRate)),
];

/** With the gap to time progress: the lists that rank tenants and projects by it. */
const progressColumns = <Row extends PlanFigures & { progressGap: number | null }>(): ExportColumn<Row>[] => [
  ...planColumns<Row>(),
  column('进度差（百分点）', 11, (r) => points(r.progressGap)),
];

/** A breakdown of the year's list (by category, by level): the rollup's rates. */
const rateColumns = <
  Row extends PlanFigures & Pick<CategoryCount, 'listedCount' | 'yearOverYearGrowth' | 'newStartRate' | 'annualStartRate'>,
>(): ExportColumn<Row>[] => [
  column('列入年度计划（个）', 11, (r) => count(r.listedCount)),
  ...planColumns<Row>(),
  column('同比增长', 10, (r) => percent(r.yearOverYearGrowth)),
  column('新开工项目开工率', 11, (r) => percent(r.newStartRate)),
  column('年度项目开工率', 11, (r) => percent(r.annualStartRate)),
];

function overview(b: MonthlyBulletin, title: string): ExportTable<Figure> {
  const o = b.overview;
  return figures(title, '总体情况', [
    figure('项目总数', count(o.projectCount), UNIT.count),
    figure('总投资', wan(o.totalInvestmentWan), UNIT.wan),
    figure('列入年度计划项目', count(o.listedCount), UNIT.count),
    figure('年度计划投资', wan(o.annualPlanWan), UNIT.wan),
    figure('本年完成投资（已审核）', wan(o.completedThisYearWan), UNIT.wan),
    figure('审核中投资（未计入）', wan(o.pendingWan), UNIT.wan),
    figure('完成率', percent(o.completionRate), UNIT.percent),
    figure('时序进度', percent(o.timeProgress), UNIT.percent),
    figure('进度差（完成率−时序进度）', points(o.progressGap), UNIT.points),
    figure('去年同期完成投资', wan(o.completedSameTimeLastYearWan), UNIT.wan),
    figure('同比增长', percent(o.yearOverYearGrowth), UNIT.percent),
    figure('同比净增', wan(o.netIncreaseWan), UNIT.wan),
    figure('计划新开工项目', count(o.plannedToStartCount), UNIT.count),
    figure('其中已开工', count(o.startedCount), UNIT.count),
    figure('新开工项目开工率', percent(o.newStartRate), UNIT.percent),
    figure('年度项目已开工', count(o.annualStartedCount), UNIT.count),
    figure('年度项目开工率', percent(o.annualStartRate), UNIT.percent),
    figure('到位资金（累计）', wan(o.fundsInPlaceWan), UNIT.wan),
    figure('本年到位资金', wan(o.fundsArrivedThisYearWan), UNIT.wan),
    figure('逾期节点', count(o.overdueMilestoneCount), UNIT.count),
    figure('信号灯', text(lightText(o.trafficLight))),
  ]);
}

/** A row of 分地区: a child tenant ranked, or the tenant's own whole first (no rank: it is what the children are ranked within). */
type TenantRow = MonthlyBulletin['overview'] & { tenantName: string; position: number | null; positionChange: number | null };

function byTenant(b: MonthlyBulletin, title: string): ExportTable<TenantRow> {
  const metric = ENUM_LABELS.RankingMetric[b.byTenant.metric].zh;
  const scope = tenantScope(b);
  return {
    title,
    sheetName: '分地区',
    columns: [
      column('排名', 6, (r) => (r.position === null ? text('') : count(r.position))),
      column('位次变化', 8, (r) => (r.positionChange === null ? text('') : count(r.positionChange))),
      column('地区', 14, (r) => text(r.tenantName)),
      column('列入年度计划（个）', 11, (r) => count(r.listedCount)),
      ...progressColumns<TenantRow>(),
      column('新开工项目开工率', 11, (r) => percent(r.newStartRate)),
      column('年度项目开工率', 11, (r) => percent(r.annualStartRate)),
      column('同比增长', 10, (r) => percent(r.yearOverYearGrowth)),
      column('到位资金（万元）', 16, (r) => wan(r.fundsInPlaceWan)),
      column('逾期节点', 8, (r) => count(r.overdueMilestoneCount)),
      column('信号灯', 8, (r) => text(ENUM_LABELS.LightColor[r.trafficLight.color].zh)),
    ],
    // The whole first, as an office's table opens with its 全市 line; not a sum of the rows below,
    // which rank the children by what they own, while the whole also holds the tenant's own projects.
    rows: [{ ...b.overview, tenantName: scope, position: null, positionChange: null }, ...b.byTenant.rows],
    isTotal: (r) => r.position === null,
    // Time progress is the year's elapsed share, the same for every row: said once, not printed as a column.
    note:
      `注：按${metric}排名；位次变化为较上月上升（正）或下降（负）的位次；时序进度${cellText(percent(b.overview.timeProgress))}，` +
      `进度差为完成率减时序进度；${scope}含${b.tenantName}本级项目。`,
  };
}

/** A row of 分类别: a category, or 合计 (every project has one category, so the categories add up to the whole). */
type CategoryRow = Omit<CategoryCount, 'category'> & { category: CategoryCount['category'] | null };

function byCategory(b: MonthlyBulletin, title: string): ExportTable<CategoryRow> {
  const o = b.overview;
  const total: CategoryRow = Object.assign(Object.create(null) as CategoryRow, {
    category: null,
    count: o.projectCount,
    totalInvestmentWan: o.totalInvestmentWan,
    listedCount: o.listedCount,
    annualPlanWan: o.annualPlanWan,
    completedThisYearWan: o.completedThisYearWan,
    completionRate: o.completionRate,
    yearOverYearGrowth: o.yearOverYearGrowth,
    newStartRate: o.newStartRate,
    annualStartRate: o.annualStartRate,
    fundsInPlaceWan: o.fundsInPlaceWan,
  });
  return {
    title,
    sheetName: '分类别',
    columns: [
      column('类别', 18, (r) => text(r.category === null ? '合计' : ENUM_LABELS.ProjectCategory[r.category].zh)),
      column('项目数（个）', 10, (r) => count(r.count)),
      column('总投资（万元）', 16, (r) => wan(r.totalInvestmentWan)),
      ...rateColumns<CategoryRow>(),
      column('到位资金（万元）', 16, (r) => wan(r.fundsInPlaceWan)),
    ],
    rows: [...b.byCategory, total],
    isTotal: (r) => r === total,
  };
}

function byDesignationLevel(b: MonthlyBulletin, title: string): ExportTable<DesignationLevelFigures> {
  return {
    title,
    sheetName: '分级别',
    columns: [column('级别', 16, (r) => text(ENUM_LABELS.DesignationLevel[r.level].zh)), ...rateColumns<DesignationLevelFigures>()],
    rows: b.byDesignationLevel,
    // No 合计: a project on two lists (省重点 and 市重点) counts under both.
    note: '注：同时列入多级重点项目的，在各级分别统计，各级合计不等于总数。',
  };
}

function list(title: string, sheetName: string, entries: readonly BulletinListEntry[]): ExportTable<BulletinListEntry> {
  return {
    title,
    sheetName,
    columns: [
      column('类型', 6, (e) => text(e.kind === BulletinEntryKind.TENANT ? '地区' : '项目')),
      column('名称', 30, (e) => text(e.projectName ?? e.tenantName)),
      column('所属地区', 14, (e) => text(e.kind === BulletinEntryKind.PROJECT ? e.tenantName : '')),
      ...progressColumns<BulletinListEntry>(),
      column('上榜原因', 40, (e) => text(zh(e.reasons))),
    ],
    rows: entries,
  };
}

/**
 * Why a project's light is not green, as a bulletin prints it: the figure only (滞后时序进度8.20个百分点；
 * 逾期节点1个). The API's message also states the thresholds, the same for every row; printed on
 * each of a hundred rows they would bury the figure.
 */
function projectReason(reason: LightReason): string {
  switch (reason.rule) {
    case LightRule.PROGRESS_GAP:
      return `滞后时序进度${cellText(points(reason.figure))}个百分点`;
    case LightRule.OVERDUE_MILESTONES:
      return `逾期节点${reason.figure}个`;
    case LightRule.OPEN_BLOCKERS:
      return `要素制约未解决${reason.figure}个`;
  }
}

const laggingColumns: readonly ExportColumn<LaggingProject>[] = [
  column('项目名称', 32, (p) => text(p.projectName)),
  column('项目代码', 26, (p) => text(p.projectCode)),
  column('责任地区', 14, (p) => text(p.tenantName)),
  ...progressColumns<LaggingProject>(),
  column('逾期节点', 8, (p) => count(p.overdueMilestoneCount)),
  column('未解决要素制约', 10, (p) => count(p.openBlockerCount)),
  column('信号灯', 8, (p) => text(ENUM_LABELS.LightColor[p.trafficLight.color].zh)),
  column('滞后原因', 30, (p) => text(p.trafficLight.reasons.map(projectReason).join('；'))),
];

function blockers(b: MonthlyBulletin, title: string): ExportTable<Figure> {
  const k = b.blockers;
  return figures(title, '要素制约', [
    figure('本月新增', count(k.raisedInMonthCount), UNIT.count),
    figure('本月办结', count(k.resolvedInMonthCount), UNIT.count),
    figure('未解决', count(k.openCount), UNIT.count),
    figure('其中提请上级协调', count(k.escalatedCount), UNIT.count),
    figure('其中逾期未解决', count(k.overdueCount), UNIT.count),
    figure('累计提出', count(k.raisedCount), UNIT.count),
    figure('累计办结', count(k.resolvedCount), UNIT.count),
    figure('办结率', percent(k.resolutionRate), UNIT.percent),
  ]);
}

function blockersByType(b: MonthlyBulletin, title: string): ExportTable<BlockerTypeCount> {
  return {
    title,
    sheetName: '要素制约分类型',
    columns: [
      column('类型', 18, (t) => text(ENUM_LABELS.BlockerType[t.type].zh)),
      column('累计提出', 10, (t) => count(t.raisedCount)),
      column('已办结', 10, (t) => count(t.resolvedCount)),
      column('未解决', 10, (t) => count(t.openCount)),
      column('逾期未解决', 10, (t) => count(t.overdueCount)),
      column('提请上级协调', 12, (t) => count(t.escalatedCount)),
    ],
    rows: b.blockers.byType,
  };
}

type ReportingRow = MonthlyBulletin['reporting']['rows'][number];

function reporting(b: MonthlyBulletin, title: string): ExportTable<ReportingRow> {
  const total: ReportingRow = Object.assign(Object.create(null) as ReportingRow, b.reporting.total, { tenantCode: '', tenantName: '合计' });
  return {
    title,
    sheetName: '月报报送',
    columns: [
      column('地区', 14, (r) => text(r.tenantName)),
      column('应报（份）', 10, (r) => count(r.owedCount)),
      column('按时报送（份）', 12, (r) => count(r.onTimeCount)),
      column('逾期报送（份）', 12, (r) => count(r.lateCount)),
      column('过期不报（份）', 12, (r) => count(r.missingCount)),
      column('按时报送率', 11, (r) => percent(r.onTimeRate)),
    ],
    rows: [...b.reporting.rows, total],
    isTotal: (r) => r === total,
    note: b.reporting.total.deadlineOn ? `注：本月报送截止日为${chineseDate(b.reporting.total.deadlineOn)}。` : undefined,
  };
}

function attraction(b: MonthlyBulletin, title: string): ExportTable<Figure> {
  const a = b.attraction;
  return figures(title, '招商引资', [
    figure('招商线索', count(a.leadCount), UNIT.count),
    figure('本年签约项目', count(a.signedCount), UNIT.count),
    figure('本年签约额', wan(a.signedWan), UNIT.wan),
    figure('签约项目已开工', count(a.startedOfSignedCount), UNIT.count),
    figure('履约率', percent(a.fulfilmentRate), UNIT.percent),
    figure('招商引资到位资金（累计）', wan(a.fundsInPlaceWan), UNIT.wan),
    figure('本年到位资金', wan(a.fundsArrivedThisYearWan), UNIT.wan),
  ]);
}

function supervisionOrders(b: MonthlyBulletin, title: string): ExportTable<Figure> {
  const s = b.supervisionOrders;
  return figures(title, '督办', [
    figure('本月下发', count(s.issuedInMonthCount), UNIT.orders),
    figure('本月办结', count(s.closedInMonthCount), UNIT.orders),
    figure('累计下发督办', count(s.issuedCount), UNIT.orders),
    figure('已办结', count(s.closedCount), UNIT.orders),
    figure('未办结', count(s.openCount), UNIT.orders),
    figure('其中逾期未办结', count(s.overdueCount), UNIT.orders),
    figure('督办办结率', percent(s.closureRate), UNIT.percent),
  ]);
}

/** 县, 区 or 市 (a county-level city): how a county-level unit names itself (全县, 县直, 区委). */
export const countyWord = (name: string): string => (name.endsWith('市') ? '市' : name.endsWith('区') ? '区' : '县');

/** The whole of the bulletin's tenant as its office says it: 全市, 全县 / 全区, 全镇 / 全乡 / 全街道. */
export function tenantScope(b: Pick<MonthlyBulletin, 'tenantLevel' | 'tenantName'>): string {
  switch (b.tenantLevel) {
    case TenantLevel.CITY:
      return '全市';
    case TenantLevel.COUNTY:
      return `全${countyWord(b.tenantName)}`;
    case TenantLevel.TOWN:
      return b.tenantName.endsWith('街道') ? '全街道' : b.tenantName.endsWith('乡') ? '全乡' : '全镇';
  }
}

/** 2026-12-03 → 2026年12月3日 */
export function chineseDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** The lagging projects' table, its rows supplied by whoever writes it (all of them page by page, or the top of the list). */
export const laggingTable = (title: string): Omit<ExportTable<LaggingProject>, 'rows'> => ({
  title,
  sheetName: '滞后项目',
  columns: laggingColumns,
});

/**
 * A section's tables in the order of the document; the lagging projects are not among them (their
 * rows come page by page: see laggingTable). `title` is the section's heading.
 */
export function sectionTables(bulletin: MonthlyBulletin, section: BulletinSection, title: string): AnyExportTable[] {
  switch (section) {
    case BulletinSection.OVERVIEW:
      return [anyTable(overview(bulletin, title))];
    case BulletinSection.BY_TENANT:
      return [anyTable(byTenant(bulletin, title))];
    case BulletinSection.BY_CATEGORY:
      return [anyTable(byCategory(bulletin, title))];
    case BulletinSection.BY_DESIGNATION_LEVEL:
      return [anyTable(byDesignationLevel(bulletin, title))];
    case BulletinSection.RED_LIST:
      return [anyTable(list(title, '红榜', [...bulletin.redList.tenants, ...bulletin.redList.projects]))];
    case BulletinSection.BLACK_LIST:
      return [anyTable(list(title, '黑榜', [...bulletin.blackList.tenants, ...bulletin.blackList.projects]))];
    case BulletinSection.LAGGING_PROJECTS:
      return [];
    case BulletinSection.BLOCKERS:
      return [anyTable(blockers(bulletin, title)), anyTable(blockersByType(bulletin, `${title}（分类型）`))];
    case BulletinSection.REPORTING:
      return [anyTable(reporting(bulletin, title))];
    case BulletinSection.ATTRACTION:
      return [anyTable(attraction(bulletin, title))];
    case BulletinSection.SUPERVISION_ORDERS:
      return [anyTable(supervisionOrders(bulletin, title))];
  }
}
