import { assessChildren } from '../../src/modules/assessment/assessment-scoring';

const only = (evaluationTotal: number, targetRates: (number | null)[] | null) =>
  assessChildren([{ code: 'a', evaluationTotal, targetRates }])[0]!;

describe('year-end assessment scoring', () => {
  it.each([
    // evaluation total (hundredths), letter rates, then completion (hundredths of %), figures, target, total (hundredths)
    [8000, [100, 100], 10000, 6400, 2000, 8400],
    [8000, [50], 5000, 6400, 1000, 7400],
    [8000, [150, 50], 7500, 6400, 1500, 7900], // exceeding one target does not make up for missing another
    [7333, [33.33, 66.67], 5000, 5866, 1000, 6866], // 7333 × 0.8 = 5866.4
    [10000, [0, 0], 0, 8000, 0, 8000],
    [5000, [null, 100], 5000, 4000, 1000, 5000], // a measure without a figure counts nothing
    [4999, [99.99], 9999, 3999, 2000, 5999], // 4999 × 0.8 = 3999.2; 9999 × 0.2 = 1999.8
  ])('scores %i with a letter of %j: completion %i, figures %i, target %i, total %i', (total, rates, completion, figures, target, sum) => {
    expect(only(total, rates)).toMatchObject({ targetCompletion: completion, figures, target, total: sum });
  });

  it.each([[null], [[]]])('scores a child without a letter (%j) on the figures alone', (rates) => {
    expect(only(7512, rates)).toMatchObject({ targetCompletion: null, figures: 7512, target: null, total: 7512 });
  });

  it('ranks by total, ties sharing a place (1, 2, 2, 4), then by code', () => {
    const ranked = assessChildren([
      { code: 'd', evaluationTotal: 5000, targetRates: null },
      { code: 'c', evaluationTotal: 8000, targetRates: [50] }, // 6400 + 1000
      { code: 'b', evaluationTotal: 7400, targetRates: null },
      { code: 'a', evaluationTotal: 9000, targetRates: null },
    ]);
    expect(ranked.map((r) => [r.code, r.total, r.rank])).toEqual([
      ['a', 9000, 1],
      ['b', 7400, 2],
      ['c', 7400, 2],
      ['d', 5000, 4],
    ]);
  });
});
