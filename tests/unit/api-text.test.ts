import {
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLString,
  type GraphQLOutputType,
} from 'graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { LocalDateScalar, PeriodScalar } from '../../src/calendar/calendar.scalars';
import { apiText } from '../../src/graphql/api-text';
import { WanScalar } from '../../src/money/wan.scalar';

const Level = new GraphQLEnumType({ name: 'Level', values: { CITY: { value: 'CITY' }, COUNTY: { value: 'COUNTY' } } });
const Tenant = new GraphQLObjectType({ name: 'Tenant', fields: { code: { type: GraphQLString } } });

describe('apiText: a stored value as the API writes the field', () => {
  it.each<[string, GraphQLOutputType, string | null, string | null]>([
    ['a Period column (the month’s first day) as YYYY-MM', new GraphQLNonNull(PeriodScalar), '2026-11-01', '2026-11'],
    ['a LocalDate as it is', LocalDateScalar, '2026-11-05', '2026-11-05'],
    ['a timestamptz in UTC with Z, to the millisecond', GraphQLDateTimeISO, '2026-11-05T02:03:04.567891+00:00', '2026-11-05T02:03:04.567Z'],
    ['a timestamptz of another zone in UTC', GraphQLDateTimeISO, '2026-11-05T10:03:04.5+08:00', '2026-11-05T02:03:04.500Z'],
    ['money without trailing zeros', WanScalar, '3480.5000', '3480.5'],
    ['a negative amount', WanScalar, '-12.0000', '-12'],
    ['an integer', GraphQLInt, '8', '8'],
    ['a boolean', new GraphQLNonNull(GraphQLBoolean), 'true', 'true'],
    ['an enum by its name', Level, 'COUNTY', 'COUNTY'],
    [
      'a list as a compact JSON array of its items',
      new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Level))),
      '["CITY", "COUNTY"]',
      '["CITY","COUNTY"]',
    ],
    ['a list of periods item by item', new GraphQLList(PeriodScalar), '["2026-01-01"]', '["2026-01"]'],
    ['a reference by the key stored', Tenant, '371402', '371402'],
    ['an id as it is', GraphQLID, 'b1d3c2e4-0000-4000-8000-000000000000', 'b1d3c2e4-0000-4000-8000-000000000000'],
    ['text as it is', GraphQLString, '主体施工', '主体施工'],
    ['null as null', WanScalar, null, null],
    ['text the scalar refuses unchanged, never lost', PeriodScalar, 'not a month', 'not a month'],
    ['an enum value unknown today unchanged', Level, 'PROVINCE', 'PROVINCE'],
  ])('writes %s', (_what, type, stored, written) => {
    expect(apiText(type, stored)).toBe(written);
  });
});
