import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Period } from '../../calendar/period';
import { periodAsOf } from '../../calendar/running-period';
import { groupBy, onePerKey } from '../../db/batch';
import { DesignationLevel, ProjectCategory, ProjectStage } from '../project/project.enums';
import { TenantBasis } from '../project/tenant-basis';
import { Tenant } from '../tenant/tenant.entity';
import type { TenantKind, TenantLevel } from '../tenant/tenant.enums';
import { categoryFigures, levelFigures, type ListTotals } from './rollup-breakdown';
import { readFundingSources, type FundingSourceFigures } from './rollup-funding';
import type { RollupFigures } from './rollup.types';
import { DEFAULT_THRESHOLDS, type LightThresholds } from './traffic-light';
import { TrafficLightRules } from './traffic-light-rules.entity';

/** One tenant of `kp_rollup_read`'s answer: the tenant row and its subtree's figures, summed in SQL. */
interface ReadRow {
  code: string;
  name: string;
  level: TenantLevel;
  kind: TenantKind;
  path: string;
  parent_code: string | null;
  valid_from: string | null;
  valid_to: string | null;
  ytd: string;
  last_ytd: string;
  through: string;
  reports: number;
  pending: string;
  planned_wan: string;
  listed_count: number;
  project_count: number;
  total: string;
  funds: string;
  funds_ytd: string;
  opening: string;
  /** Current projects as [stage, category, count]; null when there are none. */
  counts: [ProjectStage, ProjectCategory, number][] | null;
  /** New projects of the year's list, and those of them started by the end of the period. */
  planned: number;
  started: number;
  annual_started: number;
  overdue: number;
  target: string;
  /** [category, projects, total, funds, funds ytd, ...list] */
  categories: [ProjectCategory, number, string, string, string, ...ListRow][] | null;
  /** [level, ...list] */
  levels: [DesignationLevel, ...ListRow][] | null;
}

/** A group's list figures as kp_rollup_read writes them: listed, plan, new listed, new started, annual started, ytd, same time last year, pending. */
type ListRow = [number, string, number, number, number, string, string, string];

function listTotalsOf([listed, plan, newListed, newStarted, annualStarted, ytd, lastYtd, pending]: ListRow): ListTotals {
  return {
    listedCount: listed,
    annualPlanWan: plan,
    newListedCount: newListed,
    newStartedCount: newStarted,
    annualStartedCount: annualStarted,
    completedThisYearWan: ytd,
    completedSameTimeLastYearWan: lastYtd,
    pendingWan: pending,
  };
}

/** The traffic_light_rule row as PostgreSQL's row_to_json spells it. */
interface RulesRow {
  yellow_gap_points: number;
  red_gap_points: number;
  project_overdue_yellow: number;
  project_overdue_red: number;
  tenant_overdue_share_percent_yellow: number;
  tenant_overdue_share_percent_red: number;
  blocker_yellow: number;
  blocker_red: number;
  tenant_blocker_share_percent_yellow: number;
  tenant_blocker_share_percent_red: number;
}

/** A tenant's monthly completed investment, its monthly targets (任务分解) and the annual plans of the years around it. */
export interface TrendSeries {
  months: { period: string; completed_wan: string }[];
  targets: { period: string; target_wan: string }[];
  plans: { year: number; planned_wan: string }[];
}

/** What a read may include besides the tenant (its children, its trend over a range of months), and by which basis. */
export interface ReadOptions {
  withChildren?: boolean;
  trend?: { from: Period; to: Period };
  /** Owner (the default) or location (属地). */
  basis?: TenantBasis;
  /** The figures by category and by designation level too. */
  breakdown?: boolean;
}

export interface TenantFigures {
  tenant: Tenant;
  figures: RollupFigures;
}

/** A tenant's figures and (when asked for) its children's, with the thresholds of its city. */
export interface RollupRead {
  /** Undefined when no tenant has the code. */
  root: TenantFigures | undefined;
  /** By code; empty unless children were asked for. */
  children: TenantFigures[];
  thresholds: LightThresholds;
  /** Present when a trend was asked for. */
  trend?: TrendSeries;
}

