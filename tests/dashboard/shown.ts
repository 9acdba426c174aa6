/**
 * Figures as the dashboard must show them, computed apart from the app (its own formatting code is
 * what the tests check): 亿元 from one 亿, two decimals, separators; rates with two decimals.
 */
export function shownWan(wan: string): string {
  const value = Number(wan);
  const group = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return Math.abs(value) >= 10_000 ? `${group(value / 10_000)} 亿元` : `${group(value)} 万元`;
}

export const shownRate = (rate: number | null) =>
  rate === null ? '—' : `${rate.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}%`;

/** The running month in China time (2026-12), as the API and the 大屏 count it. */
export const currentPeriod = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
