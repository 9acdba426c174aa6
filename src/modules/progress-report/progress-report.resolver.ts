import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PeriodScalar } from '../../calendar/calendar.scalars';
import { checkedYear } from '../../calendar/input-range';
import { Period } from '../../calendar/period';
import type { Context } from '../../context';
import { WanScalar } from '../../money/wan.scalar';
import { Project } from '../project/project.entity';
import { ProjectService } from '../project/project.service';
import { StageChange } from '../project/stage-change.entity';
import { ProgressReport } from './progress-report.entity';
import { CorrectProgressReportInput, ReportProgressInput } from './progress-report.inputs';
import { ProgressReportService } from './progress-report.service';
import { ReportReview } from './report-review.entity';
import { ReportReviewService } from './report-review.service';
import { reviewQueue } from './review-queue';

const VERSION_DESCRIPTION = 'The version you last read; CONFLICT (field `version`) when the report changed since. Omit to skip the check.';
const versionArg = () => Arg('version', () => Int, { nullable: true, description: VERSION_DESCRIPTION });

@Resolver(() => ProgressReport)
export class ProgressReportResolver {
  @Query(() => ProgressReport, { description: 'A monthly report by id. NOT_FOUND when there is none.' })
  progressReport(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return new ProgressReportService(ctx).get(id);
  }

  @Query(() => [ProgressReport], {
    description:
      "The monthly reports waiting for the viewer's review (待审核): submitted or resubmitted reports of the projects the viewer's " +
      'level reviews (a county its towns, a city its counties and its own projects), the longest waiting first. Empty for a viewer ' +
      'who reviews no reports. A leader’s to-do list (待办) is this, `blockers(filter: { escalatedToMe: true, isOpen: true })` ' +
      'and, for a reporting office, `lateReports`.',
  })
  reviewQueue(
    @Arg('first', () => Int, {
      nullable: true,
      description: 'At most this many, from 1 to the configured maximum (200 by default); 20 when omitted.',
    })
    first: number | undefined,
    @Ctx() ctx: Context,
  ) {
    return reviewQueue(ctx, first);
  }

  @Mutation(() => ProgressReport, {
    description: 'Files the monthly progress report (月报) of a project. A second report for the same month is CONFLICT.',
  })
  reportProgress(@Arg('input') input: ReportProgressInput, @Ctx() ctx: Context) {
    return new ProgressReportService(ctx).report(input);
  }

  @Mutation(() => ProgressReport, {
    description:
      'Submits a draft (SUBMITTED) or a returned report (RESUBMITTED) for review by the level above (报送). CONFLICT in any other state.',
  })
  submitProgressReport(@Arg('id', () => ID) id: string, @versionArg() version: number | null | undefined, @Ctx() ctx: Context) {
    return new ReportReviewService(ctx).submit(id, version);
  }

  @Mutation(() => ProgressReport, {
    description:
      "Approves a submitted report (审核通过): its figures count in the rollups from now on. Only the managers of the level above the project's " +
      'owner (a county for its towns, a city for its counties; a city for its own projects) review: FORBIDDEN otherwise.',
  })
  approveProgressReport(@Arg('id', () => ID) id: string, @versionArg() version: number | null | undefined, @Ctx() ctx: Context) {
    return new ReportReviewService(ctx).approve(id, version);
  }

  @Mutation(() => ProgressReport, {
    description:
      'Returns a submitted or approved report with a reason (退回); an approved one leaves the rollups until approved again. Same reviewers as approval.',
  })
  returnProgressReport(
    @Arg('id', () => ID) id: string,
    @Arg('reason', { description: 'Why (退回原因), for the town to correct it.' }) reason: string,
    @versionArg() version: number | null | undefined,
    @Ctx() ctx: Context,
  ) {
    return new ReportReviewService(ctx).return(id, reason, version);
  }

  @Mutation(() => ProgressReport, {
    description: 'Corrects a monthly report that is not approved (an approved one is locked: CONFLICT); derived totals follow.',
  })
  correctProgressReport(@Arg('input') input: CorrectProgressReportInput, @Ctx() ctx: Context) {
    return new ProgressReportService(ctx).correct(input);
  }

