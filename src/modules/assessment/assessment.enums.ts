import { registerEnumType } from 'type-graphql';

/**
 * What a tenant decides for each child it assessed at year end (年终奖惩), in the words of the
 * seeds' "对完成任务好的…进行表彰，对完不成任务的…严厉批评，还要给予一定的处罰": two kinds of
 * reward, three of penalty, the last the heaviest (一票否决: the child is out of every 评先评优 of
 * the year, whatever its score).
 */
export enum AwardKind {
  COMMENDATION = 'COMMENDATION',
  HONOUR_AND_REWARD = 'HONOUR_AND_REWARD',
  ADMONITORY_TALK = 'ADMONITORY_TALK',
  CRITICISM = 'CRITICISM',
  VETO = 'VETO',
}

/** Rewards, which alone may carry reward funds (奖励资金); the others are penalties. */
export const REWARD_KINDS: ReadonlySet<AwardKind> = new Set([AwardKind.COMMENDATION, AwardKind.HONOUR_AND_REWARD]);

registerEnumType(AwardKind, {
  name: 'AwardKind',
  description: 'A reward or penalty decided at the year-end assessment (年终奖惩). Only the rewards may carry reward funds (奖励资金).',
  valuesConfig: {
    COMMENDATION: { description: 'Public commendation (通报表扬): a reward.' },
    HONOUR_AND_REWARD: { description: 'Honour and reward (表彰奖励): a reward.' },
    ADMONITORY_TALK: { description: "Admonitory talk (约谈) with the child's leaders: a penalty." },
    CRITICISM: { description: 'Public criticism (通报批评): a penalty.' },
    VETO: { description: 'One-vote veto (一票否决): out of every commendation of the year, whatever the score; a penalty.' },
  },
});
