import type { Period } from '../../calendar/period';
import { lastWholeDayOf } from '../../calendar/running-period';
import { wanToUnits } from '../../money/wan';

/**
 * The arithmetic of the figures officials read. Percentages come from summed numerators and
 * denominators (never an average of percentages), computed exactly on decimal amounts and rounded
 * half away from zero to two decimals only at the end; a zero denominator gives null.
 */

function roundedHundredths(numerator: bigint, denominator: bigint): number {
  // percent * 100 = numerator * 10000 / denominator, rounded half away from zero.
  const scaled = numerator * 10_000n;
  const negative = scaled < 0n !== denominator < 0n;
  const a = scaled < 0n ? -scaled : scaled;
  const b = denominator < 0n ? -denominator : denominator;
  const rounded = (a * 2n + b) / (2n * b);
  return Number(negative ? -rounded : rounded) / 100;
}

/** numerator / denominator as a percentage with two decimals; null when the denominator is zero. */
export function percentOf(numerator: string | number, denominator: string | number): number | null {
  const toUnits = (v: string | number) => (typeof v === 'number' ? BigInt(v) * 10_000n : wanToUnits(v));
  const den = toUnits(denominator);
  if (den === 0n) return null;
  return roundedHundredths(toUnits(numerator), den);
}

/** Growth over a base, as a percentage: (current - base) / base. Null when there is no base. */
export function growthOf(current: string, base: string): number | null {
  const den = wanToUnits(base);
  if (den === 0n) return null;
  return roundedHundredths(wanToUnits(current) - den, den);
}

const DAY_MS = 86_400_000;

/** Days from 1 January of `year` through `date` (YYYY-MM-DD), within 0 .. the days of the year. */
function daysOfYearThrough(year: number, date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const days = (Date.UTC(y, m - 1, d) - Date.UTC(year, 0, 1)) / DAY_MS + 1;
  const daysInYear = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY_MS;
  return Math.min(Math.max(days, 0), daysInYear);
}

/**
 * Time progress (时序进度), in percent: the whole days of the period's year elapsed by the period's
 * end, or, while the period runs, by the end of yesterday (see lastWholeDayOf), over the days in
 * the year. A pure function of the period and the day it is read on.
 */
export function timeProgressOf(period: Period, today: string): number {
  const elapsed = daysOfYearThrough(period.year, lastWholeDayOf(period, today));
  return roundedHundredths(BigInt(elapsed), BigInt(daysOfYearThrough(period.year, `${period.year}-12-31`)));
}

/** Progress gap in percentage points: completion rate minus time progress (negative: behind). */
export function gapOf(completionRate: number | null, timeProgress: number): number | null {
  return completionRate === null ? null : Math.round((completionRate - timeProgress) * 100) / 100;
}
