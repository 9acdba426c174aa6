import { ProjectStage } from '../../src/modules/project/project.enums';
import { completedOnFrom } from '../../src/modules/project/stage-history';

const { SIGNED, STARTED, UNDER_CONSTRUCTION, COMPLETED, IN_OPERATION, AT_DESIGN_CAPACITY } = ProjectStage;
const change = (fromStage: ProjectStage | undefined, toStage: ProjectStage, changedOn: string) => ({ fromStage, toStage, changedOn });
const underConstruction = [
  change(undefined, SIGNED, '2025-01-01'),
  change(SIGNED, STARTED, '2025-03-01'),
  change(STARTED, UNDER_CONSTRUCTION, '2025-04-01'),
];

/** The completion date that ends a project's reporting duty (kp_project_completed_on follows the same rule). */
describe('completedOnFrom', () => {
  it.each([
    ['still under construction', underConstruction, undefined],
    ['completed (竣工)', [...underConstruction, change(UNDER_CONSTRUCTION, COMPLETED, '2026-08-20')], '2026-08-20'],
    [
      'completed, then in operation: the completion counts',
      [...underConstruction, change(UNDER_CONSTRUCTION, COMPLETED, '2026-08-20'), change(COMPLETED, IN_OPERATION, '2026-10-01')],
      '2026-08-20',
    ],
    ['straight into operation (投产)', [...underConstruction, change(UNDER_CONSTRUCTION, IN_OPERATION, '2026-07-10')], '2026-07-10'],
    ['registered when already at design capacity', [change(undefined, AT_DESIGN_CAPACITY, '2024-12-31')], '2024-12-31'],
    [
      'a completion taken back',
      [...underConstruction, change(UNDER_CONSTRUCTION, COMPLETED, '2026-08-20'), change(COMPLETED, UNDER_CONSTRUCTION, '2026-09-10')],
      undefined,
    ],
    [
      'completed again after a completion taken back: the later one',
      [
        ...underConstruction,
        change(UNDER_CONSTRUCTION, COMPLETED, '2026-08-20'),
        change(COMPLETED, UNDER_CONSTRUCTION, '2026-09-10'),
        change(UNDER_CONSTRUCTION, COMPLETED, '2026-11-05'),
      ],
      '2026-11-05',
    ],
    ['no history', [], undefined],
  ])('%s', (_case, history, expected) => {
    expect(completedOnFrom(history)).toBe(expected);
  });
});
