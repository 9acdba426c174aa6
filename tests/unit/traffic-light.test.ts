import { ProjectStage } from '../../src/modules/project/project.enums';
import { startedOnFrom } from '../../src/modules/project/stage-history';
import { DEFAULT_THRESHOLDS, evaluateLight, LightColor, LightRule } from '../../src/modules/rollup/traffic-light';

describe('evaluateLight', () => {
  it.each([
    ['on track', { progressGap: 2, overdueMilestones: 0, openBlockers: 0 }, LightColor.GREEN, []],
    ['nothing planned: no verdict on progress', { progressGap: null, overdueMilestones: 0, openBlockers: 0 }, LightColor.GREEN, []],
    ['just within the yellow gap', { progressGap: -4.99, overdueMilestones: 0, openBlockers: 0 }, LightColor.GREEN, []],
    ['behind by the yellow gap', { progressGap: -5, overdueMilestones: 0, openBlockers: 0 }, LightColor.YELLOW, [LightRule.PROGRESS_GAP]],
    ['far behind', { progressGap: -24.52, overdueMilestones: 0, openBlockers: 0 }, LightColor.RED, [LightRule.PROGRESS_GAP]],
    ['one overdue milestone', { progressGap: 0, overdueMilestones: 1, openBlockers: 0 }, LightColor.YELLOW, [LightRule.OVERDUE_MILESTONES]],
    ['three overdue milestones', { progressGap: 0, overdueMilestones: 3, openBlockers: 0 }, LightColor.RED, [LightRule.OVERDUE_MILESTONES]],
    ['an open blocker', { progressGap: 0, overdueMilestones: 0, openBlockers: 1 }, LightColor.YELLOW, [LightRule.OPEN_BLOCKERS]],
    [
      'the worst rule wins and every rule says why',
      { progressGap: -6, overdueMilestones: 5, openBlockers: 0 },
      LightColor.RED,
      [LightRule.PROGRESS_GAP, LightRule.OVERDUE_MILESTONES],
    ],
  ])('gives a project %s', (_, inputs, color, rules) => {
    const light = evaluateLight(inputs, DEFAULT_THRESHOLDS);
    expect(light.color).toBe(color);
    expect(light.reasons.map((r) => r.rule)).toEqual(rules);
  });

  it.each([
    [9, 100, LightColor.GREEN],
    [10, 100, LightColor.YELLOW],
    [25, 100, LightColor.RED],
    [3, 0, LightColor.GREEN],
  ])('turns %i overdue milestones over %i projects of a tenant into %s by share', (overdue, projects, color) => {
    expect(evaluateLight({ progressGap: 0, overdueMilestones: overdue, openBlockers: 0, projectCount: projects }, DEFAULT_THRESHOLDS).color).toBe(color);
  });
});

describe('startedOnFrom', () => {
  const change = (fromStage: ProjectStage | undefined, toStage: ProjectStage, changedOn: string) => ({ fromStage, toStage, changedOn });
  it('takes the move into STARTED', () => {
    expect(startedOnFrom([change(undefined, ProjectStage.PLANNED, '2026-01-01'), change(ProjectStage.PLANNED, ProjectStage.STARTED, '2026-03-18'), change(ProjectStage.STARTED, ProjectStage.UNDER_CONSTRUCTION, '2026-05-01')])).toBe('2026-03-18');
  });
  it('forgets a start corrected back, and takes the start after it', () => {
    const corrected = [change(undefined, ProjectStage.SIGNED, '2026-01-01'), change(ProjectStage.SIGNED, ProjectStage.STARTED, '2026-02-01'), change(ProjectStage.STARTED, ProjectStage.SIGNED, '2026-02-10')];
    expect(startedOnFrom(corrected)).toBeUndefined();
    expect(startedOnFrom([...corrected, change(ProjectStage.SIGNED, ProjectStage.STARTED, '2026-04-01')])).toBe('2026-04-01');
  });
  it('takes the registration date of a project registered as started', () => {
    expect(startedOnFrom([change(undefined, ProjectStage.UNDER_CONSTRUCTION, '2024-06-01')])).toBe('2024-06-01');
  });
});
