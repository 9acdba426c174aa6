import { EvaluationMeasure, ScoringMethod } from '../../src/modules/evaluation/evaluation.enums';
import type { SchemeMeasure } from '../../src/modules/evaluation/evaluation-scheme.entity';
import { type MeasureFigures, scoreChildren } from '../../src/modules/evaluation/evaluation-scoring';

const NONE: MeasureFigures = Object.fromEntries(Object.values(EvaluationMeasure).map((m) => [m, null])) as MeasureFigures;
const rule = (measure: EvaluationMeasure, weight: number, method: ScoringMethod, extra: Partial<SchemeMeasure> = {}): SchemeMeasure => ({
  measure,
  weight,
  method,
  floor: null,
  target: null,
  step: null,
  ...extra,
});
const child = (code: string, figures: Partial<Record<EvaluationMeasure, number | null>>) => ({ code, figures: { ...NONE, ...figures } });
const pointsOf = (rules: SchemeMeasure[], figure: number | null, measure = rules[0]!.measure) =>
  scoreChildren(rules, [child('a', { [measure]: figure })])[0]!.measures[0]!.points;

describe('evaluation scoring', () => {
  const linear = [rule(EvaluationMeasure.PROGRESS_GAP, 40, ScoringMethod.LINEAR, { floor: -20, target: 0 })];

  it.each([
    [-25, 0],
    [-20, 0],
    [-15, 1000],
    [-10, 2000],
    [-0.01, 3998],
    [0, 4000],
    [12, 4000],
    [-13.333, 1333], // 40 × 6.667 / 20 = 13.334 points, to hundredths 13.33
  ])('LINEAR from -20 to 0 over 40 points gives %d points behind time progress %d hundredths', (figure, points) => {
    expect(pointsOf(linear, figure)).toBe(points);
  });

  it.each([
    [79.99, 0],
    [80, 500],
    [100, 500],
  ])('THRESHOLD at 80 over 5 points gives %d → %d hundredths', (figure, points) => {
    expect(pointsOf([rule(EvaluationMeasure.ATTRACTION_FULFILMENT, 5, ScoringMethod.THRESHOLD, { target: 80 })], figure)).toBe(points);
  });

  it('RANK gives first place full marks and each place below a step less, ties sharing a place, never below nothing', () => {
    const rules = [rule(EvaluationMeasure.ORDER_CLOSURE, 10, ScoringMethod.RANK, { step: 4 })];
    const scored = scoreChildren(rules, [
      child('a', { ORDER_CLOSURE: 90 }),
      child('b', { ORDER_CLOSURE: 100 }),
      child('c', { ORDER_CLOSURE: 90 }),
      child('d', { ORDER_CLOSURE: 50 }),
      child('e', { ORDER_CLOSURE: null }),
    ]);
    const byCode = Object.fromEntries(scored.map((s) => [s.code, [s.measures[0]!.place, s.measures[0]!.points]]));
    // d is fourth: 10 − 3 × 4 < 0 → nothing; e issued no order → full marks, no place.
    expect(byCode).toEqual({ b: [1, 1000], a: [2, 600], c: [2, 600], d: [4, 0], e: [null, 1000] });
  });

  it.each([
    [EvaluationMeasure.ON_TIME_REPORTING, 1500],
    [EvaluationMeasure.BLOCKER_RESOLUTION, 1500],
    [EvaluationMeasure.ORDER_CLOSURE, 1500],
    [EvaluationMeasure.PROGRESS_GAP, 0],
    [EvaluationMeasure.COMPLETION_RATE, 0],
    [EvaluationMeasure.NEW_START_RATE, 0],
    [EvaluationMeasure.ANNUAL_START_RATE, 0],
    [EvaluationMeasure.ATTRACTION_FULFILMENT, 0],
  ])('scores an undefined %s at %d hundredths of 15 points', (measure, points) => {
    expect(pointsOf([rule(measure, 15, ScoringMethod.LINEAR, { floor: 0, target: 100 })], null, measure)).toBe(points);
  });

  it('adds the points exactly and ranks equal totals together (1, 1, 3), listed by rank then code', () => {
    const rules = [
      rule(EvaluationMeasure.COMPLETION_RATE, 70, ScoringMethod.LINEAR, { floor: 0, target: 100 }),
      rule(EvaluationMeasure.NEW_START_RATE, 30, ScoringMethod.THRESHOLD, { target: 50 }),
    ];
    const scored = scoreChildren(rules, [
      child('c', { COMPLETION_RATE: 10, NEW_START_RATE: 60 }),
      child('b', { COMPLETION_RATE: 10.1, NEW_START_RATE: 60 }),
      child('a', { COMPLETION_RATE: 10.1, NEW_START_RATE: 60 }),
    ]);
    expect(scored.map((s) => [s.code, s.total, s.rank])).toEqual([
      ['a', 3707, 1],
      ['b', 3707, 1],
      ['c', 3700, 3],
    ]);
  });
});
