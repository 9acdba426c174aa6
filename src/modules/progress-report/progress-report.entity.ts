import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Formula, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { formerNameOf } from '../../graphql/deprecation';
import { WAN_COLUMN } from '../../money/wan';
import { WanScalar } from '../../money/wan.scalar';
import { Project } from '../project/project.entity';
import { ProjectStage } from '../project/project.enums';
import { PlanFundingSource } from '../project/plan-funding';
import { approvedSql, ReportStatus, underReviewSql } from './report-status';

/** The sum of the report's project's reports through its month that meet `condition`, from January of its year or from the start. */
const reportSum = (alias: string, condition: string, from: 'year' | 'start') =>
  `select coalesce(sum(r.completed_investment_wan), 0) from progress_report r where r.project_id = ${alias}.project_id ` +
  `and ${condition} and r.period <= ${alias}.period` +
  (from === 'year' ? ` and r.period >= date_trunc('year', ${alias}.period)::date` : '');

@ObjectType({
  description:
    "A project's monthly progress report (月报): what was invested in the month and where the work stands at its " +
    'end. One per project per month; year-to-date and since-start figures are derived from the approved reports.',
})
@Check({ name: 'progress_report_period_is_month', expression: `extract(day from "period") = 1` })
@Check({ name: 'progress_report_non_negative', expression: `"completed_investment_wan" >= 0` })
@Check({ name: 'progress_report_funding_fits', expression: 'kp_plan_funding_fits(funding_sources, completed_investment_wan) is true' })
@Entity({ tableName: 'progress_report' })
@Unique({ name: 'progress_report_project_period_unique', properties: ['project', 'period'] })
@Index({ name: 'progress_report_period_status_index', properties: ['period', 'status'] })
export class ProgressReport {
  [OptionalProps]?:
    | 'reportedAt'
    | 'updatedAt'
    | 'yearToDateWan'
    | 'sinceStartWan'
    | 'pendingWan'
    | 'status'
    | 'version'
    | 'fundingSources'
    | 'reportedBySubject'
    | 'reviewedBySubject';

  @Field(() => ID, { description: 'Stable identifier of the report.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { deleteRule: 'cascade' })
  project!: Project;

  /** First day of the month; exposed as a `Period` by the resolver. */
  @Property({ type: 'date' })
  period!: string;

  @Field(() => WanScalar, { description: 'Investment completed in the month (当月完成投资), 万元.' })
  @Property({ columnType: WAN_COLUMN, type: 'decimal' })
  completedInvestmentWan!: string;

  @Field(() => [PlanFundingSource], {
    description:
      "Where the month's completed investment came from (资金来源), in the order of the FundingSource enum; empty when not " +
      'given. Together no more than the month; the rest counts as 未注明来源 in `Rollup.byFundingSource`.',
  })
  @Property({ type: 'json', columnType: 'jsonb', defaultRaw: `'[]'::jsonb` })
  fundingSources: PlanFundingSource[] = [];

  /**
   * Derived in the same statement that loads the report (no second query, no JS float sums): sums
   * of the project's approved reports (or, for `pendingWan`, those under review) from January of
   * the report's year, or from the start, through its month.
   */
  @Field(() => WanScalar, {
    description:
      'Completed this year through this month (本年累计完成投资), 万元: the approved reports of the year through this month, ' +
      'as the rollups count them. This report is included once approved; while it waits for review its amount is in `pendingWan`.',
  })
  @Formula((alias) => `(${reportSum(alias.alias, approvedSql('r'), 'year')})`, { type: 'decimal' })
  yearToDateWan!: string;

  @Field(() => WanScalar, {
    description:
      'Completed since the project started, through this month (自开工累计完成投资), 万元: the opening balance plus every ' +
      'approved report through this month (this one too once approved).',
  })
  @Formula(
    (alias) =>
      `((select p.completed_before_tracking_wan from project p where p.id = ${alias}.project_id) + (${reportSum(alias.alias, approvedSql('r'), 'start')}))`,
    { type: 'decimal' },
  )
  sinceStartWan!: string;

  @Field(() => WanScalar, {
    description:
      'Under review (待审核), 万元: the reports of the year through this month that are submitted or resubmitted and not yet ' +
      'approved, this one included while it waits. Not in `yearToDateWan` until approved; drafts and returned reports are in neither. ' +
      'What the year-to-date becomes once they are approved: `yearToDateWan` + `pendingWan`.',
  })
  @Formula((alias) => `(${reportSum(alias.alias, underReviewSql('r'), 'year')})`, { type: 'decimal' })
  pendingWan!: string;

  @Field({ description: 'Physical progress in words (形象进度), e.g. 主体结构完成80%.' })
  @Property({ type: 'text' })
  progressNote!: string;

  @Field(() => ProjectStage, { description: 'Stage at the end of the month.' })
  @Enum({ items: () => ProjectStage, nativeEnumName: 'project_stage' })
  stageAtMonthEnd!: ProjectStage;

  @Field({ nullable: true, description: 'Problems met this month (存在问题), in words.' })
  @Property({ type: 'text', nullable: true })
  problems?: string;

  @Field({ description: 'When the report was filed.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  reportedAt: Date = new Date();

  @Field({ ...formerNameOf('reportedBySubject') })
  @Property({ length: 100 })
  reportedBy!: string;

  @Field({ description: 'Keycloak subject of who filed it.' })
  get reportedBySubject(): string {
    return this.reportedBy;
  }

  @Field({ description: 'Display name of who filed it.' })
  @Property({ length: 100 })
  reportedByName!: string;

  @Field(() => Int, {
    description:
      'Version of the record, one higher after every correction and review step; send it back as `version` in a ' +
      'correction or review decision to be told CONFLICT when someone changed it since.',
  })
  @Property({ version: true, default: 1 })
  version: number = 1;

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => ReportStatus, { description: 'Where the report is in its review (审核状态); only APPROVED reports count in rollups.' })
  @Enum({ items: () => ReportStatus, nativeEnumName: 'report_status', default: ReportStatus.DRAFT })
  status: ReportStatus = ReportStatus.DRAFT;

  @Field({ nullable: true, description: 'When the report first left the town (first submission); later than the deadline is late (过期).' })
  @Property({ type: 'timestamptz', nullable: true })
  firstSubmittedAt?: Date;

  @Field({ nullable: true, description: 'When it was last submitted or resubmitted.' })
  @Property({ type: 'timestamptz', nullable: true })
  submittedAt?: Date;

  @Field({ nullable: true, description: 'When it was last approved or returned.' })
  @Property({ type: 'timestamptz', nullable: true })
  reviewedAt?: Date;

  @Field({ nullable: true, ...formerNameOf('reviewedBySubject') })
  @Property({ length: 100, nullable: true })
  reviewedBy?: string;

  @Field(() => String, { nullable: true, description: 'Keycloak subject of who last approved or returned it.' })
  get reviewedBySubject(): string | undefined {
    return this.reviewedBy;
  }

  @Field({ nullable: true, description: 'Display name of who last approved or returned it.' })
  @Property({ length: 100, nullable: true })
  reviewedByName?: string;

  @Field({ nullable: true, description: 'Why it was returned (退回原因); cleared when it is approved.' })
  @Property({ type: 'text', nullable: true })
  returnReason?: string;
}
