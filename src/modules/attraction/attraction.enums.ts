import { registerEnumType } from 'type-graphql';

/**
 * Steps of an investment-attraction lead (招商线索), in order. A lead moves exactly one step at a
 * time; each step reached is dated on the lead.
 */
export enum LeadStage {
  INTENT = 'INTENT',
  FRAMEWORK_AGREEMENT = 'FRAMEWORK_AGREEMENT',
  CONTRACT_SIGNED = 'CONTRACT_SIGNED',
  STARTED = 'STARTED',
  FUNDS_IN_PLACE = 'FUNDS_IN_PLACE',
}

export const LEAD_STAGE_ORDER: readonly LeadStage[] = Object.values(LeadStage);

export function leadStageRank(stage: LeadStage): number {
  return LEAD_STAGE_ORDER.indexOf(stage);
}

/** The step after `stage`, or undefined at the last one. */
export function nextLeadStage(stage: LeadStage): LeadStage | undefined {
  return LEAD_STAGE_ORDER[leadStageRank(stage) + 1];
}

registerEnumType(LeadStage, {
  name: 'LeadStage',
  description: 'Step of an investment-attraction lead (招商引资梯次推进), listed in order.',
  valuesConfig: {
    INTENT: { description: 'Investment intent reached (达成投资意向).' },
    FRAMEWORK_AGREEMENT: { description: 'Framework agreement signed (签订框架协议).' },
    CONTRACT_SIGNED: { description: 'Formal investment contract signed (正式签约).' },
    STARTED: { description: 'Construction started (开工); the lead has its key project.' },
    FUNDS_IN_PLACE: { description: 'Funds in place (资金到位): the signed amount has arrived.' },
  },
});
