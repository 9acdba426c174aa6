/**
 * Amounts as a Chinese leader reads them: the API gives exact decimal strings in 万元; from one
 * 亿 up they read in 亿元, below in 万元, two decimals, with separators. The decimal point is moved
 * in the string and Intl rounds the exact decimal (a string operand), so no float ever touches a sum.
 */
const TWO_DECIMALS = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** `wan` / 10,000 as a decimal string, exactly. */
export function wanToYi(wan: string): string {
  const negative = wan.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? wan.slice(1) : wan).split('.');
  const padded = whole.padStart(5, '0');
  const yi = `${padded.slice(0, -4).replace(/^0+(?=\d)/, '')}.${padded.slice(-4)}${fraction}`;
  return negative ? `-${yi}` : yi;
}

const formatDecimal = (value: string): string => TWO_DECIMALS.format(value as unknown as number);

/** 179.72 亿元 or 8,408.00 万元. */
export function formatWan(wan: string): string {
  const magnitude = wan.replace(/^-/, '').split('.')[0] ?? '0';
  return magnitude.length > 4 ? `${formatDecimal(wanToYi(wan))} 亿元` : `${formatDecimal(wan)} 万元`;
}

/** A rate in percent (the API's Float), or a dash when the API says there is none (nothing planned). */
export function formatPercent(rate: number | null | undefined): string {
  return rate == null ? '—' : `${TWO_DECIMALS.format(rate)}%`;
}

/** Percentage points, signed: 滞后 reads as a minus. */
export function formatPoints(points: number | null | undefined): string {
  if (points == null) return '—';
  return `${points > 0 ? '+' : ''}${TWO_DECIMALS.format(points)} 个百分点`;
}

export const formatCount = (count: number): string => new Intl.NumberFormat('zh-CN').format(count);

/**
 * Amounts on a chart's axis: in 亿元 when the largest reaches one 亿, else in 万元. The decimal
 * point moves in the string (wanToYi); only the plotted number is a float, never a sum.
 */
export function chartAmounts(amounts: readonly string[]): { unit: '亿元' | '万元'; values: number[] } {
  const inYi = amounts.some((a) => (a.replace(/^-/, '').split('.')[0] ?? '0').length > 4);
  return { unit: inYi ? '亿元' : '万元', values: amounts.map((a) => Number(inYi ? wanToYi(a) : a)) };
}
