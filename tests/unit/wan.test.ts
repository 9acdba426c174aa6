import { GraphQLError, parseValue as parseGraphQLValue } from 'graphql';
import { canonicalWan, isWan, wanRangeProblem } from '../../src/money/wan';
import { WanScalar } from '../../src/money/wan.scalar';

describe('isWan', () => {
  it.each([
    ['zero', '0'],
    ['a whole amount', '3480'],
    ['one decimal', '3480.5'],
    ['four decimals (one yuan is 0.0001 万元)', '0.0001'],
    ['trailing zeros', '12.0000'],
    ['zero with decimals', '0.0000'],
    ['the largest numeric(18,4): 14 integer digits and 4 decimals', '12345678901234.1234'],
    ['fourteen nines', '99999999999999.9999'],
  ])('accepts %s: %s', (_, text) => {
    expect(isWan(text)).toBe(true);
  });

  it.each([
    ['a negative amount', '-1'],
    ['negative zero', '-0'],
    ['five decimals', '1.23456'],
    ['a leading zero', '01'],
    ['a leading zero before decimals', '00.5'],
    ['exponent notation', '1e5'],
    ['the empty string', ''],
    ['a space', ' '],
    ['surrounding spaces', ' 1 '],
    ['fifteen integer digits', '123456789012345'],
    ['a bare decimal point', '1.'],
    ['no integer part', '.5'],
    ['a plus sign', '+1'],
    ['thousands separators', '1,000'],
    ['a unit', '3480万'],
    ['full-width digits', '３４８０'],
    ['Infinity', 'Infinity'],
    ['NaN', 'NaN'],
  ])('rejects %s: %j', (_, text) => {
    expect(isWan(text)).toBe(false);
  });
});

describe('canonicalWan', () => {
  it.each([
    ['3480.5000', '3480.5'],
    ['12.0000', '12'],
    ['0.0000', '0'],
    ['0.0001', '0.0001'],
    ['100', '100'],
    ['100.00', '100'],
    ['10.50', '10.5'],
    ['-0.0000', '0'],
    ['-12.3400', '-12.34'],
    ['12345678901234.1234', '12345678901234.1234'],
  ])('spells %s as %s', (text, expected) => {
    expect(canonicalWan(text)).toBe(expected);
  });

  it('keeps the zeros of a whole number', () => {
    expect(canonicalWan('1000')).toBe('1000');
  });
});

const literal = (source: string) => WanScalar.parseLiteral(parseGraphQLValue(source), undefined);

describe('Wan scalar', () => {
  describe('serialize', () => {
    it.each([
      ['a numeric column value', '3480.5000', '3480.5'],
      ['a whole numeric value', '12.0000', '12'],
      ['zero', '0.0000', '0'],
      ['a negative difference (net increase can be negative)', '-8408.0000', '-8408'],
      ['a string without decimals', '100', '100'],
    ])('writes %s %j as %j', (_, value, expected) => {
      expect(WanScalar.serialize(value)).toBe(expected);
    });

    it('writes a safe integer as a string', () => {
      expect(WanScalar.serialize(3480)).toBe('3480');
    });

    it.each([
      ['a float', 3480.5],
      ['an unsafe integer', 2 ** 60],
      ['NaN', Number.NaN],
      ['exponent notation', '1e5'],
      ['an arbitrary string', 'abc'],
      ['null', null],
      ['an object', { amount: '1' }],
    ])('refuses to write %s', (_, value) => {
      expect(() => WanScalar.serialize(value)).toThrow(GraphQLError);
    });
  });

  describe('parseValue (variables)', () => {
    it.each([
      ['3480.5', '3480.5'],
      ['3480.5000', '3480.5'],
      ['0', '0'],
      [' 12.00 ', '12'],
      ['12345678901234.1234', '12345678901234.1234'],
    ])('reads %j as %j', (value, expected) => {
      expect(WanScalar.parseValue(value)).toBe(expected);
    });

    it.each([
      ['a float', 3480.5],
      ['an integer number', 3480],
      ['a negative amount', '-1'],
      ['five decimals', '1.23456'],
      ['a leading zero', '01'],
      ['exponent notation', '1e5'],
      ['the empty string', ''],
      ['a space', ' '],
      ['null', null],
      ['a boolean', true],
    ])('rejects %s with a GraphQLError', (_, value) => {
      expect(() => WanScalar.parseValue(value)).toThrow(GraphQLError);
    });

    it('says what it expects and what it got', () => {
      expect(() => WanScalar.parseValue(3480.5)).toThrow(/non-negative decimal string in 万元.*got 3480\.5/);
    });
  });

  describe('parseLiteral (inline arguments)', () => {
    it.each([
      ['"3480.5"', '3480.5'],
      ['"3480.5000"', '3480.5'],
      ['"0"', '0'],
      ['" 7 "', '7'],
    ])('reads %s as %j', (source, expected) => {
      expect(literal(source)).toBe(expected);
    });

    it.each([
      ['a float literal', '3480.5'],
      ['an integer literal', '3480'],
      ['a negative string', '"-1"'],
      ['five decimals', '"1.23456"'],
      ['exponent notation', '"1e5"'],
      ['the empty string', '""'],
      ['null', 'null'],
      ['an enum-like name', 'MANY'],
    ])('rejects %s with a GraphQLError', (_, source) => {
      expect(() => literal(source)).toThrow(GraphQLError);
    });
  });
});

describe('wanRangeProblem', () => {
  it.each(['0', '999999999.9999', '52000.5'])('lets an argument carry %s 万元', (amount) => {
    expect(wanRangeProblem(amount)).toBeUndefined();
  });

  it.each(['1000000000', '99999999999999.9999'])('refuses %s 万元, which would overflow the totals it joins', (amount) => {
    expect(wanRangeProblem(amount)).toEqual({
      zh: `不能超过 999999999.9999 万元（约 10 万亿元），实际为 ${amount}`,
      en: `must be at most 999999999.9999 万元 (about 10 trillion yuan); got ${amount}`,
    });
  });
});
