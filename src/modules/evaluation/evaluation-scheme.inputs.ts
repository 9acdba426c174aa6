import { Field, Float, InputType, Int } from 'type-graphql';
import { EvaluationMeasure, ScoringMethod } from './evaluation.enums';

@InputType({ description: 'One measure of a new evaluation scheme (考核指标).' })
export class SchemeMeasureInput {
  @Field(() => EvaluationMeasure, { description: 'The measure (考核指标); each at most once in a scheme.' })
  measure!: EvaluationMeasure;

  @Field(() => Int, { description: 'Its weight (分值), from 1 to 100; the weights of a scheme sum to 100.' })
  weight!: number;

  @Field(() => ScoringMethod, { description: 'How it is scored (评分办法).' })
  method!: ScoringMethod;

  @Field(() => Float, {
    nullable: true,
    description: 'LINEAR only: the figure at or below which it scores nothing (起评值), below `target`.',
  })
  floor?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'LINEAR and THRESHOLD: the figure from which it scores full marks (目标值), from -1000 to 1000.',
  })
  target?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'RANK only: the points each place below the first loses (每降一位扣分), more than 0 and at most the weight.',
  })
  step?: number | null;
}

@InputType({ description: "A city's new evaluation scheme (季度评比考核办法): it becomes the next version." })
export class SetEvaluationSchemeInput {
  @Field({ description: 'Division code of the city.' })
  cityCode!: string;

  @Field(() => [SchemeMeasureInput], { description: 'The measures (考核指标), 1 to 8 of them, weights summing to 100.' })
  measures!: SchemeMeasureInput[];
}
