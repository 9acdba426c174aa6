import { Field, InputType, Int } from 'type-graphql';
import { WanScalar } from '../../money/wan.scalar';
import { AwardKind } from './assessment.enums';

@InputType({ description: 'The reward or penalty (奖惩) decided for one assessed child.' })
export class YearEndAwardInput {
  @Field({ description: 'Division code of the child; one the assessment ranks, each at most once.' })
  tenantCode!: string;

  @Field(() => AwardKind, { description: 'What is decided.' })
  kind!: AwardKind;

  @Field({ description: 'Why (奖惩理由), up to 500 characters; not empty.' })
  reason!: string;

  @Field(() => WanScalar, {
    nullable: true,
    description: 'Reward funds (奖励资金), 万元, more than zero; only with a reward (COMMENDATION, HONOUR_AND_REWARD).',
  })
  rewardFundsWan?: string | null;
}

@InputType({
  description:
    "Freezes a tenant's year-end assessment of its children (冻结年终考核结果) as it stands, with the rewards and penalties decided.",
})
export class FreezeYearEndAssessmentInput {
  @Field({ description: 'Division code of the assessing tenant (a city, or a county).' })
  tenantCode!: string;

  @Field(() => Int, { description: 'The year; one that is over (from `YearEndAssessmentDraft.freezableOn`), not yet frozen.' })
  year!: number;

  @Field(() => [YearEndAwardInput], { description: 'The rewards and penalties; a child may be given none.' })
  awards!: YearEndAwardInput[];
}
