import { competitionPositions } from '../rollup/ranking';
import { EvaluationMeasure, ScoringMethod } from './evaluation.enums';
import type { SchemeMeasure } from './evaluation-scheme.entity';

/**
 * The arithmetic of the quarterly evaluation (季度评比), a pure function of the scheme and the
 * children's figures, so that anyone holding the figures can recompute every score. Points are
 * kept in hundredths as integers (each measure's rounded half away from zero), so totals add up
 * exactly and equal totals tie exactly.
 */

/** Each measure's figure of one child tenant; null where undefined (a zero denominator). */
export type MeasureFigures = Readonly<Record<EvaluationMeasure, number | null>>;

export interface ChildFigures {
  readonly code: string;
  readonly figures: MeasureFigures;
}

export interface MeasureResult {
  readonly rule: SchemeMeasure;
  readonly figure: number | null;
  /** Hundredths of a point. */
  readonly points: number;
  /** RANK: the child's place among those with a figure; null for other methods or without a figure. */
  readonly place: number | null;
}

export interface ScoredChild {
  readonly code: string;
  readonly measures: readonly MeasureResult[];
  /** Hundredths of a point. */
  readonly total: number;
  readonly rank: number;
}

/**
 * Measures that count a duty: where it did not arise (no report owed, no blocker raised, no order
 * issued) nothing was left undone, so the figure being undefined scores full marks. The others count
 * an achievement, and nothing planned or signed achieves nothing.
 */
const FULL_WHEN_UNDEFINED: ReadonlySet<EvaluationMeasure> = new Set([
  EvaluationMeasure.ON_TIME_REPORTING,
  EvaluationMeasure.BLOCKER_RESOLUTION,
  EvaluationMeasure.ORDER_CLOSURE,
]);

/** Hundredths of `weight` points for a share of full marks (0..1), rounded half away from zero. */
const hundredths = (weight: number, share: number): number => Math.round(weight * 100 * Math.min(1, Math.max(0, share)));

function measurePoints(rule: SchemeMeasure, figure: number | null, place: number | null): number {
  if (figure === null) return FULL_WHEN_UNDEFINED.has(rule.measure) ? rule.weight * 100 : 0;
  switch (rule.method) {
    case ScoringMethod.LINEAR:
      return hundredths(rule.weight, (figure - rule.floor!) / (rule.target! - rule.floor!));
    case ScoringMethod.THRESHOLD:
      return figure >= rule.target! ? rule.weight * 100 : 0;
    case ScoringMethod.RANK:
      return Math.max(0, Math.round((rule.weight - (place! - 1) * rule.step!) * 100));
  }
}

/** Scores every child by every measure of the scheme and ranks them by total (ties share a rank). */
export function scoreChildren(rules: readonly SchemeMeasure[], children: readonly ChildFigures[]): ScoredChild[] {
  const places = new Map(
    rules
      .filter((rule) => rule.method === ScoringMethod.RANK)
      .map((rule) => {
        const valued = children.flatMap((c) => {
          const value = c.figures[rule.measure];
          return value === null ? [] : [{ key: c.code, value }];
        });
        return [rule.measure, competitionPositions(valued, (a, b) => b - a)] as const;
      }),
  );
  const scored = children.map((child) => {
    const measures = rules.map((rule) => {
      const figure = child.figures[rule.measure];
      const place = places.get(rule.measure)?.get(child.code) ?? null;
      return { rule, figure, place, points: measurePoints(rule, figure, place) };
    });
    return { code: child.code, measures, total: measures.reduce((sum, m) => sum + m.points, 0) };
  });
  const ranks = competitionPositions(
    scored.map((s) => ({ key: s.code, value: s.total })),
    (a, b) => b - a,
  );
  return scored.map((s) => ({ ...s, rank: ranks.get(s.code)! })).sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
}
