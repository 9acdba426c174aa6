import { Field, ID, InputType, Int } from 'type-graphql';
import { PeriodScalar } from '../../calendar/calendar.scalars';
import type { Period } from '../../calendar/period';
import { WanScalar } from '../../money/wan.scalar';
import { ProjectStage } from '../project/project.enums';
import { PlanFundingSourceInput } from '../project/plan-funding';

@InputType({ description: 'A monthly progress report (月报) for one project and one month.' })
export class ReportProgressInput {
  @Field(() => ID, { description: 'Id of the project reported on (所报项目).' })
  projectId!: string;

  @Field(() => PeriodScalar, { description: 'The month reported on (报送月份), e.g. 2026-10; not a future month.' })
  period!: Period;

  @Field(() => WanScalar, { description: 'Investment completed in the month (当月完成投资), 万元.' })
  completedInvestmentWan!: string;

  @Field(() => [PlanFundingSourceInput], {
    nullable: true,
    description: "Where the month's completed investment came from (资金来源): each source once, together no more than the month.",
  })
  fundingSources?: PlanFundingSourceInput[] | null;

  @Field({ description: 'Physical progress in words (形象进度).' })
  progressNote!: string;

  @Field(() => ProjectStage, {
    nullable: true,
    description:
      "Stage at the end of the month (月末所处阶段), the report's claim; the project's current stage when omitted. A later stage " +
      "than the project's takes effect when the report is approved, dated the month's last day (or, for the month " +
      'that is running, the day the report was submitted), so it is never typed in twice; a returned report moves nothing.',
  })
  stageAtMonthEnd?: ProjectStage | null;

  @Field(() => String, { nullable: true, description: 'Problems met this month (存在问题).' })
  problems?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description:
      'Submit it for review now (提交审核; the default), or keep it as a draft (草稿) to submit later with `submitProgressReport`.',
  })
  submit?: boolean | null;
}

@InputType({ description: 'A correction to a filed monthly report. Omitted fields stay as they are.' })
export class CorrectProgressReportInput {
  @Field(() => ID, { description: 'Id of the report to correct.' })
  id!: string;

  @Field(() => WanScalar, { nullable: true, description: 'Investment completed in the month (当月完成投资), 万元.' })
  completedInvestmentWan?: string | null;

  @Field(() => [PlanFundingSourceInput], {
    nullable: true,
    description: "Where the month's completed investment came from (资金来源), replacing what was given; [] names none.",
  })
  fundingSources?: PlanFundingSourceInput[] | null;

  @Field(() => String, { nullable: true, description: 'Physical progress in words (形象进度).' })
  progressNote?: string | null;

  @Field(() => String, { nullable: true, description: 'Problems met this month (存在问题); null clears them.' })
  problems?: string | null;

  @Field(() => ProjectStage, {
    nullable: true,
    description:
      'Stage at the end of the month (月末所处阶段), the claim that takes effect on approval, e.g. withdrawn after a return for 开工依据不足.',
  })
  stageAtMonthEnd?: ProjectStage | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The version you last read; CONFLICT (field `input.version`) when the report changed since. Omit to skip the check.',
  })
  version?: number | null;
}
