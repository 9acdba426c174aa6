import { Field, ID, InputType } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { WanScalar } from '../../money/wan.scalar';
import { FundingSource } from '../project/funding-source';

@InputType({ description: 'Funds that arrived for a project (到位资金), on a day.' })
export class RecordFundArrivalInput {
  @Field(() => ID, { description: 'Id of the project.' })
  projectId!: string;

  @Field(() => WanScalar, {
    description: "Amount that arrived, 万元; more than zero, and the project's funds in place may not exceed its total investment.",
  })
  amountWan!: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Day the funds arrived (到位日期); today when omitted, never in the future.',
  })
  arrivedOn?: string | null;

  @Field(() => FundingSource, { nullable: true, description: 'Which source the funds came from (资金来源).' })
  source?: FundingSource | null;

  @Field(() => String, { nullable: true, description: 'Where the funds come from or what they are for (e.g. 专项债, 企业自筹).' })
  note?: string | null;
}
