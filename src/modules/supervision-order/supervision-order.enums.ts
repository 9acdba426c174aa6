import { registerEnumType } from 'type-graphql';

/** What an order (督办单) is about: a project, one of its blockers, or a tenant's work as a whole. */
export enum OrderSubject {
  PROJECT = 'PROJECT',
  BLOCKER = 'BLOCKER',
  TENANT = 'TENANT',
}

/**
 * Where an order stands: ISSUED → ACKNOWLEDGED (签收) → FEEDBACK_GIVEN (反馈, once or more) → CLOSED
 * (办结) by the issuer, or SENT_BACK (退回) to the addressee, who then gives feedback again.
 */
export enum OrderStatus {
  ISSUED = 'ISSUED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  FEEDBACK_GIVEN = 'FEEDBACK_GIVEN',
  SENT_BACK = 'SENT_BACK',
  CLOSED = 'CLOSED',
}

/** What happened to an order, in its history. ESCALATED is the calendar's doing: no one acted. */
export enum OrderEventKind {
  ISSUED = 'ISSUED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  FEEDBACK_GIVEN = 'FEEDBACK_GIVEN',
  SENT_BACK = 'SENT_BACK',
  CLOSED = 'CLOSED',
  ESCALATED = 'ESCALATED',
}

registerEnumType(OrderSubject, {
  name: 'OrderSubject',
  description: 'What a supervision order (督办单) is about.',
  valuesConfig: {
    PROJECT: { description: 'A project (项目督办).' },
    BLOCKER: { description: 'A blocker of a project (问题督办).' },
    TENANT: { description: "A tenant's work as a whole (对县区、乡镇的督办)." },
  },
});

registerEnumType(OrderStatus, {
  name: 'OrderStatus',
  description: 'Status of a supervision order (督办状态).',
  valuesConfig: {
    ISSUED: { description: 'Issued, not yet acknowledged by the addressee (已下发, 待签收).' },
    ACKNOWLEDGED: { description: 'Acknowledged by the addressee (已签收), no feedback yet.' },
    FEEDBACK_GIVEN: { description: 'The addressee reported back (已反馈); the issuer closes it or sends it back.' },
    SENT_BACK: { description: 'The issuer did not accept the feedback (已退回), with a reason; more feedback is due.' },
    CLOSED: { description: 'Closed by the issuer (已办结).' },
  },
});

registerEnumType(OrderEventKind, {
  name: 'OrderEventKind',
  description: 'A step in the history of a supervision order.',
  valuesConfig: {
    ISSUED: { description: 'Issued (下发督办).' },
    ACKNOWLEDGED: { description: 'Acknowledged by the addressee (签收).' },
    FEEDBACK_GIVEN: { description: 'Feedback from the addressee (反馈), its text in `note`.' },
    SENT_BACK: { description: 'Sent back by the issuer (退回), the reason in `note`.' },
    CLOSED: { description: 'Closed by the issuer (办结).' },
    ESCALATED: { description: 'Overdue, escalated one level above the addressee (逾期提级督办), by the daily check.' },
  },
});
