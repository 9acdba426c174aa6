import { competitionPositions } from '../rollup/ranking';

/**
 * The arithmetic of the year-end assessment (年终考核), a pure function of each child's quarterly
 * evaluation total over the year and its target letter's completion, so anyone holding those can
 * recompute it. Points and percents are kept in hundredths as integers, so totals add up exactly
 * and equal totals tie exactly.
 *
 * The split is fixed (a scheme version has no place for it yet): the figures weigh 80, the target
 * letter 20. A letter is what the child signed to; the figures say how it ran its projects; the
 * seeds hold a county to both ("簽定了目標責任書…剛性指標" and "排出位次"). A child without a letter
 * for the year is scored on the figures alone: the parent set it no target to miss.
 */
export const TARGET_SHARE = 20;

export interface ChildInputs {
  readonly code: string;
  /** The quarterly evaluation's total over the year, hundredths of a point. */
  readonly evaluationTotal: number;
  /** Each letter measure's completion (percent, two decimals); null without a letter. */
  readonly targetRates: readonly (number | null)[] | null;
}

export interface AssessedChild {
  readonly code: string;
  /** Hundredths of a percent; null without a letter. */
  readonly targetCompletion: number | null;
  /** Hundredths of a point. */
  readonly figures: number;
  /** Hundredths of a point; null without a letter. */
  readonly target: number | null;
  /** Hundredths of a point. */
  readonly total: number;
  readonly rank: number;
}

/** Mean completion of a letter in hundredths of a percent, each measure capped at 100% (a null rate counts nothing). */
function completionOf(rates: readonly (number | null)[]): number {
  const capped = rates.map((rate) => Math.round(Math.min(100, Math.max(0, rate ?? 0)) * 100));
  return Math.round(capped.reduce((sum, r) => sum + r, 0) / capped.length);
}

/** Scores every child (figures and letter) and ranks them by total; ties share a rank, as the quarterly evaluation ranks. */
export function assessChildren(children: readonly ChildInputs[]): AssessedChild[] {
  const scored = children.map((child) => {
    const hasLetter = child.targetRates !== null && child.targetRates.length > 0;
    const targetCompletion = hasLetter ? completionOf(child.targetRates!) : null;
    const figures = hasLetter ? Math.round((child.evaluationTotal * (100 - TARGET_SHARE)) / 100) : child.evaluationTotal;
    const target = targetCompletion === null ? null : Math.round((targetCompletion * TARGET_SHARE) / 100);
    return { code: child.code, targetCompletion, figures, target, total: figures + (target ?? 0) };
  });
  const ranks = competitionPositions(
    scored.map((s) => ({ key: s.code, value: s.total })),
    (a, b) => b - a,
  );
  return scored.map((s) => ({ ...s, rank: ranks.get(s.code)! })).sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
}
