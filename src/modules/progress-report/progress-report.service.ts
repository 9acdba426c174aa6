import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Period } from '../../calendar/period';
import type { Context } from '../../context';
import { expectVersion } from '../../db/optimistic-lock';
import { isUuid } from '../../db/uuid';
import { conflict, notFound } from '../../errors/app-error';
import { InputProblems } from '../../errors/input-problems';
import { ProjectService } from '../project/project.service';
import { cleanText } from '../project/project-rules';
import { checkedFundingSources, type SourcedTotal } from '../project/plan-funding';
import { ProgressReport } from './progress-report.entity';
import { ReportReview } from './report-review.entity';
import { ReportStatus, ReviewAction } from './report-status';
import type { CorrectProgressReportInput, ReportProgressInput } from './progress-report.inputs';

const EMPTY_PROGRESS_NOTE = { zh: '形象进度不能为空', en: 'the physical progress note must not be empty' };
/** What a report's funding sources split (资金来源 of 当月完成投资). */
const MONTH_COMPLETED: SourcedTotal = { zh: '当月完成投资', en: "the month's completed investment" };

export class ProgressReportService {
  private readonly projects: ProjectService;

  constructor(private readonly ctx: Context) {
    this.projects = new ProjectService(ctx);
  }

  async get(id: string): Promise<ProgressReport> {
    const report = isUuid(id) ? await this.ctx.em.findOne(ProgressReport, { id }) : null;
    if (!report) throw notFound('ProgressReport', id);
    await this.projects.getParentOf(report.project.id, 'ProgressReport', id);
    return report;
  }

  async report(input: ReportProgressInput): Promise<ProgressReport> {
    const project = await this.projects.getToActOn(input.projectId);
    const problems = new InputProblems();
    const progressNote = cleanText(input.progressNote);
    problems.require(progressNote !== undefined, 'input.progressNote', EMPTY_PROGRESS_NOTE);
    problems.require(input.period.compare(Period.current()) <= 0, 'input.period', {
      zh: `${input.period} 尚未开始：只能填报本月及以前月份的月报`,
      en: `${input.period} has not begun: reports are for the current or past months`,
    });
    const fundingSources = checkedFundingSources(
      input.fundingSources ?? [],
      input.completedInvestmentWan,
      'input.fundingSources',
      problems,
      MONTH_COMPLETED,
    );
    problems.throwIfAny();
    // A second report of the month is refused by the table's unique (project, period), not by a
    // count asked first: one statement fewer for every report, and no race between two officers.
    const alreadyReported = () =>
      conflict(
        {
          zh: `本项目 ${input.period} 的月报已存在：请修改该月报`,
          en: `a report for ${input.period} already exists for this project; correct it instead`,
        },
        { field: 'input.period' },
      );
    const stageAtMonthEnd = input.stageAtMonthEnd ?? project.stage;

    const submit = input.submit ?? true;
    const now = new Date();
    return this.ctx.em
      .transactional(async (em) => {
        const managed = em.merge(project);
        const report = em.create(ProgressReport, {
          status: submit ? ReportStatus.SUBMITTED : ReportStatus.DRAFT,
          submittedAt: submit ? now : undefined,
          firstSubmittedAt: submit ? now : undefined,
          project: managed,
          period: input.period.firstDay,
          completedInvestmentWan: input.completedInvestmentWan,
          fundingSources,
          progressNote: progressNote!,
          stageAtMonthEnd,
          problems: cleanText(input.problems),
          reportedBy: this.ctx.viewer.subject,
          reportedByName: this.ctx.viewer.name,
        });
        if (submit) {
          const { subject, name } = this.ctx.viewer;
          em.create(ReportReview, { report, project: managed, action: ReviewAction.SUBMITTED, actedBy: subject, actedByName: name });
        }
        // The stage it names is a claim until the level above approves the report (ReportStage).
        this.ctx.loaders.progressReport.latest.clear(project.id);
        this.ctx.loaders.progressReport.byProject.clear(project.id);
        return report;
      })
      .catch((error: unknown) => {
        if (error instanceof UniqueConstraintViolationException && /progress_report_project_period_unique/.test(error.message)) {
          throw alreadyReported();
        }
        throw error;
      })
      .then((report) => this.reload(report.id));
  }

  async correct(input: CorrectProgressReportInput): Promise<ProgressReport> {
    const report = await this.get(input.id);
    await this.projects.getToActOn(report.project.id);
    expectVersion('report', report, input.version);
    if (report.status === ReportStatus.APPROVED) {
      throw conflict(
        { zh: '月报已审核通过并锁定：须先由审核人退回，才能修改', en: 'the report is approved and locked: the reviewer returns it first' },
        { field: 'input.id' },
      );
    }
    const problems = new InputProblems();
    if (input.progressNote !== undefined) {
      problems.require(cleanText(input.progressNote) !== undefined, 'input.progressNote', EMPTY_PROGRESS_NOTE);
    }
    // The sources given, or those kept, must still fit the month's amount as corrected.
    const completed = input.completedInvestmentWan || report.completedInvestmentWan;
    const fundingSources = checkedFundingSources(
      input.fundingSources ?? report.fundingSources,
      completed,
      input.fundingSources ? 'input.fundingSources' : 'input.completedInvestmentWan',
      problems,
      MONTH_COMPLETED,
    );
    problems.throwIfAny();
    await this.ctx.em.transactional(async (em) => {
      const managed = em.merge(report);
      if (input.completedInvestmentWan) managed.completedInvestmentWan = input.completedInvestmentWan;
      if (input.fundingSources) managed.fundingSources = fundingSources;
      if (input.progressNote) managed.progressNote = cleanText(input.progressNote)!;
      if (input.problems !== undefined) managed.problems = cleanText(input.problems);
      if (input.stageAtMonthEnd) managed.stageAtMonthEnd = input.stageAtMonthEnd;
    });
    return this.reload(report.id);
  }

  /** Re-reads the report so its derived (SQL formula) figures reflect the change. */
  async reload(id: string): Promise<ProgressReport> {
    return this.ctx.em.findOneOrFail(ProgressReport, { id }, { refresh: true });
  }
}
