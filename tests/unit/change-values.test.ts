import { apiChanges, apiValue } from '../../src/modules/live/change-values';

describe("change event values in the API's formats", () => {
  it.each([
    ['period', '2026-11-01', '2026-11'],
    ['due_on', '2026-12-20', '2026-12-20'],
    ['reported_at', '2026-12-02T20:18:53.987694+00:00', '2026-12-02T20:18:53.987Z'],
    ['resolved_at', '2026-12-03T04:18:53.5+08:00', '2026-12-02T20:18:53.500Z'],
    ['completed_investment_wan', '120.5000', '120.5'],
    ['total_investment_wan', '52000', '52000'],
    ['name', '2026-11-01', '2026-11-01'],
    ['year', '2026', '2026'],
    ['stage', 'UNDER_CONSTRUCTION', 'UNDER_CONSTRUCTION'],
  ])('writes %s %s as %s', (column, stored, api) => {
    expect(apiValue(column, stored)).toBe(api);
  });

  it('keeps null, and a value its scalar cannot read as stored rather than losing the event', () => {
    expect(apiValue('period', null)).toBeNull();
    expect(apiValue('period', 'not a date')).toBe('not a date');
  });

  it('formats both sides of every change', () => {
    expect(apiChanges({ period: { before: '2026-10-01', after: '2026-11-01' }, note: { before: null, after: 'x' } })).toEqual({
      period: { before: '2026-10', after: '2026-11' },
      note: { before: null, after: 'x' },
    });
  });
});