  @FieldResolver(() => PeriodScalar, { description: 'The month reported on.' })
  period(@Root() report: ProgressReport): Period {
    return Period.ofDate(report.period);
  }

  @FieldResolver(() => [ReportReview], { description: 'Its review steps (审核记录), oldest first.' })
  reviews(@Root() report: ProgressReport, @Ctx() ctx: Context) {
    return ctx.loaders.progressReport.reviews.load(report.id);
  }

  @FieldResolver(() => Project, { description: 'The project reported on.' })
  project(@Root() report: ProgressReport, @Ctx() ctx: Context) {
    return new ProjectService(ctx).get(report.project.id);
  }
}

@Resolver(() => StageChange)
export class StageChangeReportResolver {
  @FieldResolver(() => ProgressReport, {
    nullable: true,
    description:
      'The monthly report whose review made the change: its approval confirmed the stage it claimed, or its return took that ' +
      "stage back. Null for a manager's direct change (and for changes recorded before stages waited for approval).",
  })
  report(@Root() change: StageChange, @Ctx() ctx: Context) {
    // The change is read through its project, so its report (of the same project) is readable too.
    return change.report ? ctx.loaders.progressReport.byId.load(change.report.id) : null;
  }
}

const pastYearArg = {
  nullable: true,
  description: 'Calendar year, from 2000 to the current one; the current year (China time) when omitted.',
} as const;

/** December of a year of `pastYearArg`: a year's figures run through its last month. */
const yearEnd = (year: number | undefined) =>
  Period.of(year === undefined ? Period.current().year : checkedYear(year, 'year', 'current'), 12);

/** A project's reports and the investment they report, added to `Project` by the module that keeps them. */
@Resolver(() => Project)
export class ProjectProgressReportResolver {
  @FieldResolver(() => WanScalar, {
    description:
      "Investment completed in the year (本年完成投资), 万元: the sum of that year's approved monthly reports, as the rollups count " +
      'it. Reports waiting for review are in `pendingWan`; drafts and returned reports in neither.',
  })
  async completedThisYearWan(@Root() project: Project, @Arg('year', () => Int, pastYearArg) year: number | undefined, @Ctx() ctx: Context) {
    const totals = await ctx.loaders.progressReport.investmentTotals(yearEnd(year)).load(project.id);
    return totals.yearToDateWan;
  }

  @FieldResolver(() => WanScalar, {
    description:
      "Investment in the year's monthly reports waiting for review (待审核: submitted or resubmitted, not yet approved), 万元. " +
      'Apart from `completedThisYearWan` until approved; `completedThisYearWan` + `pendingWan` is the year once all are approved.',
  })
  async pendingWan(@Root() project: Project, @Arg('year', () => Int, pastYearArg) year: number | undefined, @Ctx() ctx: Context) {
    const totals = await ctx.loaders.progressReport.investmentTotals(yearEnd(year)).load(project.id);
    return totals.pendingWan;
  }

  @FieldResolver(() => WanScalar, {
    description: 'Investment completed since the start (累计完成投资), 万元: the opening balance plus every approved monthly report.',
  })
  async completedSinceStartWan(@Root() project: Project, @Ctx() ctx: Context) {
    const totals = await ctx.loaders.progressReport.investmentTotals(Period.current()).load(project.id);
    return totals.sinceStartWan;
  }

  @FieldResolver(() => [ProgressReport], { description: 'Monthly progress reports, oldest first.' })
  async progressReports(
    @Root() project: Project,
    @Arg('year', () => Int, { nullable: true, description: "Only this year's reports: from 2000 to the current year." })
    year: number | undefined,
    @Ctx() ctx: Context,
  ) {
    if (year !== undefined) checkedYear(year, 'year', 'current');
    const reports = await ctx.loaders.progressReport.byProject.load(project.id);
    return year === undefined ? reports : reports.filter((r) => r.period.startsWith(`${year}-`));
  }

  @FieldResolver(() => ProgressReport, {
    nullable: true,
    description: 'The monthly report of the latest month, whatever its review state (see its `status`).',
  })
  latestReport(@Root() project: Project, @Ctx() ctx: Context) {
    return ctx.loaders.progressReport.latest.load(project.id);
  }
}
