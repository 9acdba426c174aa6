import { chinaDate, type Period } from './period';

/**
 * How far a period has run on a given day (China time). Every figure that depends on "now" goes
 * through these two, so a rollup, a trend, a ranking, a project's light and a live rollup agree.
 *
 * A period that is over is read at its last day. The running period (the current month) is read
 * today: what stands today (an overdue milestone, an open blocker, a stage reached) counts as of
 * today, while time elapsed is measured to the end of yesterday, the last whole day: today's work is
 * not done, and no monthly report can hold it yet. So on 3 December time progress counts the 336
 * days to 2 December, and on 1 January it is 0.
 */

/** The day a period's standing is read on: its last day once it is over, today while it runs. */
export function periodAsOf(period: Period, today: string = chinaDate()): string {
  return period.lastDay < today ? period.lastDay : today;
}

/**
 * The last whole day of a period elapsed on `today`: its last day once it is over, yesterday while
 * it runs (the day before the period on its first day).
 */
export function lastWholeDayOf(period: Period, today: string): string {
  if (period.lastDay < today) return period.lastDay;
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day - 1)).toISOString().slice(0, 10);
}