function tenantOf(em: EntityManager, row: ReadRow): Tenant {
  return Object.assign(new Tenant(), {
    code: row.code,
    name: row.name,
    level: row.level,
    kind: row.kind,
    path: row.path,
    parent: row.parent_code ? em.getReference(Tenant, row.parent_code) : undefined,
    validFrom: row.valid_from ?? undefined,
    validTo: row.valid_to ?? undefined,
  });
}

const NO_LIST: ListTotals = {
  listedCount: 0,
  annualPlanWan: '0',
  newListedCount: 0,
  newStartedCount: 0,
  annualStartedCount: 0,
  completedThisYearWan: '0',
  completedSameTimeLastYearWan: '0',
  pendingWan: '0',
};

/** A tenant's projects flagged on the as-of day, as `kp_rollup_flags` answers them by code. */
interface FlagsRow {
  projects_with_overdue_milestone: number;
  projects_with_open_blocker: number;
}

function figuresOf(row: ReadRow, flags: FlagsRow | undefined, breakdown: boolean): RollupFigures {
  const byStage = new Map<ProjectStage, number>();
  for (const [stage, , count] of row.counts ?? []) byStage.set(stage, (byStage.get(stage) ?? 0) + count);
  const categories = new Map(
    (row.categories ?? []).map(([category, projects, total, funds, fundsYtd, ...list]) => [
      category,
      categoryFigures({
        ...listTotalsOf(list),
        category,
        projectCount: projects,
        totalInvestmentWan: total,
        fundsInPlaceWan: funds,
        fundsArrivedThisYearWan: fundsYtd,
      }),
    ]),
  );
  const levels = new Map((row.levels ?? []).map(([level, ...list]) => [level, levelFigures({ ...listTotalsOf(list), level })]));
  return {
    projectCount: row.project_count,
    byStage: Object.values(ProjectStage).map((stage) => ({ stage, count: byStage.get(stage) ?? 0 })),
    byCategory: breakdown
      ? Object.values(ProjectCategory).map(
          (category) =>
            categories.get(category) ??
            categoryFigures({
              ...NO_LIST,
              category,
              projectCount: 0,
              totalInvestmentWan: '0',
              fundsInPlaceWan: '0',
              fundsArrivedThisYearWan: '0',
            }),
        )
      : undefined,
    byDesignationLevel: breakdown
      ? Object.values(DesignationLevel).map((level) => levels.get(level) ?? levelFigures({ ...NO_LIST, level }))
      : undefined,
    listedCount: row.listed_count,
    newListedCount: row.planned,
    newStartedCount: row.started,
    annualStartedCount: row.annual_started,
    annualPlanWan: row.planned_wan,
    completedThisYearWan: row.ytd,
    completedSameTimeLastYearWan: row.last_ytd,
    pendingWan: row.pending,
    completedThroughPeriodWan: row.through,
    openingWan: row.opening,
    totalInvestmentWan: row.total,
    fundsInPlaceWan: row.funds,
    fundsArrivedThisYearWan: row.funds_ytd,
    reportCount: row.reports,
    overdueMilestoneCount: row.overdue,
    projectsWithOverdueMilestoneCount: flags?.projects_with_overdue_milestone ?? 0,
    projectsWithOpenBlockerCount: flags?.projects_with_open_blocker ?? 0,
    cumulativeTargetWan: row.target,
  };
}

function thresholdsOf(row: RulesRow | null): LightThresholds {
  if (!row) return DEFAULT_THRESHOLDS;
  return {
    yellowGapPoints: row.yellow_gap_points,
    redGapPoints: row.red_gap_points,
    projectOverdueYellow: row.project_overdue_yellow,
    projectOverdueRed: row.project_overdue_red,
    tenantOverdueSharePercentYellow: row.tenant_overdue_share_percent_yellow,
    tenantOverdueSharePercentRed: row.tenant_overdue_share_percent_red,
    blockerYellow: row.blocker_yellow,
    blockerRed: row.blocker_red,
    tenantBlockerSharePercentYellow: row.tenant_blocker_share_percent_yellow,
    tenantBlockerSharePercentRed: row.tenant_blocker_share_percent_red,
  };
}

