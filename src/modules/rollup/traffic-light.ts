import { registerEnumType } from 'type-graphql';

export enum LightColor {
  GREEN = 'GREEN',
  YELLOW = 'YELLOW',
  RED = 'RED',
}

export enum LightRule {
  PROGRESS_GAP = 'PROGRESS_GAP',
  OVERDUE_MILESTONES = 'OVERDUE_MILESTONES',
  OPEN_BLOCKERS = 'OPEN_BLOCKERS',
}

registerEnumType(LightColor, {
  name: 'LightColor',
  description: 'Traffic light (信号灯): green on track, yellow needs attention, red behind.',
});
registerEnumType(LightRule, {
  name: 'LightRule',
  description: 'The rule that turned a light yellow or red.',
  valuesConfig: {
    PROGRESS_GAP: { description: 'Completion rate behind time progress by more than the threshold (percentage points).' },
    OVERDUE_MILESTONES: {
      description: 'Open milestones past their due date: a count for a project, a share of projects for a tenant.',
    },
    OPEN_BLOCKERS: { description: 'Unresolved blockers (未解决要素制约): open for a project, open in the subtree for a tenant.' },
  },
});

/** Thresholds of the rules; a city may set its own (TrafficLightRules), these are the defaults. */
export interface LightThresholds {
  /** Gap (completion − time progress) below −yellow turns yellow, below −red turns red; in points. */
  yellowGapPoints: number;
  redGapPoints: number;
  /** A project with this many overdue milestones turns yellow / red. */
  projectOverdueYellow: number;
  projectOverdueRed: number;
  /** A tenant whose overdue milestones reach this share of its projects (percent) turns yellow / red. */
  tenantOverdueSharePercentYellow: number;
  tenantOverdueSharePercentRed: number;
  /** Open blockers that turn a project or tenant yellow / red. */
  blockerYellow: number;
  blockerRed: number;
}

export const DEFAULT_THRESHOLDS: LightThresholds = Object.freeze({
  yellowGapPoints: 5,
  redGapPoints: 15,
  projectOverdueYellow: 1,
  projectOverdueRed: 3,
  tenantOverdueSharePercentYellow: 10,
  tenantOverdueSharePercentRed: 25,
  blockerYellow: 1,
  blockerRed: 3,
});

export interface LightReasonValue {
  rule: LightRule;
  color: LightColor;
  message: string;
}

export interface LightValue {
  color: LightColor;
  reasons: LightReasonValue[];
}

export interface LightInputs {
  /** Null when nothing was planned for the year: no gap, no verdict on progress. */
  progressGap: number | null;
  overdueMilestones: number;
  openBlockers: number;
  /** For a tenant: number of projects, to turn overdue milestones into a share; undefined for a project. */
  projectCount?: number;
}

const rank = { [LightColor.GREEN]: 0, [LightColor.YELLOW]: 1, [LightColor.RED]: 2 };

function byThreshold(value: number, yellow: number, red: number): LightColor {
  if (value >= red) return LightColor.RED;
  if (value >= yellow) return LightColor.YELLOW;
  return LightColor.GREEN;
}

/** The worst of the rules decides; every rule that is not green says why. */
export function evaluateLight(inputs: LightInputs, t: LightThresholds): LightValue {
  const reasons: LightReasonValue[] = [];
  if (inputs.progressGap !== null) {
    const color = byThreshold(-inputs.progressGap, t.yellowGapPoints, t.redGapPoints);
    if (color !== LightColor.GREEN) {
      reasons.push({
        rule: LightRule.PROGRESS_GAP,
        color,
        message: `completion is ${Math.abs(inputs.progressGap)} points behind time progress (yellow beyond ${t.yellowGapPoints}, red beyond ${t.redGapPoints})`,
      });
    }
  }
  if (inputs.projectCount === undefined) {
    const color = byThreshold(inputs.overdueMilestones, t.projectOverdueYellow, t.projectOverdueRed);
    if (color !== LightColor.GREEN) {
      reasons.push({ rule: LightRule.OVERDUE_MILESTONES, color, message: `${inputs.overdueMilestones} milestone(s) overdue` });
    }
  } else if (inputs.projectCount > 0) {
    const share = (inputs.overdueMilestones * 100) / inputs.projectCount;
    const color = byThreshold(share, t.tenantOverdueSharePercentYellow, t.tenantOverdueSharePercentRed);
    if (color !== LightColor.GREEN) {
      reasons.push({
        rule: LightRule.OVERDUE_MILESTONES,
        color,
        message: `${inputs.overdueMilestones} overdue milestone(s) for ${inputs.projectCount} project(s) (${Math.round(share * 10) / 10}%)`,
      });
    }
  }
  const blockers = byThreshold(inputs.openBlockers, t.blockerYellow, t.blockerRed);
  if (blockers !== LightColor.GREEN) {
    reasons.push({ rule: LightRule.OPEN_BLOCKERS, color: blockers, message: `${inputs.openBlockers} open blocker(s)` });
  }
  const color = reasons.reduce((worst, r) => (rank[r.color] > rank[worst] ? r.color : worst), LightColor.GREEN);
  return { color, reasons };
}
