import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar, PeriodScalar } from '../../calendar/calendar.scalars';
import type { Period } from '../../calendar/period';
import { WanScalar } from '../../money/wan.scalar';
import { EvaluationScheme } from '../evaluation/evaluation-scheme.entity';
import { MeasureScore } from '../evaluation/evaluation.types';
import { TargetProgress } from '../target/target-progress';
import { Tenant } from '../tenant/tenant.entity';
import { AwardKind } from './assessment.enums';
import { TARGET_SHARE } from './assessment-scoring';
import { YearEndAssessment } from './year-end-assessment.entity';

@ObjectType({ description: 'The reward or penalty decided for a child at the year-end assessment (年终奖惩).' })
export class YearEndAward {
  @Field(() => AwardKind, { description: 'What was decided (通报表扬, 表彰奖励, 约谈, 通报批评, 一票否决).' })
  kind!: AwardKind;

  @Field({ description: 'Why (奖惩理由), as the decision states it.' })
  reason!: string;

  @Field(() => WanScalar, { nullable: true, description: 'Reward funds granted (奖励资金), 万元, exact; only with a reward.' })
  rewardFundsWan!: string | null;
}

@ObjectType({
  description:
    "A child tenant's line in a year-end assessment (年终考核): the quarterly evaluation's points over the whole year, its " +
    'target letter’s completion, the total, the rank and (once frozen) the reward or penalty decided.',
})
export class YearEndAssessmentEntry {
  @Field({ description: 'Division code of the child tenant.' })
  tenantCode!: string;

  @Field({ description: 'Its name when assessed.' })
  tenantName!: string;

  @Field(() => Int, {
    description: 'Rank by total (位次), 1 is best; equal totals share a rank (1, 2, 2, 4), as in the quarterly evaluation.',
  })
  rank!: number;

  @Field(() => Float, {
    description:
      `Total (总分) out of 100, to hundredths: \`figuresScore\` + \`targetScore\` (the figures weigh ${100 - TARGET_SHARE}, the ` +
      `target letter ${TARGET_SHARE}); without a letter for the year, \`evaluationScore\` alone.`,
  })
  totalScore!: number;

  @Field(() => Float, {
    description:
      "The quarterly evaluation's total (评比得分, out of 100) by the city's scheme in force, over the figures of the year's " +
      'last month (December; the running month while the year runs): every rollup figure counts the year to that month, and ' +
      'on-time reporting (月报按时报送率) counts every month of the year to it (reports on time / reports owed).',
  })
  evaluationScore!: number;

  @Field(() => Float, {
    description: `The figures' part of the total: \`evaluationScore\` × ${100 - TARGET_SHARE}% with a letter, all of it without one; to hundredths.`,
  })
  figuresScore!: number;

  @Field(() => Float, {
    nullable: true,
    description: `The target letter's part (目标责任书得分): ${TARGET_SHARE} × \`targetCompletion\` / 100, to hundredths; null without a letter.`,
  })
  targetScore!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "Completion of the target letter (目标完成率), percent to hundredths: the mean over the letter's measures of each one's " +
      'completion, each counted at most 100 (exceeding one target does not make up for missing another); null without a letter.',
  })
  targetCompletion!: number | null;

  @Field(() => [MeasureScore], { description: "Each measure of the scheme: the year's figure and its points." })
  measures!: MeasureScore[];

  @Field(() => [TargetProgress], {
    description: "Each measure of the child's target letter for the year against what was done; empty without one.",
  })
  targets!: TargetProgress[];

  @Field(() => YearEndAward, {
    nullable: true,
    description: 'The reward or penalty decided (奖惩); null in a draft and for a child given none.',
  })
  award!: YearEndAward | null;
}

@ObjectType({
  description:
    "The year-end assessment (年终考核) of a tenant's children as the figures stand now (the draft): each child's points by the " +
    "city's evaluation scheme over the year, plus the completion of its target letter (目标责任书), ranked. Anyone can recompute it " +
    "from the children's rollups of the year's last month and their letters. `frozen` is the result once decided.",
})
export class YearEndAssessmentDraft {
  parentEntity!: Tenant;

  @Field(() => Tenant, { description: 'The assessing tenant (a city assesses its counties, a county its towns).' })
  get parent(): Tenant {
    return this.parentEntity;
  }

  @Field(() => Int, { description: 'The calendar year assessed.' })
  year!: number;

  @Field(() => PeriodScalar, { description: 'The month whose figures are scored: December, or the running month while the year runs.' })
  period!: Period;

  @Field(() => Int, { description: `The points out of 100 the target letter weighs (${TARGET_SHARE}); the figures weigh the rest.` })
  targetShare!: number;

  @Field(() => EvaluationScheme, { description: "The city's evaluation scheme in force, by which the figures are scored." })
  scheme!: EvaluationScheme;

  @Field(() => LocalDateScalar, {
    description:
      "First day the year may be frozen (可冻结日期): the day after December's reports are due (the city's reporting day of " +
      "January): until then December's figures may still move.",
  })
  freezableOn!: string;

  @Field(() => [YearEndAssessmentEntry], { description: 'The children, by rank, then by code.' })
  entries!: YearEndAssessmentEntry[];

  @Field(() => YearEndAssessment, { nullable: true, description: 'The frozen result of the year, once frozen; null before.' })
  frozen!: YearEndAssessment | null;
}
