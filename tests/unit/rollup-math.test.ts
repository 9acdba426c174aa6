import { Period } from '../../src/calendar/period';
import { gapOf, growthOf, percentOf, timeProgressOf } from '../../src/modules/rollup/rollup-math';

describe('the figures of the seeds', () => {
  it('makes 21 started of 28 planned a 75% start rate', () => {
    expect(percentOf(21, 28)).toBe(75);
  });

  it('makes 3.48亿 completed of 3.46亿 planned a 100.6% completion rate', () => {
    expect(percentOf('34800', '34600')).toBeCloseTo(100.58, 2);
    expect(Math.round(percentOf('34800', '34600')! * 10) / 10).toBe(100.6);
  });

  it('makes 9327万 of 3.72亿 25.1% with half the year gone', () => {
    expect(Math.round(percentOf('9327', '37200')! * 10) / 10).toBe(25.1);
    const june = timeProgressOf(Period.of(2026, 6), '2026-07-10');
    expect(june).toBeCloseTo(49.59, 2);
    expect(gapOf(percentOf('9327', '37200'), june)).toBeCloseTo(-24.52, 2);
  });

  it('reports 32.1% year-on-year growth and its net increase from exact amounts', () => {
    expect(growthOf('34589', '26181')).toBe(32.11);
  });
});

describe('percentOf', () => {
  it.each([
    ['a zero denominator', '5', '0', null],
    ['nothing of something', '0', '100', 0],
    ['exact decimals', '0.0001', '0.0003', 33.33],
    ['rounding half away from zero', '1', '8', 12.5],
    ['more than the whole', '3', '2', 150],
  ])('handles %s', (_, numerator, denominator, expected) => {
    expect(percentOf(numerator, denominator)).toBe(expected);
  });
});

describe('timeProgressOf', () => {
  it.each([
    [2026, 12, '2027-01-05', 100],
    [2026, 1, '2026-03-01', 8.49],
    [2024, 2, '2024-06-01', 16.39], // a leap year: 60 of 366 days
    [2026, 10, '2026-12-03', 83.29],
  ])('puts the end of %i-%i, read on %s after it, at %f%% of the year', (year, month, today, expected) => {
    expect(timeProgressOf(Period.of(year, month), today)).toBe(expected);
  });

  // The running month is measured to the end of yesterday, the last whole day: not to its last day.
  it.each([
    ['3 December', 2026, 12, '2026-12-03', 92.05], // 336 of 365 days, not 100
    ['the first day of the year', 2026, 1, '2026-01-01', 0],
    ['the first day of a month', 2026, 7, '2026-07-01', 49.59], // June's end: nothing of July is done yet
    ['the last day of the year', 2026, 12, '2026-12-31', 99.73], // 364 of 365
    ['the last day of February in a leap year', 2024, 2, '2024-02-29', 16.12], // 59 of 366
  ])('measures the running month on %s to the day before', (_, year, month, today, expected) => {
    expect(timeProgressOf(Period.of(year, month), today)).toBe(expected);
  });
});

describe('growthOf', () => {
  it('gives null without a base and negative growth when behind', () => {
    expect(growthOf('10', '0')).toBeNull();
    expect(growthOf('80', '100')).toBe(-20);
  });
});
