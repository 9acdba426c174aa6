import { Field, Float, Int, ObjectType } from 'type-graphql';
import { PeriodScalar, QuarterScalar } from '../../calendar/calendar.scalars';
import type { Period } from '../../calendar/period';
import type { Quarter } from '../../calendar/quarter';
import { Tenant } from '../tenant/tenant.entity';
import { EvaluationMeasure, ScoringMethod } from './evaluation.enums';
import { EvaluationPublication } from './evaluation-publication.entity';
import { EvaluationScheme } from './evaluation-scheme.entity';

@ObjectType({ description: "A child tenant's figure and points for one measure (单项得分)." })
export class MeasureScore {
  @Field(() => EvaluationMeasure, { description: 'The measure.' })
  measure!: EvaluationMeasure;

  @Field(() => ScoringMethod, { description: 'How it was scored.' })
  method!: ScoringMethod;

  @Field(() => Int, { description: 'Its weight: the points full marks give.' })
  weight!: number;

  @Field(() => Float, {
    nullable: true,
    description: "The raw figure (原始数据) as the child's rollup gives it (percent, or points for PROGRESS_GAP); null when undefined.",
  })
  figure!: number | null;

  @Field(() => Float, { description: 'The points it earned (得分), 0 to `weight`, to hundredths.' })
  score!: number;

  @Field(() => Int, { nullable: true, description: 'RANK: its place among the siblings by the figure; null for other methods.' })
  place!: number | null;
}

@ObjectType({ description: "A child tenant's line in a quarterly evaluation: scores, total, rank and change (评比结果)." })
export class EvaluationEntry {
  @Field({ description: 'Division code of the child tenant.' })
  tenantCode!: string;

  @Field({ description: 'Its name when evaluated.' })
  tenantName!: string;

  @Field(() => Int, { description: 'Rank by total (名次), 1 is best; equal totals share a rank (1, 2, 2, 4).' })
  rank!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Rank in the previous quarter (上季度名次): as published for that quarter, or else by the scheme in force then ' +
      '(`Evaluation.previousSchemeVersion`); null when the tenant was not ranked then.',
  })
  previousRank!: number | null;

  @Field(() => Int, { nullable: true, description: 'Places gained since the previous quarter (名次变化; positive = moved up).' })
  rankChange!: number | null;

  @Field(() => Float, { description: 'Total (总分): the sum of the measures’ points, out of 100.' })
  totalScore!: number;

  @Field(() => [MeasureScore], { description: "Each measure's figure and points, in the scheme's order." })
  measures!: MeasureScore[];
}

@ObjectType({
  description:
    "The quarterly evaluation (季度评比) of a tenant's children: each child's points per measure by the city's scheme, the " +
    'total, the rank and the change since the previous quarter. Computed from the rollups of the children (by owner), so ' +
    'anyone can recompute it from their figures.',
})
export class Evaluation {
  parentEntity!: Tenant;

  @Field(() => Tenant, { description: 'The tenant whose children are ranked.' })
  get parent(): Tenant {
    return this.parentEntity;
  }

  @Field(() => QuarterScalar, { description: 'The quarter evaluated.' })
  quarter!: Quarter;

  @Field(() => PeriodScalar, {
    description: "The month whose figures are scored: the quarter's last month, or the running month while the quarter runs.",
  })
  period!: Period;

  @Field(() => PeriodScalar, { description: 'The month the previous ranks are scored on: the last month of the previous quarter.' })
  previousPeriod!: Period;

  @Field(() => EvaluationScheme, { description: 'The scheme used: the city’s version in force, or the default.' })
  scheme!: EvaluationScheme;

  @Field(() => Int, {
    description:
      'Version of the scheme the previous ranks (上季度名次) are by: that of the published ranking of the previous quarter when ' +
      'there is one, or else the version in force when that quarter ended (0: the default), never a version set since.',
  })
  previousSchemeVersion!: number;

  @Field(() => EvaluationPublication, {
    nullable: true,
    description:
      'The published ranking of the previous quarter the previous ranks are taken from (its latest edition: what the meeting read); ' +
      'null when that quarter was not published, and the previous ranks are recomputed from its last month.',
  })
  previousPublication!: EvaluationPublication | null;

  @Field(() => [EvaluationEntry], { description: 'The children, by rank, then by code.' })
  entries!: EvaluationEntry[];
}
