import { quarterRangeProblem } from '../../src/calendar/input-range';
import { Period } from '../../src/calendar/period';
import { Quarter } from '../../src/calendar/quarter';

describe('Quarter', () => {
  it.each([
    ['2026Q1', '2026-01', '2026-03', '2025Q4', '2026年第一季度'],
    ['2026Q3', '2026-07', '2026-09', '2026Q2', '2026年第三季度'],
    ['2026Q4', '2026-10', '2026-12', '2026Q3', '2026年第四季度'],
  ])('reads %s as %s to %s, after %s (%s)', (text, first, last, previous, chinese) => {
    const quarter = Quarter.parse(text)!;
    expect(quarter.toString()).toBe(text);
    expect(quarter.firstMonth.toString()).toBe(first);
    expect(quarter.lastMonth.toString()).toBe(last);
    expect(quarter.previous().toString()).toBe(previous);
    expect(quarter.chineseName).toBe(chinese);
  });

  it.each(['2026Q0', '2026Q5', '2026q3', '26Q3', '2026-Q3', ' 2026Q3', '2026Q3 ', '', '0999Q1'])('refuses %j', (text) => {
    expect(Quarter.parse(text)).toBeUndefined();
  });

  it.each([
    ['2026-08', '2026Q3'],
    ['2026-01', '2026Q1'],
    ['2026-12', '2026Q4'],
  ])('puts %s in %s', (month, quarter) => {
    expect(Quarter.containing(Period.parse(month)!).toString()).toBe(quarter);
  });

  it.each([
    ['a quarter over', '2026Q2', '2026-08', '2026-06'],
    ['the running quarter', '2026Q3', '2026-08', '2026-08'],
    ['the running quarter in its last month', '2026Q3', '2026-09', '2026-09'],
  ])('measures %s (%s in %s) at %s', (_, quarter, current, measured) => {
    expect(Quarter.parse(quarter)!.measuredMonth(Period.parse(current)!).toString()).toBe(measured);
  });

  it.each([
    ['the running quarter', '2026Q4', undefined],
    ['a quarter over', '2000Q1', undefined],
    ['the next quarter', '2027Q1', '尚未开始'],
    ['a quarter before 2000', '1999Q4', '实际为 1999Q4'],
  ])('accepts or refuses %s on 3 December 2026', (_, quarter, problem) => {
    const found = quarterRangeProblem(Quarter.parse(quarter)!, new Date('2026-12-03T04:00:00Z'));
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found?.zh).toContain(problem);
  });
});
