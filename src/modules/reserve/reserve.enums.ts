import { registerEnumType } from 'type-graphql';

/**
 * How ready a reserve project is (成熟度), as a 发改 office grades its 储备库: an idea, a finished
 * feasibility study, approvals under way, ready to start. A project is promoted into a year's list
 * from any grade (a county may list one it will push through), but the pool's figures count by it.
 */
export enum ReserveMaturity {
  CONCEPT = 'CONCEPT',
  FEASIBILITY_DONE = 'FEASIBILITY_DONE',
  APPROVALS_UNDER_WAY = 'APPROVALS_UNDER_WAY',
  READY_TO_START = 'READY_TO_START',
}

export const RESERVE_MATURITY_ORDER: readonly ReserveMaturity[] = Object.values(ReserveMaturity);

/** Where a reserve project stands: in the pool, promoted into a year's key-project list, or dropped. */
export enum ReserveStatus {
  POOLED = 'POOLED',
  PROMOTED = 'PROMOTED',
  DROPPED = 'DROPPED',
}

registerEnumType(ReserveMaturity, {
  name: 'ReserveMaturity',
  description: 'How ready a reserve project is (成熟度), in order.',
  valuesConfig: {
    CONCEPT: { description: 'An idea being worked out (谋划阶段).' },
    FEASIBILITY_DONE: { description: 'Feasibility study done (可研已完成).' },
    APPROVALS_UNDER_WAY: { description: 'Preparatory approvals under way (前期手续办理中).' },
    READY_TO_START: { description: 'Ready to start construction (具备开工条件).' },
  },
});

registerEnumType(ReserveStatus, {
  name: 'ReserveStatus',
  description: 'Where a reserve project stands (状态).',
  valuesConfig: {
    POOLED: { description: 'In the reserve pool (在库).' },
    PROMOTED: { description: "Promoted into a year's key-project list (已转入年度计划); `project` is the key project." },
    DROPPED: { description: 'Taken out of the pool, with the reason (已出库).' },
  },
});
