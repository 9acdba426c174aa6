/** The month before a period (2026-01 → 2025-12): a month's reports fall due in the next one, so 待办 looks back one. */
export function periodBefore(period: string): string {
  const [year = 0, month = 1] = period.split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}
