import { Field, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { WanScalar } from '../../money/wan.scalar';
import { TargetMeasure } from './target.enums';

@InputType({ description: 'One measure of a target-responsibility letter and its target.' })
export class TargetValueInput {
  @Field(() => TargetMeasure, { description: 'The measure; each at most once.' })
  measure!: TargetMeasure;

  @Field(() => WanScalar, {
    description: 'The target, more than zero: 万元 for INVESTMENT_COMPLETED and FUNDS_ARRIVED, a whole number for the counting measures.',
  })
  value!: string;
}

@InputType({
  description:
    "Sets a tenant's target-responsibility letter (目标责任书) for a year, replacing its measures: by the tenant above it " +
    '(its managers), the city by its own.',
})
export class SetResponsibilityTargetsInput {
  @Field({ description: 'Division code of the tenant bound by the letter.' })
  tenantCode!: string;

  @Field(() => Int, { description: 'The year, the current or the next.' })
  year!: number;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day it was signed; today when omitted; not in the future.' })
  signedOn?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "The letter's `version` as last read: CONFLICT when it changed since (or was never set). Omitted, the letter is replaced whatever it is.",
  })
  version?: number | null;

  @Field(() => [TargetValueInput], { description: 'The measures and their targets ([] clears the letter).' })
  targets!: TargetValueInput[];
}
