import { GraphQLError, GraphQLScalarType, Kind, print } from 'graphql';
import { canonicalWan, isWan } from './wan';

const explain = 'a non-negative decimal string in 万元 with at most 4 decimals, e.g. "3480.5"';

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
    throw new GraphQLError(`Wan must be ${explain}; got ${JSON.stringify(value)}`);
  },
  parseLiteral(node) {
    if (node.kind === Kind.STRING && isWan(node.value.trim())) return canonicalWan(node.value.trim());
    throw new GraphQLError(`Wan must be ${explain}; got ${print(node)}`, { nodes: node });
  },
});
