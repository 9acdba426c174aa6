import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PeriodScalar } from '../../calendar/calendar.scalars';
import type { Period } from '../../calendar/period';
import type { Context } from '../../context';
import { Project } from '../project/project.entity';
import { ProjectService } from '../project/project.service';
import { Rollup } from '../rollup/rollup.types';
import { ProgressReport } from './progress-report.entity';
import { ProgressReportService } from './progress-report.service';
import { LateReport, lateReports } from './late-report';
import { ReportingRules } from './reporting-rules.entity';
import { ReportingRulesService } from './reporting-rules.service';
import { ReportingFigures } from './report-timeliness';

/** The reporting cycle's deadlines and timeliness (月报报送): rules, late reports, and the figures on rollups. */
@Resolver(() => LateReport)
export class ReportingResolver {
  @Query(() => ReportingRules, {
    description: "A city's reporting rules (报送规则), or the defaults; any tenant of the city gives its city's.",
  })
  reportingRules(@Arg('cityCode') cityCode: string, @Ctx() ctx: Context) {
    return new ReportingRulesService(ctx).get(cityCode);
  }

  @Mutation(() => ReportingRules, {
    description: "Sets the day of the next month by which a month's report is due. The city's administrator only.",
  })
  setReportingRules(
    @Arg('cityCode') cityCode: string,
    @Arg('deadlineDay', () => Int, { description: 'Day of the next month, 1-28.' }) deadlineDay: number,
    @Ctx() ctx: Context,
  ) {
    return new ReportingRulesService(ctx).set(cityCode, deadlineDay);
  }

  @Query(() => [LateReport], {
    description:
      "Reports of the projects owned in a tenant's subtree (reporting is the owner's duty) that missed the month's deadline " +
      '(逾期 / 过期不报 清单): missing ones first. Only reports owed count ' +
      "(see `ReportingFigures`: from the month a project was registered through the month it was completed), as in the rollup's " +
      "`reporting`. NOT_FOUND unless the viewer reads the tenant's whole subtree.",
  })
  lateReports(@Arg('tenantCode') tenantCode: string, @Arg('period', () => PeriodScalar) period: Period, @Ctx() ctx: Context) {
    return lateReports(ctx, tenantCode, period);
  }

  @FieldResolver(() => Project, { description: 'The project that owes the report.' })
  project(@Root() late: LateReport, @Ctx() ctx: Context) {
    return new ProjectService(ctx).get(late.projectId);
  }

  @FieldResolver(() => ProgressReport, { nullable: true, description: 'The report, when it was submitted late; null when missing.' })
  report(@Root() late: LateReport, @Ctx() ctx: Context) {
    return late.reportId ? new ProgressReportService(ctx).get(late.reportId) : null;
  }
}

@Resolver(() => Rollup)
export class RollupReportingResolver {
  @FieldResolver(() => ReportingFigures, {
    description:
      'How the subtree reported for the period (月报报送情况): owed, on time, late, missing, approved, waiting for review. ' +
      "By owner whatever the rollup's basis (reporting is the owner's duty: see `ReportingFigures.basis`).",
  })
  async reporting(@Root() rollup: Rollup, @Ctx() ctx: Context): Promise<ReportingFigures> {
    const figures = await ctx.loaders.progressReport.reporting(rollup.periodValue).load(rollup.tenantEntity.code);
    return figures ?? new ReportingFigures();
  }
}
