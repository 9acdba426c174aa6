import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { TranslatedError } from '../errors/translated-error';
import type { Message } from '../language/message';
import { isLocalDate, Period } from './period';
import { Quarter } from './quarter';

function literalString(node: ValueNode, scalar: string): string {
  if (node.kind !== Kind.STRING)
    throw new TranslatedError({ zh: `${scalar} 须写成字符串`, en: `${scalar} must be written as a string` }, { nodes: node });
  return node.value;
}

const notAMonth = (got: string): Message => ({
  zh: `Period 须为 YYYY-MM 格式的月份，实际为 ${got}`,
  en: `Period must be a month written YYYY-MM, got ${got}`,
});
const notADate = (got: string): Message => ({
  zh: `LocalDate 须为 YYYY-MM-DD 格式的有效日期，实际为 ${got}`,
  en: `LocalDate must be a real date written YYYY-MM-DD, got ${got}`,
});

export const PeriodScalar = new GraphQLScalarType<Period, string>({
  name: 'Period',
  description:
    'A reporting period (报告期): a calendar month written `YYYY-MM`, e.g. `2026-10`. ' +
    'As an argument, from 2000-01 to the current month (China Standard Time).',
  serialize(value) {
    if (value instanceof Period) return value.toString();
    if (typeof value === 'string') {
      // A `date` column holding the month's first day.
      const period = Period.parse(value.slice(0, 7));
      if (period) return period.toString();
    }
    throw new GraphQLError(`Period cannot represent ${String(value)}`);
  },
  parseValue(value) {
    const period = typeof value === 'string' ? Period.parse(value) : undefined;
    if (!period) throw new TranslatedError(notAMonth(JSON.stringify(value)));
    return period;
  },
  parseLiteral(node) {
    const text = literalString(node, 'Period');
    const period = Period.parse(text);
    if (!period) throw new TranslatedError(notAMonth(`"${text}"`), { nodes: node });
    return period;
  },
});

export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'LocalDate',
  description:
    'A calendar date in China Standard Time, written `YYYY-MM-DD` (no time, no zone). ' +
    'As an argument, from 2000-01-01 to 2100-12-31, or narrower where a field says so.',
  serialize(value) {
    if (typeof value === 'string' && isLocalDate(value.slice(0, 10))) return value.slice(0, 10);
    throw new GraphQLError(`LocalDate cannot represent ${String(value)}`);
  },
  parseValue(value) {
    if (typeof value === 'string' && isLocalDate(value)) return value;
    throw new TranslatedError(notADate(JSON.stringify(value)));
  },
  parseLiteral(node) {
    const text = literalString(node, 'LocalDate');
    if (isLocalDate(text)) return text;
    throw new TranslatedError(notADate(`"${text}"`), { nodes: node });
  },
});

const notAQuarter = (got: string): Message => ({
  zh: `Quarter 须为 YYYYQn 格式的季度（n 为 1 至 4，例如 2026Q3），实际为 ${got}`,
  en: `Quarter must be a quarter written YYYYQn with n from 1 to 4 (e.g. 2026Q3), got ${got}`,
});

export const QuarterScalar = new GraphQLScalarType<Quarter, string>({
  name: 'Quarter',
  description:
    'A calendar quarter (季度) written `YYYYQn`, e.g. `2026Q3` for July to September 2026. As an argument, one that has begun ' +
    '(China Standard Time).',
  serialize(value) {
    if (value instanceof Quarter) return value.toString();
    const quarter = typeof value === 'string' ? Quarter.parse(value) : undefined;
    if (quarter) return quarter.toString();
    throw new GraphQLError(`Quarter cannot represent ${String(value)}`);
  },
  parseValue(value) {
    const quarter = typeof value === 'string' ? Quarter.parse(value) : undefined;
    if (!quarter) throw new TranslatedError(notAQuarter(JSON.stringify(value)));
    return quarter;
  },
  parseLiteral(node) {
    const text = literalString(node, 'Quarter');
    const quarter = Quarter.parse(text);
    if (!quarter) throw new TranslatedError(notAQuarter(`"${text}"`), { nodes: node });
    return quarter;
  },
});
