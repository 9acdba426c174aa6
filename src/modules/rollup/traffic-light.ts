import { registerEnumType } from 'type-graphql';
import type { Message } from '../../language/message';
import { gapOf, percentOf } from './rollup-math';

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
    PROGRESS_GAP: {
      description: 'Completion rate behind time progress by the threshold or more, in percentage points (project and tenant alike).',
    },
    OVERDUE_MILESTONES: {
      description:
        'Milestones past their due date and not done (逾期节点): their number for a project; for a tenant, the percentage of ' +
        'its projects with at least one.',
    },
    OPEN_BLOCKERS: {
      description:
        'Unresolved blockers (未解决要素制约): their number for a project; for a tenant, the percentage of its projects with ' +
        'at least one open.',
    },
  },
});

/** Thresholds of the rules; a city may set its own (TrafficLightRules), these are the defaults. */
export interface LightThresholds {
  /** Gap (completion − time progress) at −yellow or below turns yellow, at −red or below red; in points. */
  yellowGapPoints: number;
  redGapPoints: number;
  /** A project with this many overdue milestones or more turns yellow / red. */
  projectOverdueYellow: number;
  projectOverdueRed: number;
  /** A tenant with this percentage of its projects or more having an overdue milestone turns yellow / red. */
  tenantOverdueSharePercentYellow: number;
  tenantOverdueSharePercentRed: number;
  /** A project with this many open blockers or more turns yellow / red. */
  blockerYellow: number;
  blockerRed: number;
  /** A tenant with this percentage of its projects or more having an open blocker turns yellow / red. */
  tenantBlockerSharePercentYellow: number;
  tenantBlockerSharePercentRed: number;
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
  tenantBlockerSharePercentYellow: 10,
  tenantBlockerSharePercentRed: 25,
});

export interface LightReasonValue {
  rule: LightRule;
  color: LightColor;
  /** What the rule measured, in its own unit: points behind, a count, or a percentage of projects. */
  figure: number;
  yellowFrom: number;
  redFrom: number;
  /** What the rule found, in words (the figure and the thresholds): shown in the reader's language. */
  message: Message;
}

export interface LightValue {
  color: LightColor;
  reasons: LightReasonValue[];
}

/** Completion against time, the same for a project and a tenant. */
export interface ProgressInputs {
  /** Null when nothing was planned for the year: no gap, no verdict on progress. */
  completionRate: number | null;
  timeProgress: number;
}

export interface ProjectLightInputs extends ProgressInputs {
  overdueMilestones: number;
  openBlockers: number;
}

/** A tenant's subtree: its projects, and how many of them have an overdue milestone or an open blocker. */
export interface TenantLightInputs extends ProgressInputs {
  projectCount: number;
  projectsWithOverdueMilestone: number;
  projectsWithOpenBlocker: number;
}

const rank = { [LightColor.GREEN]: 0, [LightColor.YELLOW]: 1, [LightColor.RED]: 2 };

function byThreshold(value: number, yellow: number, red: number): LightColor {
  if (value >= red) return LightColor.RED;
  if (value >= yellow) return LightColor.YELLOW;
  return LightColor.GREEN;
}

const counted = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The thresholds as a reason states them, after the figure, each number followed by its unit in that language (个, %). */
const thresholds = (yellowFrom: number, redFrom: number, zhUnit: string, enUnit = zhUnit): Message => ({
  zh: `（${yellowFrom}${zhUnit}起亮黄灯，${redFrom}${zhUnit}起亮红灯）`,
  en: ` (yellow from ${yellowFrom}${enUnit}, red from ${redFrom}${enUnit})`,
});

/**
 * A rule's verdict on a figure, or nothing when it is green. The message states the figure and the
 * thresholds in the rule's own terms, as `describe` words them.
 */
function verdict(
  rule: LightRule,
  figure: number,
  yellowFrom: number,
  redFrom: number,
  describe: (color: LightColor) => Message,
): LightReasonValue | undefined {
  const color = byThreshold(figure, yellowFrom, redFrom);
  return color === LightColor.GREEN ? undefined : { rule, color, figure, yellowFrom, redFrom, message: describe(color) };
}

