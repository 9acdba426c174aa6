import { dateRangeProblem, periodRangeProblem, yearRangeProblem } from '../../src/calendar/input-range';
import { Period } from '../../src/calendar/period';

/** 2026-12-31 20:00 in Beijing: still December there, while a later instant is January. */
const NOW = new Date('2026-12-31T12:00:00Z');

describe('the calendar arguments may name', () => {
  it.each(['2000-01-01', '2026-12-02', '2100-12-31'])('accepts the date %s', (date) => {
    expect(dateRangeProblem(date)).toBeUndefined();
  });

  it.each(['1999-12-31', '1900-01-01', '2101-01-01', '2999-12-31'])('refuses the date %s', (date) => {
    expect(dateRangeProblem(date)).toEqual({
      zh: `须为 2000-01-01 至 2100-12-31 之间的日期，实际为 ${date}`,
      en: `must be a date from 2000-01-01 to 2100-12-31; got ${date}`,
    });
  });

  it.each(['2000-01', '2026-01', '2026-12'])('accepts the period %s', (text) => {
    expect(periodRangeProblem(Period.parse(text)!, NOW)).toBeUndefined();
  });

  it.each([
    [
      '1999-12',
      '须为 2000-01 至本月（2026-12）之间的月份，实际为 1999-12',
      'must be a month from 2000-01 to the current month, 2026-12; got 1999-12',
    ],
    [
      '2027-01',
      '须为 2000-01 至本月（2026-12）之间的月份；2027-01 尚未开始',
      'must be a month from 2000-01 to the current month, 2026-12; 2027-01 has not begun',
    ],
    [
      '2999-12',
      '须为 2000-01 至本月（2026-12）之间的月份；2999-12 尚未开始',
      'must be a month from 2000-01 to the current month, 2026-12; 2999-12 has not begun',
    ],
  ])('refuses the period %s', (text, zh, en) => {
    expect(periodRangeProblem(Period.parse(text)!, NOW)).toEqual({ zh, en });
  });

  it('takes the current month in China time: January has begun in Beijing at 16:00 UTC on 31 December', () => {
    expect(periodRangeProblem(Period.parse('2027-01')!, new Date('2026-12-31T16:00:00Z'))).toBeUndefined();
  });

  it.each([
    [2000, 'current', undefined],
    [2026, 'current', undefined],
    [
      2027,
      'current',
      { zh: '须为 2000 至今年（2026）之间的年份，实际为 2027', en: 'must be from 2000 to the current year, 2026; got 2027' },
    ],
    [2027, 'planning', undefined],
    [2100, 'planning', undefined],
    [2101, 'planning', { zh: '须为 2000 至 2100 之间的年份，实际为 2101', en: 'must be from 2000 to 2100; got 2101' }],
    [1999, 'planning', { zh: '须为 2000 至 2100 之间的年份，实际为 1999', en: 'must be from 2000 to 2100; got 1999' }],
    [
      2147483647,
      'current',
      { zh: '须为 2000 至今年（2026）之间的年份，实际为 2147483647', en: 'must be from 2000 to the current year, 2026; got 2147483647' },
    ],
    [-2147483648, 'planning', { zh: '须为 2000 至 2100 之间的年份，实际为 -2147483648', en: 'must be from 2000 to 2100; got -2147483648' }],
  ] as const)('judges the year %i reaching the %s year', (year, reach, message) => {
    expect(yearRangeProblem(year, reach, NOW)).toEqual(message);
  });
});
