import { ProjectStage } from '../../src/modules/project/project.enums';
import { startedOnFrom } from '../../src/modules/project/stage-history';
import {
  DEFAULT_THRESHOLDS,
  evaluateProjectLight,
  evaluateTenantLight,
  LightColor,
  LightRule,
} from '../../src/modules/rollup/traffic-light';

const project = (completionRate: number | null, timeProgress: number, overdueMilestones: number, openBlockers: number) => ({
  completionRate,
  timeProgress,
  overdueMilestones,
  openBlockers,
});

describe('evaluateProjectLight', () => {
  it.each([
    ['on track', project(52, 50, 0, 0), LightColor.GREEN, []],
    ['nothing planned: no verdict on progress', project(null, 50, 0, 0), LightColor.GREEN, []],
    ['just within the yellow gap', project(45.01, 50, 0, 0), LightColor.GREEN, []],
    ['behind by the yellow gap', project(45, 50, 0, 0), LightColor.YELLOW, [LightRule.PROGRESS_GAP]],
    ['far behind', project(25.07, 49.59, 0, 0), LightColor.RED, [LightRule.PROGRESS_GAP]],
    ['one overdue milestone', project(50, 50, 1, 0), LightColor.YELLOW, [LightRule.OVERDUE_MILESTONES]],
    ['three overdue milestones', project(50, 50, 3, 0), LightColor.RED, [LightRule.OVERDUE_MILESTONES]],
    ['an open blocker', project(50, 50, 0, 1), LightColor.YELLOW, [LightRule.OPEN_BLOCKERS]],
    ['three open blockers', project(50, 50, 0, 3), LightColor.RED, [LightRule.OPEN_BLOCKERS]],
    [
      'the worst rule wins and every rule says why',
      project(44, 50, 5, 0),
      LightColor.RED,
      [LightRule.PROGRESS_GAP, LightRule.OVERDUE_MILESTONES],
    ],
  ])('gives a project %s', (_, inputs, color, rules) => {
    const light = evaluateProjectLight(inputs, DEFAULT_THRESHOLDS);
    expect(light.color).toBe(color);
    expect(light.reasons.map((r) => r.rule)).toEqual(rules);
  });

  it("states each measured figure and the thresholds in the rule's own terms, in Chinese and English", () => {
    const light = evaluateProjectLight(project(25.07, 49.59, 1, 3), DEFAULT_THRESHOLDS);
    expect(light.reasons).toEqual([
      {
        rule: LightRule.PROGRESS_GAP,
        color: LightColor.RED,
        figure: 24.52,
        yellowFrom: 5,
        redFrom: 15,
        message: {
          zh: '完成率 25.07%，低于时序进度（49.59%）24.52 个百分点（落后 5 个百分点起亮黄灯，15 个百分点起亮红灯）',
          en: 'completion 25.07% is 24.52 points behind time progress 49.59% (yellow from 5 points behind, red from 15)',
        },
      },
      {
        rule: LightRule.OVERDUE_MILESTONES,
        color: LightColor.YELLOW,
        figure: 1,
        yellowFrom: 1,
        redFrom: 3,
        message: { zh: '逾期节点 1 个（1 个起亮黄灯，3 个起亮红灯）', en: '1 milestone overdue (yellow from 1, red from 3)' },
      },
      {
        rule: LightRule.OPEN_BLOCKERS,
        color: LightColor.RED,
        figure: 3,
        yellowFrom: 1,
        redFrom: 3,
        message: { zh: '未解决的要素制约问题 3 个（1 个起亮黄灯，3 个起亮红灯）', en: '3 open blockers (yellow from 1, red from 3)' },
      },
    ]);
  });
});