function progressVerdict({ completionRate, timeProgress }: ProgressInputs, t: LightThresholds): LightReasonValue | undefined {
  const gap = gapOf(completionRate, timeProgress);
  if (gap === null) return undefined;
  return verdict(LightRule.PROGRESS_GAP, -gap, t.yellowGapPoints, t.redGapPoints, () => ({
    zh: `完成率 ${completionRate}%，低于时序进度（${timeProgress}%）${-gap} 个百分点（落后 ${t.yellowGapPoints} 个百分点起亮黄灯，${t.redGapPoints} 个百分点起亮红灯）`,
    en:
      `completion ${completionRate}% is ${-gap} points behind time progress ${timeProgress}% ` +
      `(yellow from ${t.yellowGapPoints} points behind, red from ${t.redGapPoints})`,
  }));
}

/**
 * The share of a tenant's projects having something, in percent with two decimals. The verdict is
 * taken on the figure as shown, as the progress gap's is: 25.00% is red at 25%, whatever the digits
 * after.
 */
function shareVerdict(
  rule: LightRule,
  having: number,
  projectCount: number,
  yellowFrom: number,
  redFrom: number,
  what: Message,
): LightReasonValue | undefined {
  const share = percentOf(having, projectCount);
  if (share === null) return undefined;
  return verdict(rule, share, yellowFrom, redFrom, () => {
    const from = thresholds(yellowFrom, redFrom, '%');
    return {
      zh: `${projectCount} 个项目中有 ${having} 个（${share}%）${what.zh}${from.zh}`,
      en: `${having} of ${counted(projectCount, 'project', 'projects')} (${share}%) ${having === 1 ? 'has' : 'have'} ${what.en}${from.en}`,
    };
  });
}

/** The worst of the rules decides; every rule that is not green says why. */
function lightOf(verdicts: (LightReasonValue | undefined)[]): LightValue {
  const reasons = verdicts.filter((v): v is LightReasonValue => v !== undefined);
  const color = reasons.reduce((worst, r) => (rank[r.color] > rank[worst] ? r.color : worst), LightColor.GREEN);
  return { color, reasons };
}

/** A project's light: its progress gap, its overdue milestones and its open blockers, each counted. */
export function evaluateProjectLight(inputs: ProjectLightInputs, t: LightThresholds): LightValue {
  return lightOf([
    progressVerdict(inputs, t),
    verdict(LightRule.OVERDUE_MILESTONES, inputs.overdueMilestones, t.projectOverdueYellow, t.projectOverdueRed, () => {
      const from = thresholds(t.projectOverdueYellow, t.projectOverdueRed, ' 个', '');
      return {
        zh: `逾期节点 ${inputs.overdueMilestones} 个${from.zh}`,
        en: `${counted(inputs.overdueMilestones, 'milestone', 'milestones')} overdue${from.en}`,
      };
    }),
    verdict(LightRule.OPEN_BLOCKERS, inputs.openBlockers, t.blockerYellow, t.blockerRed, () => {
      const from = thresholds(t.blockerYellow, t.blockerRed, ' 个', '');
      return {
        zh: `未解决的要素制约问题 ${inputs.openBlockers} 个${from.zh}`,
        en: `${counted(inputs.openBlockers, 'open blocker', 'open blockers')}${from.en}`,
      };
    }),
  ]);
}

/**
 * A tenant's light: the progress gap of its subtree, and the shares of its projects with an overdue
 * milestone and with an open blocker. Shares, not counts: a city of 320 projects is not red for
 * the 4 open blockers that would make one project red. No projects, no verdict on shares.
 */
export function evaluateTenantLight(inputs: TenantLightInputs, t: LightThresholds): LightValue {
  return lightOf([
    progressVerdict(inputs, t),
    shareVerdict(
      LightRule.OVERDUE_MILESTONES,
      inputs.projectsWithOverdueMilestone,
      inputs.projectCount,
      t.tenantOverdueSharePercentYellow,
      t.tenantOverdueSharePercentRed,
      { zh: '有逾期节点', en: 'an overdue milestone' },
    ),
    shareVerdict(
      LightRule.OPEN_BLOCKERS,
      inputs.projectsWithOpenBlocker,
      inputs.projectCount,
      t.tenantBlockerSharePercentYellow,
      t.tenantBlockerSharePercentRed,
      { zh: '有未解决的要素制约问题', en: 'an open blocker' },
    ),
  ]);
}
