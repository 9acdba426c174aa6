import { registerEnumType } from 'type-graphql';

/** Kinds of element constraint (要素制约) a project may be held up by. */
export enum BlockerType {
  LAND = 'LAND',
  FUNDING = 'FUNDING',
  APPROVALS = 'APPROVALS',
  LAND_ACQUISITION = 'LAND_ACQUISITION',
  ENVIRONMENTAL_CAPACITY = 'ENVIRONMENTAL_CAPACITY',
  ENERGY_QUOTA = 'ENERGY_QUOTA',
  UTILITIES = 'UTILITIES',
  OTHER = 'OTHER',
}

/** Where a blocker stands: OPEN → IN_PROGRESS → RESOLVED (with feedback) → CLOSED (the raiser accepts: 闭环). */
export enum BlockerStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
}

/** What happened to a blocker, in its history. */
export enum BlockerEventKind {
  RAISED = 'RAISED',
  STARTED = 'STARTED',
  ESCALATED = 'ESCALATED',
  RESOLVED = 'RESOLVED',
  REOPENED = 'REOPENED',
  CLOSED = 'CLOSED',
}

/** Open means not yet solved: still counted as a blocker in figures and lights. */
export const OPEN_STATUSES: readonly BlockerStatus[] = [BlockerStatus.OPEN, BlockerStatus.IN_PROGRESS];

registerEnumType(BlockerType, {
  name: 'BlockerType',
  description: 'Kind of blocker (要素制约类型).',
  valuesConfig: {
    LAND: { description: 'Land use (用地): land quota, land supply, planning permission for land.' },
    FUNDING: { description: 'Funding (资金): budget, bonds, loans, funds not in place.' },
    APPROVALS: { description: 'Approvals and procedures (手续): permits, filings, reviews.' },
    LAND_ACQUISITION: { description: 'Land acquisition and demolition (征地拆迁).' },
    ENVIRONMENTAL_CAPACITY: { description: 'Environmental capacity (环境容量): emission quotas, environmental assessment.' },
    ENERGY_QUOTA: { description: 'Energy quota (能耗指标).' },
    UTILITIES: { description: 'Utilities relocation and connection (管线迁改, 水电气暖).' },
    OTHER: { description: 'Anything else (其他).' },
  },
});

registerEnumType(BlockerStatus, {
  name: 'BlockerStatus',
  description: 'Status of a blocker (办理状态).',
  valuesConfig: {
    OPEN: { description: 'Raised, nobody working on it yet (待办).' },
    IN_PROGRESS: { description: 'Being worked on (办理中).' },
    RESOLVED: { description: 'Resolved with feedback (已办结/已反馈), waiting for the raiser to confirm.' },
    CLOSED: { description: 'Closed: the raiser confirmed the resolution (已销号/闭环).' },
  },
});

registerEnumType(BlockerEventKind, {
  name: 'BlockerEventKind',
  description: 'A step in the history of a blocker.',
  valuesConfig: {
    RAISED: { description: 'Raised (提出问题).' },
    STARTED: { description: 'Work on it started (开始办理).' },
    ESCALATED: { description: 'Escalated one level up (提请上级协调), with a reason.' },
    RESOLVED: { description: 'Resolved, with feedback (办结反馈).' },
    REOPENED: { description: 'The raiser did not accept the resolution (退回重办), with a reason.' },
    CLOSED: { description: 'The raiser confirmed the resolution (确认销号, 闭环).' },
  },
});
