import type { Message } from '../language/message';

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

const SCALE = 10_000n;

/** Exact integer count of 0.0001 万元 (one yuan): lets JS compare and add amounts without floats. */
export function wanToUnits(text: string): bigint {
  if (!/^-?\d+(\.\d{1,4})?$/.test(text)) throw new RangeError(`not an amount in 万元 with at most 4 decimals: ${text}`);
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const units = BigInt(whole) * SCALE + BigInt(fraction.padEnd(4, '0').slice(0, 4));
  return negative ? -units : units;
}

export function unitsToWan(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const text = `${abs / SCALE}.${String(abs % SCALE).padStart(4, '0')}`;
  return canonicalWan(`${negative ? '-' : ''}${text}`);
}

export function addWan(a: string, b: string): string {
  return unitsToWan(wanToUnits(a) + wanToUnits(b));
}

export function subtractWan(a: string, b: string): string {
  return unitsToWan(wanToUnits(a) - wanToUnits(b));
}

export function compareWan(a: string, b: string): number {
  const diff = wanToUnits(a) - wanToUnits(b);
  return diff === 0n ? 0 : diff < 0n ? -1 : 1;
}

/**
 * Largest amount an argument may carry: just under 10^9 万元 (10 trillion yuan), far beyond any
 * project (the largest are about 1 trillion). The columns hold 14 integer digits so that totals
 * of many projects fit; one amount near that limit would overflow every total it joins (a
 * tenant's, its county's, its city's), failing every later change there.
 */
export const MAX_INPUT_WAN = '999999999.9999';

/** Why an amount sent as an argument is too large; undefined when it is not. */
export function wanRangeProblem(text: string): Message | undefined {
  if (compareWan(text, MAX_INPUT_WAN) <= 0) return undefined;
  return {
    zh: `不能超过 ${MAX_INPUT_WAN} 万元（约 10 万亿元），实际为 ${text}`,
    en: `must be at most ${MAX_INPUT_WAN} 万元 (about 10 trillion yuan); got ${text}`,
  };
}
