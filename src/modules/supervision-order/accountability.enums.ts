import { registerEnumType } from 'type-graphql';

/** Accountability measures (问责方式) an office records, mildest first. */
export enum AccountabilityMeasure {
  REMINDER_TALK = 'REMINDER_TALK',
  INTERVIEW = 'INTERVIEW',
  WRITTEN_SELF_EXAMINATION = 'WRITTEN_SELF_EXAMINATION',
  CIRCULATED_CRITICISM = 'CIRCULATED_CRITICISM',
  ADMONISHMENT = 'ADMONISHMENT',
  DISCIPLINARY_ACTION = 'DISCIPLINARY_ACTION',
  OTHER = 'OTHER',
}

registerEnumType(AccountabilityMeasure, {
  name: 'AccountabilityMeasure',
  description: 'An accountability measure (问责方式).',
  valuesConfig: {
    REMINDER_TALK: { description: 'Reminder talk (提醒谈话).' },
    INTERVIEW: { description: 'Summoned interview (约谈).' },
    WRITTEN_SELF_EXAMINATION: { description: 'Ordered to write a self-examination (责令书面检查).' },
    CIRCULATED_CRITICISM: { description: 'Criticism circulated in a bulletin (通报批评).' },
    ADMONISHMENT: { description: 'Admonishment talk (诫勉谈话).' },
    DISCIPLINARY_ACTION: { description: 'Party or administrative disciplinary action (党纪政务处分).' },
    OTHER: { description: 'Another measure, described in `detail` (其他).' },
  },
});
