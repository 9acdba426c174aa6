import { currentPeriod } from './period';

/** Quarters as the API names them (2026Q3) and as a Chinese page shows them (2026年第三季度). */

const QUARTER_PATTERN = /^(\d{4})Q([1-4])$/;

export function isQuarter(value: unknown): value is string {
  return typeof value === 'string' && QUARTER_PATTERN.test(value);
}

export function formatQuarter(quarter: string): string {
  const [, year, q] = QUARTER_PATTERN.exec(quarter) ?? [];
  return `${year}年第${'一二三四'[Number(q) - 1]}季度`;
}

/** The running quarter and the `count - 1` before it, newest first: what a 季度评比 may be asked for. */
export function recentQuarters(count: number, now: Date = new Date()): string[] {
  const [year, month] = currentPeriod(now).split('-').map(Number) as [number, number];
  const index = year * 4 + Math.floor((month - 1) / 3);
  return Array.from({ length: count }, (_, i) => `${Math.floor((index - i) / 4)}Q${((index - i) % 4) + 1}`);
}

/**
 * The quarter a page's address asks for (?quarter=2026Q3), else the last one over: a quarterly
 * evaluation is read once its quarter has ended (the running one is on the picker too).
 */
export const chosenQuarter = (value: unknown): string => (isQuarter(value) ? value : recentQuarters(2)[1]!);
