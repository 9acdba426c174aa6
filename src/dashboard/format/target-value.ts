import { formatWan } from './money';

/** The letter's measures counted in 万元; the others count projects or leads (a whole number). */
const MONEY_MEASURES: ReadonlySet<string> = new Set(['INVESTMENT_COMPLETED', 'FUNDS_ARRIVED']);

export const isMoneyMeasure = (measure: string): boolean => MONEY_MEASURES.has(measure);

/** A target or what is done, as the letter writes it: 万元 / 亿元 for money, 个 for a count. */
export function formatTargetValue(measure: string, value: string): string {
  return isMoneyMeasure(measure) ? formatWan(value) : `${new Intl.NumberFormat('zh-CN').format(Number(value))} 个`;
}
