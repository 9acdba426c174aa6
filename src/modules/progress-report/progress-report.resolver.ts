import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PeriodScalar } from '../../calendar/calendar.scalars';
import { Period } from '../../calendar/period';
import type { Context } from '../../context';
import { Project } from '../project/project.entity';
import { ProjectService } from '../project/project.service';
import { ProgressReport } from './progress-report.entity';
import { CorrectProgressReportInput, ReportProgressInput } from './progress-report.inputs';
import { ProgressReportService } from './progress-report.service';

@Resolver(() => ProgressReport)
export class ProgressReportResolver {
  @Query(() => ProgressReport, { description: 'A monthly report by id. NOT_FOUND when there is none.' })
  progressReport(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return new ProgressReportService(ctx).get(id);
  }

  @Mutation(() => ProgressReport, {
    description: 'Files the monthly progress report (月报) of a project. A second report for the same month is CONFLICT.',
  })
  reportProgress(@Arg('input') input: ReportProgressInput, @Ctx() ctx: Context) {
    return new ProgressReportService(ctx).report(input);
  }

  @Mutation(() => ProgressReport, { description: 'Corrects a filed monthly report; derived totals follow.' })
  correctProgressReport(@Arg('input') input: CorrectProgressReportInput, @Ctx() ctx: Context) {
    return new ProgressReportService(ctx).correct(input);
  }

  @FieldResolver(() => PeriodScalar, { description: 'The month reported on.' })
  period(@Root() report: ProgressReport): Period {
    return Period.ofDate(report.period);
  }

  @FieldResolver(() => Project, { description: 'The project reported on.' })
  project(@Root() report: ProgressReport, @Ctx() ctx: Context) {
    return new ProjectService(ctx).get(report.project.id);
  }
}
