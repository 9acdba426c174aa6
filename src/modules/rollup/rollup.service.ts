import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { chinaDate, Period } from '../../calendar/period';
import type { Context } from '../../context';
import { notFound } from '../../errors/app-error';
import { unitsToWan, wanToUnits } from '../../money/wan';
import { ProjectCategory, ProjectStage } from '../project/project.enums';
import type { Tenant } from '../tenant/tenant.entity';
import { TenantService } from '../tenant/tenant.service';
import { gapOf, growthOf, percentOf, timeProgressOf } from './rollup-math';
import { Rollup, type RollupFigures, TrendPoint } from './rollup.types';
import { evaluateLight, type LightThresholds } from './traffic-light';
import { TrafficLightRules } from './traffic-light-rules.entity';
import { TrafficLightRulesService } from './traffic-light-rules.service';
import { onePerKey } from '../../db/batch';

interface MonthRow { tenant_code: string; ytd: string; last_ytd: string; through: string; reports: number }
interface YearRow { tenant_code: string; planned_wan: string; listed_count: number }
interface ProjectRow { tenant_code: string; stage: ProjectStage; category: ProjectCategory; project_count: number; total: string; funds: string; opening: string }
interface StartRow { tenant_code: string; planned: number; started: number }
interface OverdueRow { tenant_code: string; overdue: number }

const add = (a: string, b: string) => unitsToWan(wanToUnits(a) + wanToUnits(b));

/**
 * Reads the maintained rollup tables: one statement for any number of tenants in one period,
 * so a rollup with its children costs in proportion to the children, not to the projects beneath.
 * Row-level security on the rollup tables holds the viewer's read root as well.
 */
async function loadFigures(em: EntityManager, period: Period, codes: readonly string[]): Promise<Map<string, RollupFigures>> {
  const today = chinaDate();
  // Overdue as of the end of the period, or today while the period is still running.
  const asOf = period.lastDay < today ? period.lastDay : today;
  // One statement, one round trip; the function's plan is kept by PL/pgSQL between requests.
  const [row] = await em.execute<{ figures: Partial<Record<'months' | 'years' | 'projects' | 'starts' | 'overdue', unknown[] | null>> }[]>(
    `select kp_rollup_figures(?::varchar[], ?::date, ?::date) as figures`,
    [`{${codes.join(',')}}`, period.firstDay, asOf],
  );
  const parts = row?.figures as {
    months: MonthRow[] | null; years: YearRow[] | null; projects: ProjectRow[] | null; starts: StartRow[] | null; overdue: OverdueRow[] | null;
  } | undefined;
  const months = parts?.months ?? [];
  const years = parts?.years ?? [];
  const projects = parts?.projects ?? [];
  const starts = parts?.starts ?? [];
  const overdue = parts?.overdue ?? [];
  const figures = new Map<string, RollupFigures>();
  for (const code of codes) {
    const month = months.find((r) => r.tenant_code === code);
    const year = years.find((r) => r.tenant_code === code);
    const own = projects.filter((r) => r.tenant_code === code);
    const start = starts.find((r) => r.tenant_code === code);
    const sum = (pick: (r: ProjectRow) => string) => own.reduce((total, r) => add(total, pick(r)), '0');
    figures.set(code, {
      projectCount: own.reduce((n, r) => n + r.project_count, 0),
      byStage: Object.values(ProjectStage).map((stage) => ({
        stage,
        count: own.filter((r) => r.stage === stage).reduce((n, r) => n + r.project_count, 0),
      })),
      byCategory: Object.values(ProjectCategory).map((category) => ({
        category,
        count: own.filter((r) => r.category === category).reduce((n, r) => n + r.project_count, 0),
      })),
      listedCount: year?.listed_count ?? 0,
      plannedToStartCount: start?.planned ?? 0,
      startedCount: start?.started ?? 0,
      annualPlanWan: year?.planned_wan ?? '0',
      completedThisYearWan: month?.ytd ?? '0',
      completedSameTimeLastYearWan: month?.last_ytd ?? '0',
      completedThroughPeriodWan: month?.through ?? '0',
      openingWan: sum((r) => r.opening),
      totalInvestmentWan: sum((r) => r.total),
      fundsInPlaceWan: sum((r) => r.funds),
      reportCount: month?.reports ?? 0,
      overdueMilestoneCount: overdue.find((r) => r.tenant_code === code)?.overdue ?? 0,
    });
  }
  return figures;
}

/** Per-request batching: every rollup asked for in one period shares one round of queries. */
export function createRollupLoaders(em: EntityManager) {
  const byPeriod = new Map<string, DataLoader<string, RollupFigures>>();
  return {
    /** Each city's own traffic-light rules, when it has set them. */
    rules: new DataLoader<string, TrafficLightRules | undefined>(async (cityCodes) =>
      onePerKey(cityCodes, await em.find(TrafficLightRules, { cityCode: { $in: [...cityCodes] } }), (r) => r.cityCode),
    ),
    figures(period: Period): DataLoader<string, RollupFigures> {
      const key = period.toString();
      let loader = byPeriod.get(key);
      if (!loader) {
        loader = new DataLoader(async (codes) => {
          const figures = await loadFigures(em, period, codes);
          return codes.map((code) => figures.get(code)!);
        });
        byPeriod.set(key, loader);
      }
      return loader;
    },
  };
}

