import { daysInMonth, type Period } from '../../calendar/period';
import { wanToUnits } from '../../money/wan';

/**
 * The arithmetic of the figures officials read. Percentages come from summed numerators and
 * denominators (never an average of percentages), computed exactly on decimal amounts and rounded
 * half away from zero to two decimals only at the end; a zero denominator gives null.
 */

function roundedHundredths(numerator: bigint, denominator: bigint): number {
  // percent * 100 = numerator * 10000 / denominator, rounded half away from zero.
  const scaled = numerator * 10_000n;
  const negative = (scaled < 0n) !== (denominator < 0n);
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

function dayOfYear(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / DAY_MS + 1;
}

/** Time progress (时序进度): the share of the calendar year elapsed at the end of the period, in percent. */
export function timeProgressOf(period: Period): number {
  const daysInYear = dayOfYear(period.year, 12, 31);
  const elapsed = dayOfYear(period.year, period.month, daysInMonth(period.year, period.month));
  return roundedHundredths(BigInt(elapsed), BigInt(daysInYear));
}

/** Progress gap in percentage points: completion rate minus time progress (negative: behind). */
export function gapOf(completionRate: number | null, timeProgress: number): number | null {
  return completionRate === null ? null : Math.round((completionRate - timeProgress) * 100) / 100;
}
