import { Period } from '../../src/calendar/period';
import { lastWholeDayOf, periodAsOf } from '../../src/calendar/running-period';

describe('how far a period has run', () => {
  it.each([
    ['a month that is over', '2026-10', '2026-12-03', '2026-10-31', '2026-10-31'],
    ['the day after its end', '2026-11', '2026-12-01', '2026-11-30', '2026-11-30'],
    ['the running month', '2026-12', '2026-12-03', '2026-12-03', '2026-12-02'],
    ['its first day', '2026-12', '2026-12-01', '2026-12-01', '2026-11-30'],
    ['its last day', '2026-12', '2026-12-31', '2026-12-31', '2026-12-30'],
    ['the first day of a year', '2027-01', '2027-01-01', '2027-01-01', '2026-12-31'],
    ['1 March in a leap year', '2024-03', '2024-03-01', '2024-03-01', '2024-02-29'],
  ])('reads %s (%s on %s) as of %s, its time to the end of %s', (_, period, today, asOf, lastWholeDay) => {
    const p = Period.parse(period)!;
    expect(periodAsOf(p, today)).toBe(asOf);
    expect(lastWholeDayOf(p, today)).toBe(lastWholeDay);
  });
});
