/** Months as the API names them (2026-11) and as a Chinese page shows them (2026年11月). */

/** The running month in China time, whatever the browser's zone: rollups are by China's calendar. */
export function currentPeriod(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
}

export function isPeriod(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

export function formatPeriod(period: string): string {
  const [year, month] = period.split('-');
  return `${year}年${Number(month)}月`;
}

/** The month a page's address asks for (?period=2026-10), else the running one. */
export const chosenPeriod = (value: unknown): string => (isPeriod(value) ? value : currentPeriod());
