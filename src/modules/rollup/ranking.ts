import type { Period } from '../../calendar/period';
import type { Rollup } from './rollup.types';
import { RankingEntry, RankingMetric } from './rollup.types';
import type { RollupService } from './rollup.service';

interface MetricSpec {
  /** The value as a number for ordering, and as text for display; undefined when it has none. */
  value(rollup: Rollup): { order: number; text: string } | undefined;
  higherIsBetter: boolean;
}

const percent = (v: number | null) => (v === null ? undefined : { order: v, text: String(v) });
const money = (v: string) => ({ order: Number(v), text: v });

const METRICS: Record<RankingMetric, MetricSpec> = {
  [RankingMetric.COMPLETION_RATE]: { value: (r) => percent(r.completionRate), higherIsBetter: true },
  [RankingMetric.PROGRESS_GAP]: { value: (r) => percent(r.progressGap), higherIsBetter: true },
  [RankingMetric.START_RATE]: { value: (r) => percent(r.startRate), higherIsBetter: true },
  // Money is ordered by its float image only; the text shown stays exact.
  [RankingMetric.COMPLETED_THIS_YEAR]: { value: (r) => money(r.completedThisYearWan), higherIsBetter: true },
  [RankingMetric.YEAR_OVER_YEAR_GROWTH]: { value: (r) => percent(r.yearOverYearGrowth), higherIsBetter: true },
  [RankingMetric.NET_INCREASE]: { value: (r) => money(r.netIncreaseWan), higherIsBetter: true },
  [RankingMetric.FUNDS_IN_PLACE]: { value: (r) => money(r.fundsInPlaceWan), higherIsBetter: true },
  [RankingMetric.OVERDUE_MILESTONES]: {
    value: (r) => ({ order: r.overdueMilestoneCount, text: String(r.overdueMilestoneCount) }),
    higherIsBetter: false,
  },
};

/** Competition ranking (1, 2, 2, 4): equal values share a position; tenants without a value come last, unranked. */
function positions(rollups: readonly Rollup[], spec: MetricSpec): Map<string, number> {
  const valued = rollups
    .map((r) => ({ code: r.tenantEntity.code, v: spec.value(r) }))
    .filter((e): e is { code: string; v: { order: number; text: string } } => e.v !== undefined)
    .sort((a, b) => (spec.higherIsBetter ? b.v.order - a.v.order : a.v.order - b.v.order) || a.code.localeCompare(b.code));
  const result = new Map<string, number>();
  valued.forEach((entry, index) => {
    const previous = valued[index - 1];
    const position = previous && previous.v.order === entry.v.order ? result.get(previous.code)! : index + 1;
    result.set(entry.code, position);
  });
  return result;
}

export async function rankChildren(service: RollupService, parentCode: string, period: Period, metric: RankingMetric): Promise<RankingEntry[]> {
  const spec = METRICS[metric];
  const [now, before] = await Promise.all([service.childrenOf(parentCode, period), service.childrenOf(parentCode, period.plusMonths(-1))]);
  const current = positions(now, spec);
  const previous = positions(before, spec);
  // Tenants without a value (nothing planned, say) come after every ranked one.
  const unranked = current.size + 1;
  const entries = now.map((rollup) => {
    const code = rollup.tenantEntity.code;
    const position = current.get(code);
    const previousPosition = previous.get(code) ?? null;
    return Object.assign(new RankingEntry(), {
      position: position ?? unranked,
      previousPosition,
      positionChange: position !== undefined && previousPosition !== null ? previousPosition - position : null,
      value: spec.value(rollup)?.text ?? null,
      rollup,
    });
  });
  return entries.sort((a, b) => a.position - b.position || a.rollup.tenantEntity.code.localeCompare(b.rollup.tenantEntity.code));
}
