/** Dates as a Chinese page shows them: 2026年11月20日; moments in China time, whatever the browser's zone. */

/** A LocalDate of the API (2026-11-20) as 2026年11月20日; a dash when there is none. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const [year, month, day] = date.split('-');
  return `${year}年${Number(month)}月${Number(day)}日`;
}

const MOMENT = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Shanghai' });

/** A DateTimeISO of the API as 2026年11月20日 14:05 (China time). */
export function formatMoment(iso: string | null | undefined): string {
  return iso ? MOMENT.format(new Date(iso)) : '—';
}
