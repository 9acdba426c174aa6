import { chinaDate, Period } from '../../calendar/period';
import { periodAsOf } from '../../calendar/running-period';
import type { Context } from '../../context';
import { notFound } from '../../errors/app-error';
import { addWan } from '../../money/wan';
import { TenantBasis } from '../project/tenant-basis';
import type { Tenant } from '../tenant/tenant.entity';
import { isTenantCode } from '../tenant/tenant-code';
import { listRates } from './rollup-breakdown';
import { gapOf, percentOf, timeProgressOf } from './rollup-math';
import { Rollup, type RollupFigures, TrendPoint } from './rollup.types';
import type { ReadOptions, TenantFigures, TrendSeries } from './rollup.loaders';
import { evaluateTenantLight, type LightThresholds, type LightValue } from './traffic-light';

/**
 * Turns raw figures into the derived ones (rates, gaps, growth). The light is judged from them when
 * a client selects it (RollupResolver.trafficLight): the projects it counts come with the figures.
 */
export function buildRollup(
  tenant: Tenant,
  period: Period,
  basis: TenantBasis,
  figures: RollupFigures,
  thresholds: LightThresholds,
  today: string,
): Rollup {
  const rollup = new Rollup();
  rollup.tenantEntity = tenant;
  rollup.periodValue = period;
  rollup.basisValue = basis;
  rollup.asOf = periodAsOf(period, today);
  rollup.figures = figures;
  Object.assign(rollup, listRates(figures));
  rollup.targetCompletionRate = percentOf(figures.completedThisYearWan, figures.cumulativeTargetWan);
  rollup.timeProgress = timeProgressOf(period, today);
  rollup.progressGap = gapOf(rollup.completionRate, rollup.timeProgress);
  rollup.completedSinceStartWan = addWan(figures.openingWan, figures.completedThroughPeriodWan);
  rollup.thresholds = thresholds;
  return rollup;
}

/** A tenant's light from its rollup, by its city's thresholds: what `Rollup.trafficLight` and the bulletin show. */
export function rollupLight(rollup: Rollup): LightValue {
  return evaluateTenantLight(
    {
      completionRate: rollup.completionRate,
      timeProgress: rollup.timeProgress,
      projectCount: rollup.figures.projectCount,
      projectsWithOverdueMilestone: rollup.figures.projectsWithOverdueMilestoneCount,
      projectsWithOpenBlocker: rollup.figures.projectsWithOpenBlockerCount,
    },
    rollup.thresholds,
  );
}

export class RollupService {
  /** Read once: the figures of one answer (a rollup, its children, a ranking's two months) stand on the same day. */
  private readonly today = chinaDate();

  constructor(private readonly ctx: Context) {}

  /**
   * A tenant's rollup; its children's and its trend are read in the same statement when asked for.
   * NOT_FOUND unless the viewer reads the tenant's whole subtree, so that an aggregate never reveals
   * what its rows would not (a town officer asking for its county, a county for its sibling).
   */
  async rollupOf(code: string, period: Period, options: ReadOptions = {}): Promise<Rollup> {
    const { root, children, thresholds, trend } = await this.readable(code, period, options);
    const basis = options.basis ?? TenantBasis.OWNER;
    const rollup = buildRollup(root.tenant, period, basis, root.figures, thresholds, this.today);
    if (options.withChildren) rollup.childRollups = this.visible(children, period, basis, thresholds, code);
    if (options.trend && trend)
      rollup.trendRead = { ...options.trend, points: trendPoints(trend, options.trend.from, options.trend.to, this.today) };
    return rollup;
  }

  /** The rollups of a tenant's children the viewer reads, by code; one statement. */
  async childrenOf(code: string, period: Period, basis: TenantBasis = TenantBasis.OWNER, breakdown = false): Promise<Rollup[]> {
    const { children, thresholds } = await this.readable(code, period, { withChildren: true, basis, breakdown });
    return this.visible(children, period, basis, thresholds, code);
  }

  /**
   * A rollup's figures with its breakdown by category and level, for one read without them: its
   * siblings' come in the same statement (read with their parent's children), so a list of children
   * costs one more statement, not one each.
   */
  async breakdownOf(rollup: Rollup): Promise<RollupFigures> {
    const code = rollup.tenantEntity.code;
    const options = { basis: rollup.basisValue, breakdown: true };
    const read = rollup.readAsChildOf
      ? (await this.readable(rollup.readAsChildOf, rollup.periodValue, { ...options, withChildren: true })).children.find(
          (c) => c.tenant.code === code,
        )
      : (await this.readable(code, rollup.periodValue, options)).root;
    if (!read) throw notFound('Tenant', code);
    return read.figures;
  }

  /** A tenant's monthly series from `from` to `to`; one statement. */
  async trend(code: string, period: Period, from: Period, to: Period, basis: TenantBasis = TenantBasis.OWNER): Promise<TrendPoint[]> {
    const { trend } = await this.readable(code, period, { trend: { from, to }, basis });
    return trendPoints(trend ?? { months: [], plans: [] }, from, to, this.today);
  }

  private async readable(code: string, period: Period, options: ReadOptions) {
    const read = isTenantCode(code) ? await this.ctx.loaders.rollup.read(code, period, options) : undefined;
    const root = read?.root;
    if (!read || !root || !this.ctx.access.readsSubtreeOf(root.tenant.path)) throw notFound('Tenant', code);
    return { ...read, root };
  }

  private visible(
    children: readonly TenantFigures[],
    period: Period,
    basis: TenantBasis,
    thresholds: LightThresholds,
    parent: string,
  ): Rollup[] {
    return children
      .filter((child) => this.ctx.access.readsSubtreeOf(child.tenant.path))
      .map((child) =>
        Object.assign(buildRollup(child.tenant, period, basis, child.figures, thresholds, this.today), { readAsChildOf: parent }),
      );
  }
}

/** The points of a trend: each month's completion, its year-to-date sum, the year's plan and rate. */
function trendPoints(series: TrendSeries, from: Period, to: Period, today: string): TrendPoint[] {
  const months = new Map(series.months.map((r) => [r.period, r.completed_wan]));
  const plans = new Map(series.plans.map((r) => [r.year, r.planned_wan]));
  const points: TrendPoint[] = [];
  let ytd = '0';
  for (let p = Period.of(from.year, 1); p.compare(to) <= 0; p = p.plusMonths(1)) {
    if (p.month === 1) ytd = '0';
    const inMonth = months.get(p.firstDay) ?? '0';
    ytd = addWan(ytd, inMonth);
    if (p.compare(from) < 0) continue;
    const plan = plans.get(p.year) ?? '0';
    points.push(
      Object.assign(new TrendPoint(), {
        period: p,
        completedInMonthWan: inMonth,
        completedThisYearWan: ytd,
        annualPlanWan: plan,
        completionRate: percentOf(ytd, plan),
        timeProgress: timeProgressOf(p, today),
      }),
    );
  }
  return points;
}
