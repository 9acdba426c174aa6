/**
 * Money is counted in 万元 (10,000 CNY) and kept exact: PostgreSQL `numeric(18,4)` (to the yuan)
 * and decimal strings in JavaScript and GraphQL. Sums happen in SQL, never in JS floats.
 */
export const WAN_COLUMN = 'numeric(18,4)';

const WAN_PATTERN = /^(0|[1-9]\d{0,13})(\.\d{1,4})?$/;

/** A non-negative amount with at most 14 integer digits and 4 decimals (1 元 = 0.0001 万元). */
export function isWan(text: string): boolean {
  return WAN_PATTERN.test(text);
}

/** `"3480.5000"` -> `"3480.5"`, `"12.0000"` -> `"12"`: one spelling for one amount. */
export function canonicalWan(text: string): string {
  if (!text.includes('.')) return text;
  const trimmed = text.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}
