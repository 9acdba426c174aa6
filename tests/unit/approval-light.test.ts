import { approvalLight, officeLight } from '../../src/modules/approval/approval-light';
import { ApprovalState } from '../../src/modules/approval/approval.enums';

const RULE = { timeLimitDays: 20, warningDays: 5 };
const AS_OF = '2026-11-20';

describe('the approval light (审批信号灯)', () => {
  it.each([
    ['not needed', { state: ApprovalState.NOT_NEEDED, plannedOn: '2026-01-01' }, 'GREEN'],
    ['approved, even late', { state: ApprovalState.APPROVED, submittedOn: '2026-01-01', approvedOn: '2026-11-01' }, 'GREEN'],
    [
      'approved after the day it is read for: still pending then',
      { state: ApprovalState.APPROVED, submittedOn: '2026-10-01', approvedOn: '2026-11-25' },
      'RED',
    ],
    ['not started, no planned date', { state: ApprovalState.NOT_STARTED }, 'GREEN'],
    ['planned date passed', { state: ApprovalState.NOT_STARTED, plannedOn: '2026-11-19' }, 'RED'],
    ['planned today', { state: ApprovalState.NOT_STARTED, plannedOn: '2026-11-20' }, 'YELLOW'],
    ['planned within the warning days', { state: ApprovalState.NOT_STARTED, plannedOn: '2026-11-24' }, 'YELLOW'],
    ['planned just beyond the warning days', { state: ApprovalState.NOT_STARTED, plannedOn: '2026-11-25' }, 'GREEN'],
    ['submitted exactly the time limit ago', { state: ApprovalState.SUBMITTED, submittedOn: '2026-10-31' }, 'YELLOW'],
    ['submitted one day more than the time limit ago', { state: ApprovalState.SUBMITTED, submittedOn: '2026-10-30' }, 'RED'],
    ['submitted with the warning days left', { state: ApprovalState.SUBMITTED, submittedOn: '2026-11-05' }, 'GREEN'],
    ['submitted with fewer than the warning days left', { state: ApprovalState.SUBMITTED, submittedOn: '2026-11-04' }, 'YELLOW'],
    ['submitted after the day it is read for: not started then', { state: ApprovalState.SUBMITTED, submittedOn: '2026-11-21' }, 'GREEN'],
  ] as const)('%s: %s', (_name, item, color) => {
    expect(approvalLight({ ...RULE, ...item }, AS_OF)).toBe(color);
  });

  it.each([
    [0, 0, 'GREEN'],
    [0, 2, 'YELLOW'],
    [1, 0, 'RED'],
    [1, 3, 'RED'],
  ] as const)('an office with %i overdue and %i warned approvals is %s', (overdue, warned, color) => {
    expect(officeLight(overdue, warned)).toBe(color);
  });
});