describe('evaluateTenantLight', () => {
  const tenant = (projectCount: number, projectsWithOverdueMilestone: number, projectsWithOpenBlocker: number) => ({
    completionRate: 50,
    timeProgress: 50,
    projectCount,
    projectsWithOverdueMilestone,
    projectsWithOpenBlocker,
  });

  it.each([
    [9, 100, LightColor.GREEN],
    [10, 100, LightColor.YELLOW],
    [24, 100, LightColor.YELLOW],
    [25, 100, LightColor.RED],
    [58, 320, LightColor.YELLOW], // the demo city: 18.13% of its projects, not 75 milestones / 320 = 23.4%
    [0, 0, LightColor.GREEN],
  ])('turns %i projects with an overdue milestone of %i into %s by share', (having, projects, color) => {
    expect(evaluateTenantLight(tenant(projects, having, 0), DEFAULT_THRESHOLDS).color).toBe(color);
    expect(evaluateTenantLight(tenant(projects, 0, having), DEFAULT_THRESHOLDS).color).toBe(color);
  });

  it('keeps a city of 320 projects green for the 4 open blockers that turn one project red', () => {
    expect(evaluateTenantLight(tenant(320, 0, 4), DEFAULT_THRESHOLDS)).toEqual({ color: LightColor.GREEN, reasons: [] });
    expect(evaluateProjectLight(project(50, 50, 0, 4), DEFAULT_THRESHOLDS).color).toBe(LightColor.RED);
  });

  it('takes the verdict on the share as shown, to two decimals', () => {
    // 5000 of 20001 is 24.9988%, shown 25%: red, as its message says.
    const light = evaluateTenantLight(tenant(20001, 5000, 0), DEFAULT_THRESHOLDS);
    expect(light.reasons[0]).toMatchObject({ color: LightColor.RED, figure: 25 });
  });

  it("states the share, what it counts and the city's thresholds, in Chinese and English", () => {
    const rules = { ...DEFAULT_THRESHOLDS, tenantBlockerSharePercentYellow: 5, tenantBlockerSharePercentRed: 30 };
    const light = evaluateTenantLight(tenant(320, 58, 16), rules);
    expect(light).toEqual({
      color: LightColor.YELLOW,
      reasons: [
        {
          rule: LightRule.OVERDUE_MILESTONES,
          color: LightColor.YELLOW,
          figure: 18.13,
          yellowFrom: 10,
          redFrom: 25,
          message: {
            zh: '320 个项目中有 58 个（18.13%）有逾期节点（10%起亮黄灯，25%起亮红灯）',
            en: '58 of 320 projects (18.13%) have an overdue milestone (yellow from 10%, red from 25%)',
          },
        },
        {
          rule: LightRule.OPEN_BLOCKERS,
          color: LightColor.YELLOW,
          figure: 5,
          yellowFrom: 5,
          redFrom: 30,
          message: {
            zh: '320 个项目中有 16 个（5%）有未解决的要素制约问题（5%起亮黄灯，30%起亮红灯）',
            en: '16 of 320 projects (5%) have an open blocker (yellow from 5%, red from 30%)',
          },
        },
      ],
    });
  });
});

describe('startedOnFrom', () => {
  const change = (fromStage: ProjectStage | undefined, toStage: ProjectStage, changedOn: string) => ({ fromStage, toStage, changedOn });
  it('takes the move into STARTED', () => {
    expect(
      startedOnFrom([
        change(undefined, ProjectStage.PLANNED, '2026-01-01'),
        change(ProjectStage.PLANNED, ProjectStage.STARTED, '2026-03-18'),
        change(ProjectStage.STARTED, ProjectStage.UNDER_CONSTRUCTION, '2026-05-01'),
      ]),
    ).toBe('2026-03-18');
  });
  it('forgets a start corrected back, and takes the start after it', () => {
    const corrected = [
      change(undefined, ProjectStage.SIGNED, '2026-01-01'),
      change(ProjectStage.SIGNED, ProjectStage.STARTED, '2026-02-01'),
      change(ProjectStage.STARTED, ProjectStage.SIGNED, '2026-02-10'),
    ];
    expect(startedOnFrom(corrected)).toBeUndefined();
    expect(startedOnFrom([...corrected, change(ProjectStage.SIGNED, ProjectStage.STARTED, '2026-04-01')])).toBe('2026-04-01');
  });
  it('takes the registration date of a project registered as started', () => {
    expect(startedOnFrom([change(undefined, ProjectStage.UNDER_CONSTRUCTION, '2024-06-01')])).toBe('2024-06-01');
  });
});
