import { chinaDate, daysInMonth, isLocalDate, Period } from '../../src/calendar/period';

describe('Period.parse', () => {
  it.each([
    ['2026-01', 2026, 1],
    ['2026-10', 2026, 10],
    ['2026-12', 2026, 12],
    ['1900-01', 1900, 1],
    ['2999-12', 2999, 12],
  ])('reads %s as year %i month %i', (text, year, month) => {
    const period = Period.parse(text);
    expect(period?.year).toBe(year);
    expect(period?.month).toBe(month);
    expect(period?.toString()).toBe(text);
  });

  it.each([
    ['month 13', '2026-13'],
    ['month 00', '2026-00'],
    ['a one-digit month', '2026-1'],
    ['a two-digit year', '26-01'],
    ['a full date', '2026-01-01'],
    ['a slash', '2026/01'],
    ['no separator', '202601'],
    ['surrounding whitespace', ' 2026-01 '],
    ['the empty string', ''],
  ])('returns undefined for %s (%j)', (_, text) => {
    expect(Period.parse(text)).toBeUndefined();
  });

  // Period.of's range holds for parsed text too: otherwise the scalar would accept a month that
  // later breaks date arithmetic.
  it.each([['0000-01'], ['0999-12'], ['1899-12'], ['3000-01']])('returns undefined for %s, a year Period.of rejects', (text) => {
    expect(Period.parse(text)).toBeUndefined();
  });
});

describe('Period.of', () => {
  it('builds the month', () => {
    expect(Period.of(2026, 3).toString()).toBe('2026-03');
  });

  it.each([
    [2026, 0],
    [2026, 13],
    [2026, 1.5],
    [1899, 12],
    [3000, 1],
    [Number.NaN, 1],
  ])('throws RangeError for year %d month %d', (year, month) => {
    expect(() => Period.of(year, month)).toThrow(RangeError);
  });
});

describe('Period.ofDate', () => {
  it.each([
    ['2026-01-01', '2026-01'],
    ['2026-11-30', '2026-11'],
    ['2024-02-29', '2024-02'],
  ])('puts %s in %s', (date, period) => {
    expect(Period.ofDate(date).toString()).toBe(period);
  });

  it('throws RangeError for text that is not a date', () => {
    expect(() => Period.ofDate('not a date')).toThrow(RangeError);
  });
});

describe('chinaDate and Period.current read the clock in UTC+8', () => {
  it.each([
    ['2026-10-31T15:59:59.999Z', '2026-10-31', '2026-10'],
    ['2026-10-31T16:00:00.000Z', '2026-11-01', '2026-11'],
    ['2025-12-31T15:59:59.999Z', '2025-12-31', '2025-12'],
    ['2025-12-31T16:00:00.000Z', '2026-01-01', '2026-01'],
    ['2026-02-28T16:00:00.000Z', '2026-03-01', '2026-03'],
    ['2024-02-28T16:00:00.000Z', '2024-02-29', '2024-02'],
    ['2026-06-15T00:00:00.000Z', '2026-06-15', '2026-06'],
  ])('at %s it is %s in China, period %s', (instant, date, period) => {
    const at = new Date(instant);
    expect(chinaDate(at)).toBe(date);
    expect(Period.current(at).toString()).toBe(period);
  });

  it('defaults to now', () => {
    expect(chinaDate()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Period.current().toString()).toBe(chinaDate().slice(0, 7));
  });
});

describe('firstDay and lastDay', () => {
  it.each([
    ['2026-01', '2026-01-01', '2026-01-31'],
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2000-02', '2000-02-01', '2000-02-29'],
    ['2100-02', '2100-02-01', '2100-02-28'],
    ['2026-04', '2026-04-01', '2026-04-30'],
    ['2026-12', '2026-12-01', '2026-12-31'],
  ])('%s runs from %s to %s', (text, first, last) => {
    const period = Period.parse(text);
    expect(period?.firstDay).toBe(first);
    expect(period?.lastDay).toBe(last);
  });

  it.each([
    [2024, 2, 29],
    [2026, 2, 28],
    [1900, 2, 28],
    [2026, 9, 30],
    [2026, 12, 31],
  ])('daysInMonth(%i, %i) is %i', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});

describe('plusMonths', () => {
  it.each([
    ['2026-10', 1, '2026-11'],
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-03', -14, '2025-01'],
    ['2026-11', 14, '2028-01'],
    ['2026-06', 0, '2026-06'],
    ['2026-06', -6, '2025-12'],
    ['2026-06', 6, '2026-12'],
    ['2026-06', 120, '2036-06'],
  ])('%s plus %i months is %s', (start, count, expected) => {
    expect(Period.parse(start)?.plusMonths(count).toString()).toBe(expected);
  });

  it('leaves the original untouched', () => {
    const period = Period.of(2026, 10);
    period.plusMonths(5);
    expect(period.toString()).toBe('2026-10');
  });

  it('throws RangeError when it leaves the supported years', () => {
    expect(() => Period.of(2999, 12).plusMonths(1)).toThrow(RangeError);
  });
});

describe('compare and equals', () => {
  it.each([
    ['2026-10', '2026-11', -1],
    ['2026-11', '2026-10', 1],
    ['2026-10', '2026-10', 0],
    ['2025-12', '2026-01', -1],
    ['2026-01', '2025-12', 1],
    ['2025-11', '2026-10', -1],
  ])('compares %s with %s as %i', (a, b, sign) => {
    const left = Period.parse(a);
    const right = Period.parse(b);
    if (!left || !right) throw new Error('test periods must parse');
    expect(Math.sign(left.compare(right))).toBe(sign);
    expect(left.equals(right)).toBe(sign === 0);
  });

  it('sorts periods chronologically', () => {
    const periods = ['2026-02', '2025-12', '2026-10', '2026-01'].map((text) => Period.parse(text)!);
    expect(periods.sort((a, b) => a.compare(b)).map(String)).toEqual(['2025-12', '2026-01', '2026-02', '2026-10']);
  });

  it('serializes to YYYY-MM in JSON', () => {
    expect(JSON.stringify({ period: Period.of(2026, 3) })).toBe('{"period":"2026-03"}');
  });
});

describe('isLocalDate', () => {
  it.each(['2026-01-01', '2026-02-28', '2024-02-29', '2000-02-29', '2026-12-31'])('accepts %s', (text) => {
    expect(isLocalDate(text)).toBe(true);
  });

  it.each([
    ['30 February', '2026-02-30'],
    ['29 February in a common year', '2026-02-29'],
    ['29 February 1900 (century, not leap)', '1900-02-29'],
    ['31 April', '2026-04-31'],
    ['month 13', '2026-13-01'],
    ['month 00', '2026-00-10'],
    ['day 00', '2026-01-00'],
    ['day 32', '2026-01-32'],
    ['a one-digit month', '2026-1-01'],
    ['a timestamp', '2026-01-01T00:00:00Z'],
    ['a slash date', '2026/01/01'],
    ['surrounding whitespace', ' 2026-01-01'],
    ['the empty string', ''],
  ])('rejects %s (%s)', (_, text) => {
    expect(isLocalDate(text)).toBe(false);
  });
});
