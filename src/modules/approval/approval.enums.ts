import { registerEnumType } from 'type-graphql';

/** Where a project stands with one preparatory approval (前期手续), in order of progress after NOT_NEEDED. */
export enum ApprovalState {
  NOT_NEEDED = 'NOT_NEEDED',
  NOT_STARTED = 'NOT_STARTED',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
}

/** A required approval counts as cleared for the start when approved or not needed for this project. */
export function clearsStart(state: ApprovalState): boolean {
  return state === ApprovalState.APPROVED || state === ApprovalState.NOT_NEEDED;
}

registerEnumType(ApprovalState, {
  name: 'ApprovalState',
  description: 'State of one preparatory approval of a project (手续办理状态).',
  valuesConfig: {
    NOT_NEEDED: { description: 'The project does not need it (不涉及).' },
    NOT_STARTED: { description: 'Not applied for yet (未启动); also every approval of the list nobody has recorded.' },
    SUBMITTED: { description: 'Applied for, awaiting the office (已报审); dated `submittedOn`.' },
    APPROVED: { description: 'Granted (已批复); dated `approvedOn`, usually with a document number (批复文号).' },
  },
});
