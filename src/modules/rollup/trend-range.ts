import type { GraphQLResolveInfo } from 'graphql';
import type { Period } from '../../calendar/period';
import type { InputProblem } from '../../errors/app-error';
import { selectedArguments } from '../../graphql/selection';

/** Longest trend one request may ask for: ten years of months. */
const MAX_TREND_MONTHS = 120;

export function trendRangeProblem(from: Period, to: Period): InputProblem | undefined {
  if (from.compare(to) > 0) return { field: 'from', message: { zh: 'from 不能晚于 to', en: 'from must not come after to' } };
  if (to.compare(from) >= MAX_TREND_MONTHS) {
    return {
      field: 'to',
      message: { zh: `趋势最多覆盖 ${MAX_TREND_MONTHS} 个月`, en: `a trend covers at most ${MAX_TREND_MONTHS} months` },
    };
  }
  return undefined;
}

/**
 * The trend's range when the query selects exactly one valid trend (aliases may ask for several):
 * the rollup's read then reads it in the same statement, for a query and for a live update alike.
 */
export function trendAhead(info: GraphQLResolveInfo): { from: Period; to: Period } | undefined {
  const [args, ...more] = selectedArguments(info, 'trend');
  if (!args || more.length > 0) return undefined;
  const { from, to } = args as { from?: Period; to?: Period };
  return from && to && !trendRangeProblem(from, to) ? { from, to } : undefined;
}