export type RollupLoaders = ReturnType<typeof createRollupLoaders>;

/** Turns raw figures into the derived ones (rates, gaps, growth) and the light. */
export function buildRollup(tenant: Tenant, period: Period, figures: RollupFigures, thresholds: LightThresholds): Rollup {
  const rollup = new Rollup();
  rollup.tenantEntity = tenant;
  rollup.periodValue = period;
  rollup.figures = figures;
  rollup.startRate = percentOf(figures.startedCount, figures.plannedToStartCount);
  rollup.completionRate = percentOf(figures.completedThisYearWan, figures.annualPlanWan);
  rollup.timeProgress = timeProgressOf(period);
  rollup.progressGap = gapOf(rollup.completionRate, rollup.timeProgress);
  rollup.yearOverYearGrowth = growthOf(figures.completedThisYearWan, figures.completedSameTimeLastYearWan);
  rollup.netIncreaseWan = unitsToWan(wanToUnits(figures.completedThisYearWan) - wanToUnits(figures.completedSameTimeLastYearWan));
  rollup.completedSinceStartWan = add(figures.openingWan, figures.completedThroughPeriodWan);
  rollup.openBlockerCount = 0;
  rollup.trafficLight = evaluateLight(
    {
      progressGap: rollup.progressGap,
      overdueMilestones: figures.overdueMilestoneCount,
      openBlockers: rollup.openBlockerCount,
      projectCount: figures.projectCount,
    },
    thresholds,
  );
  return rollup;
}

export class RollupService {
  private readonly tenants: TenantService;

  constructor(private readonly ctx: Context) {
    this.tenants = new TenantService(ctx);
  }

  /**
   * A tenant whose whole subtree the viewer reads; NOT_FOUND otherwise, so that an aggregate never
   * reveals what its rows would not (a town officer asking for its county, a county for its sibling).
   */
  async readableTenant(code: string): Promise<Tenant> {
    const tenant = await this.tenants.get(code);
    if (!this.ctx.access.readsSubtreeOf(tenant.path)) throw notFound('Tenant', code);
    return tenant;
  }

  async rollup(tenant: Tenant, period: Period): Promise<Rollup> {
    const [figures, rules] = await Promise.all([
      this.ctx.loaders.rollup.figures(period).load(tenant.code),
      new TrafficLightRulesService(this.ctx).forPath(tenant.path),
    ]);
    return buildRollup(tenant, period, figures, rules);
  }

  async rollupOf(code: string, period: Period): Promise<Rollup> {
    return this.rollup(await this.readableTenant(code), period);
  }

  async children(rollup: Rollup): Promise<Rollup[]> {
    const children = await this.ctx.loaders.tenant.children.load(rollup.tenantEntity.code);
    const visible = children.filter((child) => this.ctx.access.readsSubtreeOf(child.path));
    return Promise.all(visible.map((child) => this.rollup(child, rollup.periodValue)));
  }

  /** One statement: the months of the range, with the plans of their years. */
  async trend(tenant: Tenant, from: Period, to: Period): Promise<TrendPoint[]> {
    const [series] = await this.ctx.em.execute<{ months: { period: string; completed_wan: string }[] | null; plans: { year: number; planned_wan: string }[] | null }[]>(
      `select (select json_agg(x) from (select to_char(period, 'YYYY-MM-DD') as period, completed_wan::text as completed_wan
                                          from rollup_month where tenant_code = ? and period between ? and ?) x) as months,
              (select json_agg(x) from (select year, planned_wan::text as planned_wan
                                          from rollup_year where tenant_code = ? and year between ? and ?) x) as plans`,
      [tenant.code, Period.of(from.year, 1).firstDay, to.firstDay, tenant.code, from.year, to.year],
    );
    const rows = series?.months ?? [];
    const plans = series?.plans ?? [];
    const points: TrendPoint[] = [];
    let ytd = '0';
    for (let p = Period.of(from.year, 1); p.compare(to) <= 0; p = p.plusMonths(1)) {
      if (p.month === 1) ytd = '0';
      const inMonth = rows.find((r) => r.period === p.firstDay)?.completed_wan ?? '0';
      ytd = add(ytd, inMonth);
      if (p.compare(from) < 0) continue;
      const plan = plans.find((r) => r.year === p.year)?.planned_wan ?? '0';
      points.push(
        Object.assign(new TrendPoint(), {
          period: p,
          completedInMonthWan: inMonth,
          completedThisYearWan: ytd,
          annualPlanWan: plan,
          completionRate: percentOf(ytd, plan),
          timeProgress: timeProgressOf(p),
        }),
      );
    }
    return points;
  }
}
