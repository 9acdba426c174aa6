import { Field, Float, ObjectType } from 'type-graphql';
import { WanScalar } from '../../money/wan.scalar';
import { TargetMeasure } from './target.enums';

@ObjectType({
  description:
    "One measure of the tenant's target-responsibility letter (目标责任书) for the period's year, against what the rollup counts " +
    'through the period (on its basis).',
})
export class TargetProgress {
  @Field(() => TargetMeasure, { description: 'The measure.' })
  measure!: TargetMeasure;

  @Field(() => WanScalar, { description: 'The target (万元, or a count).' })
  targetValue!: string;

  @Field(() => WanScalar, { description: 'Done this year through the period (万元, or a count), as the rollup counts it.' })
  actualValue!: string;

  @Field(() => Float, { nullable: true, description: 'Completion of the target (目标完成率), percent: actual / target.' })
  completionRate!: number | null;
}
