import { GraphQLError, GraphQLScalarType, Kind, print } from 'graphql';
import { TranslatedError } from '../errors/translated-error';
import type { Message } from '../language/message';
import { canonicalWan, isWan } from './wan';

const notAnAmount = (got: string): Message => ({
  zh: `Wan 须为以万元计的非负十进制字符串，最多 4 位小数，例如 "3480.5"；实际为 ${got}`,
  en: `Wan must be a non-negative decimal string in 万元 with at most 4 decimals, e.g. "3480.5"; got ${got}`,
});

export const WanScalar = new GraphQLScalarType<string, string>({
  name: 'Wan',
  description:
    'An exact amount of money in 万元 (10,000 CNY), written as a decimal string with at most 4 decimals ' +
    '(e.g. "3480.5" is 34,805,000 CNY). Strings, not floats, so that no amount is ever rounded.',
  serialize(value) {
    if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return canonicalWan(value);
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    throw new GraphQLError(`Wan cannot represent ${String(value)}`);
  },
  parseValue(value) {
    if (typeof value === 'string' && isWan(value.trim())) return canonicalWan(value.trim());
    throw new TranslatedError(notAnAmount(JSON.stringify(value)));
  },
  parseLiteral(node) {
    if (node.kind === Kind.STRING && isWan(node.value.trim())) return canonicalWan(node.value.trim());
    throw new TranslatedError(notAnAmount(print(node)), { nodes: node });
  },
});
