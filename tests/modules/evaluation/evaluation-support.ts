import type { TestServer, Caller } from '../../support/test-server';

/**
 * The quarterly evaluation recomputed in the test from the raw figures of the children's rollups,
 * by the rules the API documents (EvaluationMeasure, ScoringMethod), written out apart from the
 * server's code: rank = 1 + the number of strictly better; points in hundredths.
 */

export const EVALUATION = `query($parent: String!, $quarter: Quarter!) { evaluation(parentCode: $parent, quarter: $quarter) {
  quarter period previousPeriod previousSchemeVersion previousPublication { id edition }
  scheme { cityCode version isDefault createdAt measures { measure weight method floor target step } }
  entries { tenantCode tenantName tenant { code } rank previousRank rankChange totalScore measures { measure method weight figure score place } } } }`;

const CHILD_FIGURES = `query($parent: String!, $period: Period!) { rollup(tenantCode: $parent, period: $period) { children {
  tenant { code name } progressGap completionRate newStartRate annualStartRate reporting { onTimeRate }
  blockers { resolutionRate } supervisionOrders { closureRate } attraction { fulfilmentRate } } } }`;

export interface Rule {
  measure: string;
  weight: number;
  method: 'LINEAR' | 'THRESHOLD' | 'RANK';
  floor: number | null;
  target: number | null;
  step: number | null;
}

type Child = { tenant: { code: string; name: string } } & Record<string, any>;

const FIGURE: Record<string, (c: Child) => number | null> = {
  PROGRESS_GAP: (c) => c.progressGap,
  COMPLETION_RATE: (c) => c.completionRate,
  NEW_START_RATE: (c) => c.newStartRate,
  ANNUAL_START_RATE: (c) => c.annualStartRate,
  ON_TIME_REPORTING: (c) => c.reporting.onTimeRate,
  BLOCKER_RESOLUTION: (c) => c.blockers.resolutionRate,
  ORDER_CLOSURE: (c) => c.supervisionOrders.closureRate,
  ATTRACTION_FULFILMENT: (c) => c.attraction.fulfilmentRate,
};
const FULL_WHEN_UNDEFINED = new Set(['ON_TIME_REPORTING', 'BLOCKER_RESOLUTION', 'ORDER_CLOSURE']);

export async function childFigures(server: TestServer, parent: string, period: string, as?: Caller): Promise<Child[]> {
  const result = await server.gql(CHILD_FIGURES, { parent, period }, as);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.rollup.children;
}

export interface ExpectedEntry {
  tenantCode: string;
  tenantName: string;
  /** Hundredths. */
  total: number;
  rank: number;
  measures: { measure: string; figure: number | null; points: number; place: number | null }[];
}

export function recompute(rules: Rule[], children: Child[]): ExpectedEntry[] {
  const figureOf = (c: Child, rule: Rule) => FIGURE[rule.measure]!(c);
  const entries = children.map((child) => {
    const measures = rules.map((rule) => {
      const figure = figureOf(child, rule);
      let points: number;
      let place: number | null = null;
      if (figure === null) points = FULL_WHEN_UNDEFINED.has(rule.measure) ? rule.weight * 100 : 0;
      else if (rule.method === 'LINEAR') {
        const share = (figure - rule.floor!) / (rule.target! - rule.floor!);
        points = Math.round(rule.weight * 100 * Math.min(1, Math.max(0, share)));
      } else if (rule.method === 'THRESHOLD') points = figure >= rule.target! ? rule.weight * 100 : 0;
      else {
        place = 1 + children.filter((other) => (figureOf(other, rule) ?? -Infinity) > figure).length;
        points = Math.max(0, Math.round((rule.weight - (place - 1) * rule.step!) * 100));
      }
      return { measure: rule.measure, figure, points, place };
    });
    return { tenantCode: child.tenant.code, tenantName: child.tenant.name, measures, total: measures.reduce((s, m) => s + m.points, 0) };
  });
  return entries.map((e) => ({ ...e, rank: 1 + entries.filter((other) => other.total > e.total).length }));
}

/** Checks an evaluation's entries against the recomputation of this quarter and of the previous one. */
/** `previousRules`: the scheme the previous quarter is ranked by (the one in force then), when not `rules`. */
export function expectEntries(entries: any[], rules: Rule[], now: Child[], before: Child[], previousRules: Rule[] = rules): void {
  const expected = recompute(rules, now);
  const previous = new Map(recompute(previousRules, before).map((e) => [e.tenantCode, e.rank]));
  expect(entries).toHaveLength(expected.length);
  const byCode = new Map(entries.map((e) => [e.tenantCode, e]));
  for (const want of expected) {
    const got = byCode.get(want.tenantCode);
    const previousRank = previous.get(want.tenantCode) ?? null;
    expect(got).toMatchObject({
      tenantName: want.tenantName,
      rank: want.rank,
      previousRank,
      rankChange: previousRank === null ? null : previousRank - want.rank,
    });
    expect(Math.round(got.totalScore * 100)).toBe(want.total);
    expect(
      got.measures.map((m: any) => ({ measure: m.measure, figure: m.figure, points: Math.round(m.score * 100), place: m.place })),
    ).toEqual(want.measures.map((m) => ({ measure: m.measure, figure: m.figure, points: m.points, place: m.place })));
  }
  // Listed by rank, then by code.
  const order = [...entries].sort((a, b) => a.rank - b.rank || a.tenantCode.localeCompare(b.tenantCode));
  expect(entries.map((e) => e.tenantCode)).toEqual(order.map((e) => e.tenantCode));
}