/**
 * Reads the maintained rollup tables through `kp_rollup_read`, and the projects its tenants' lights
 * count through `kp_rollup_flags`: one statement for a tenant and its children, whatever the number
 * of projects beneath. Both return only tenants under the viewer's read root (the database's own
 * check; the service checks again to answer NOT_FOUND).
 */
async function read(em: EntityManager, root: string, period: Period, options: ReadOptions): Promise<RollupRead> {
  // Overdue as of the end of the period, or today while the period is still running.
  const asOf = periodAsOf(period);
  type Answer = {
    tenants: ReadRow[] | null;
    rules: RulesRow | null;
    trend: { [K in keyof TrendSeries]: TrendSeries[K] | null } | null;
  };
  const breakdown = options.breakdown ?? false;
  const withChildren = options.withChildren ?? false;
  const byLocation = options.basis === TenantBasis.LOCATION;
  const [row] = await em.execute<{ read: Answer; flags: Record<string, FlagsRow> | null }[]>(
    `select kp_rollup_read(?, ?, ?::date, ?::date, ?::date, ?::date, ?, ?) as read, kp_rollup_flags(?, ?, ?::date, ?) as flags`,
    [
      ...[
        root,
        withChildren,
        period.firstDay,
        asOf,
        options.trend?.from.firstDay ?? null,
        options.trend?.to.firstDay ?? null,
        byLocation,
        breakdown,
      ],
      ...[root, withChildren, asOf, byLocation],
    ],
  );
  const answer = row?.read;
  const tenants = (answer?.tenants ?? []).map((r) => ({ tenant: tenantOf(em, r), figures: figuresOf(r, row?.flags?.[r.code], breakdown) }));
  const first = tenants[0];
  const rootRead = first?.tenant.code === root ? first : undefined;
  return {
    root: rootRead,
    children: rootRead ? tenants.slice(1) : [],
    thresholds: thresholdsOf(answer?.rules ?? null),
    trend: answer?.trend
      ? { months: answer.trend.months ?? [], targets: answer.trend.targets ?? [], plans: answer.trend.plans ?? [] }
      : undefined,
  };
}

interface FundingSourceKey {
  code: string;
  period: Period;
  basis: TenantBasis;
}
const fundingKey = (k: FundingSourceKey) => `${k.period}|${k.basis}|${k.code}`;

/** Per-request memo: a dashboard that names the same tenant and period twice reads it once. */
export function createRollupLoaders(em: EntityManager) {
  const reads = new Map<string, Promise<RollupRead>>();
  /** Each rollup's figures by funding source; the roots of one period and basis (a ranking's children) in one statement. */
  const fundingSources = new DataLoader<FundingSourceKey, FundingSourceFigures[], string>(
    async (keys) => {
      const read = new Map<string, FundingSourceFigures[]>();
      for (const group of groupBy(keys, (k) => `${k.period}|${k.basis}`).values()) {
        const figures = await readFundingSources(em, [...new Set(group.map((k) => k.code))], group[0]!.period, group[0]!.basis);
        for (const k of group) read.set(fundingKey(k), figures.get(k.code)!);
      }
      return keys.map((k) => read.get(fundingKey(k))!);
    },
    { cacheKeyFn: fundingKey },
  );
  return {
    /** Each city's own traffic-light rules, when it has set them (for project lights). */
    rules: new DataLoader<string, TrafficLightRules | undefined>(async (cityCodes) =>
      onePerKey(cityCodes, await em.find(TrafficLightRules, { cityCode: { $in: [...cityCodes] } }), (r) => r.cityCode),
    ),
    fundingSources,
    read(root: string, period: Period, options: ReadOptions = {}): Promise<RollupRead> {
      const key = [
        period,
        root,
        options.withChildren ?? false,
        options.trend?.from,
        options.trend?.to,
        options.basis ?? TenantBasis.OWNER,
        options.breakdown ?? false,
      ].join('|');
      let pending = reads.get(key);
      if (!pending) {
        pending = read(em, root, period, options);
        reads.set(key, pending);
      }
      return pending;
    },
    /** After a change of rules within the request, later reads see it. */
    forgetReads(): void {
      reads.clear();
      fundingSources.clearAll();
    },
  };
}

export type RollupLoaders = ReturnType<typeof createRollupLoaders>;
