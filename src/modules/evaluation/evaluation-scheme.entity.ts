import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { EvaluationMeasure, ScoringMethod } from './evaluation.enums';

@ObjectType({ description: 'One measure of an evaluation scheme (考核指标及评分办法): its weight and how it is scored.' })
export class SchemeMeasure {
  @Field(() => EvaluationMeasure, { description: 'The measure (考核指标).' })
  measure!: EvaluationMeasure;

  @Field(() => Int, { description: 'Its weight (分值): the points full marks give; the weights of a scheme sum to 100.' })
  weight!: number;

  @Field(() => ScoringMethod, { description: 'How its figure becomes points (评分办法).' })
  method!: ScoringMethod;

  @Field(() => Float, { nullable: true, description: 'LINEAR: the figure at or below which it scores nothing (起评值); null otherwise.' })
  floor!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'LINEAR: the figure from which it scores full marks; THRESHOLD: the figure to reach (目标值); null for RANK.',
  })
  target!: number | null;

  @Field(() => Float, { nullable: true, description: 'RANK: the points each place below the first loses (每降一位扣分); null otherwise.' })
  step!: number | null;
}

@ObjectType({
  description:
    "A city's quarterly evaluation scheme (季度评比考核办法): which measures count, their weights and how each is scored. " +
    'Each change is a new version; earlier versions stay, and a published ranking keeps the scheme it used. While a city ' +
    "has set none it uses the default scheme (`version` 0). The audit trail keeps every version under the city's code.",
})
@Entity({ tableName: 'evaluation_scheme' })
export class EvaluationScheme {
  [OptionalProps]?: 'isDefault' | 'createdBySubject';

  @Field({ description: 'Division code of the city the scheme applies to.' })
  @PrimaryKey({ length: 12 })
  cityCode!: string;

  @Field(() => Int, { description: "The version (版本号): 1 for the city's first scheme, one more for each change; 0 for the default." })
  @PrimaryKey({ type: 'int', autoincrement: false })
  version!: number;

  @Field(() => [SchemeMeasure], { description: 'The measures, in the order the city listed them.' })
  @Property({ type: 'jsonb' })
  measures!: SchemeMeasure[];

  @Field(() => Date, { nullable: true, description: 'When this version was set; null for the default.' })
  @Property({ type: 'timestamptz' })
  createdAt?: Date;

  @Property({ length: 100 })
  createdBy?: string;

  @Field(() => String, { nullable: true, description: 'Name of who set it; null for the default.' })
  @Property({ length: 100 })
  createdByName?: string;

  @Field(() => String, { nullable: true, description: 'Keycloak subject of who set it; null for the default.' })
  get createdBySubject(): string | undefined {
    return this.createdBy;
  }

  @Field({ description: 'Whether this is the default scheme, in force while the city has set none.' })
  get isDefault(): boolean {
    return this.version === 0;
  }
}
