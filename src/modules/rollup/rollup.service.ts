import { Period } from '../../calendar/period';
import type { Context } from '../../context';
import { notFound } from '../../errors/app-error';
import { addWan, subtractWan } from '../../money/wan';
import type { Tenant } from '../tenant/tenant.entity';
import { TenantService } from '../tenant/tenant.service';
import { gapOf, growthOf, percentOf, timeProgressOf } from './rollup-math';
import { Rollup, type RollupFigures, TrendPoint } from './rollup.types';
import { evaluateLight, type LightThresholds } from './traffic-light';
import { TrafficLightRulesService } from './traffic-light-rules.service';

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
  rollup.netIncreaseWan = subtractWan(figures.completedThisYearWan, figures.completedSameTimeLastYearWan);
  rollup.completedSinceStartWan = addWan(figures.openingWan, figures.completedThroughPeriodWan);
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

  /** The rollups of a tenant's children the viewer reads, for a period; one batch of queries. */
  async children(tenant: Tenant, period: Period): Promise<Rollup[]> {
    const children = await this.ctx.loaders.tenant.children.load(tenant.code);
    const visible = children.filter((child) => this.ctx.access.readsSubtreeOf(child.path));
    return Promise.all(visible.map((child) => this.rollup(child, period)));
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
      ytd = addWan(ytd, inMonth);
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
