import type { Period } from '../../calendar/period';
import { TenantBasis } from '../project/tenant-basis';
import { compareWan } from '../../money/wan';
import type { Rollup } from './rollup.types';
import { RankingEntry, RankingMetric } from './rollup.types';
import type { RollupService } from './rollup.service';

/** Which field of a ranking entry carries a metric's figure: one type per kind of figure, as the rollup has it. */
type FigureKind = 'rate' | 'amountWan' | 'count';

interface MetricSpec {
  kind: FigureKind;
  /** The figure: a rate or count as a number, money as exact 万元 text; null when undefined. */
  figure(rollup: Rollup): number | string | null;
  higherIsBetter: boolean;
}

const rate = (figure: (r: Rollup) => number | null): Omit<MetricSpec, 'higherIsBetter'> => ({ kind: 'rate', figure });
const money = (figure: (r: Rollup) => string): Omit<MetricSpec, 'higherIsBetter'> => ({ kind: 'amountWan', figure });

const METRICS: Record<RankingMetric, MetricSpec> = {
  [RankingMetric.COMPLETION_RATE]: { ...rate((r) => r.completionRate), higherIsBetter: true },
  [RankingMetric.PROGRESS_GAP]: { ...rate((r) => r.progressGap), higherIsBetter: true },
  [RankingMetric.START_RATE]: { ...rate((r) => r.newStartRate), higherIsBetter: true },
  [RankingMetric.NEW_START_RATE]: { ...rate((r) => r.newStartRate), higherIsBetter: true },
  [RankingMetric.ANNUAL_START_RATE]: { ...rate((r) => r.annualStartRate), higherIsBetter: true },
  [RankingMetric.COMPLETED_THIS_YEAR]: { ...money((r) => r.completedThisYearWan), higherIsBetter: true },
  [RankingMetric.YEAR_OVER_YEAR_GROWTH]: { ...rate((r) => r.yearOverYearGrowth), higherIsBetter: true },
  [RankingMetric.NET_INCREASE]: { ...money((r) => r.netIncreaseWan), higherIsBetter: true },
  [RankingMetric.FUNDS_IN_PLACE]: { ...money((r) => r.fundsInPlaceWan), higherIsBetter: true },
  [RankingMetric.OVERDUE_MILESTONES]: { kind: 'count', figure: (r) => r.overdueMilestoneCount, higherIsBetter: false },
};

/** Money compares exactly (amounts of 18 digits do not fit a float); rates and counts as numbers. */
function compareFigures(kind: FigureKind, a: number | string, b: number | string): number {
  return kind === 'amountWan' ? compareWan(String(a), String(b)) : Number(a) - Number(b);
}

/**
 * Competition ranking (1, 2, 2, 4) of keyed values: `better(a, b)` is negative when `a` ranks ahead,
 * zero when they are equal (they share a position); equal values are listed by key, for a stable order.
 */
export function competitionPositions<V>(
  entries: readonly { key: string; value: V }[],
  better: (a: V, b: V) => number,
): Map<string, number> {
  const sorted = [...entries].sort((a, b) => better(a.value, b.value) || a.key.localeCompare(b.key));
  const result = new Map<string, number>();
  sorted.forEach((entry, index) => {
    const previous = sorted[index - 1];
    result.set(entry.key, previous && better(previous.value, entry.value) === 0 ? result.get(previous.key)! : index + 1);
  });
  return result;
}

/** Competition ranking of tenants by a metric; tenants without a value come last, unranked. */
function positions(rollups: readonly Rollup[], spec: MetricSpec): Map<string, number> {
  const better = (a: number | string, b: number | string) =>
    spec.higherIsBetter ? compareFigures(spec.kind, b, a) : compareFigures(spec.kind, a, b);
  const valued = rollups
    .map((r) => ({ key: r.tenantEntity.code, value: spec.figure(r) }))
    .filter((e): e is { key: string; value: number | string } => e.value !== null);
  return competitionPositions(valued, better);
}

export async function rankChildren(
  service: RollupService,
  parentCode: string,
  period: Period,
  metric: RankingMetric,
  basis: TenantBasis = TenantBasis.OWNER,
  breakdown = false,
): Promise<RankingEntry[]> {
  const spec = METRICS[metric];
  const [now, before] = await Promise.all([
    service.childrenOf(parentCode, period, basis, breakdown),
    service.childrenOf(parentCode, period.plusMonths(-1), basis),
  ]);
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
      ...figureFields(spec, spec.figure(rollup)),
      rollup,
    });
  });
  return entries.sort((a, b) => a.position - b.position || a.rollup.tenantEntity.code.localeCompare(b.rollup.tenantEntity.code));
}

/** The figure in the entry's field of its kind (the others null), and as text in the deprecated `value`. */
function figureFields(spec: MetricSpec, figure: number | string | null): Pick<RankingEntry, 'rate' | 'amountWan' | 'count' | 'value'> {
  return {
    rate: spec.kind === 'rate' ? (figure as number | null) : null,
    amountWan: spec.kind === 'amountWan' ? (figure as string | null) : null,
    count: spec.kind === 'count' ? (figure as number | null) : null,
    value: figure === null ? null : String(figure),
  };
}
