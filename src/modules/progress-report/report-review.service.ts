import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context';
import { expectVersion } from '../../db/optimistic-lock';
import { conflict, forbidden } from '../../errors/app-error';
import { fieldLabel, InputProblems, textTooLong } from '../../errors/input-problems';
import { ENUM_LABELS } from '../enum-label/enum-labels';
import { ProjectService } from '../project/project.service';
import { cleanText } from '../project/project-rules';
import type { Project } from '../project/project.entity';
import { ProgressReport } from './progress-report.entity';
import { ProgressReportService } from './progress-report.service';
import { ReportReview } from './report-review.entity';
import { ReportStage } from './report-stage';
import { ReportStatus, ReviewAction, UNDER_REVIEW } from './report-status';

/** The report's status as an official reads it, in a Chinese message. */
const statusOf = (report: ProgressReport): string => ENUM_LABELS.ReportStatus[report.status].zh;

/**
 * The review cycle of a monthly report: the town submits, the level above approves or returns
 * with a reason, a returned report is corrected and resubmitted. Each step is one transaction that
 * changes the report's status and records the step; an approval is what makes the report's figures
 * count in the rollups (the database's rollup trigger reads the status).
 */
export class ReportReviewService {
  private readonly projects: ProjectService;
  private readonly reports: ProgressReportService;
  private readonly stages: ReportStage;

  constructor(private readonly ctx: Context) {
    this.projects = new ProjectService(ctx);
    this.reports = new ProgressReportService(ctx);
    this.stages = new ReportStage(ctx);
  }

  /** The town sends a draft (SUBMITTED) or a returned report (RESUBMITTED) to the level above. */
  async submit(id: string, version?: number | null): Promise<ProgressReport> {
    const report = await this.reports.get(id);
    await this.projects.getToActOn(report.project.id);
    expectVersion('report', report, version, 'version');
    if (report.status !== ReportStatus.DRAFT && report.status !== ReportStatus.RETURNED) {
      throw conflict(
        {
          zh: `月报当前为${statusOf(report)}：只有草稿或已退回的月报才能报送`,
          en: `the report is ${report.status}: only a draft or a returned report can be submitted`,
        },
        { field: 'id' },
      );
    }
    const action = report.status === ReportStatus.DRAFT ? ReviewAction.SUBMITTED : ReviewAction.RESUBMITTED;
    return this.step(report, action === ReviewAction.SUBMITTED ? ReportStatus.SUBMITTED : ReportStatus.RESUBMITTED, action);
  }

  /** The level above approves a submitted report: from now on its figures count, and the stage it claims. */
  async approve(id: string, version?: number | null): Promise<ProgressReport> {
    const report = await this.reports.get(id);
    const project = await this.requireReviewer(report);
    expectVersion('report', report, version, 'version');
    if (!UNDER_REVIEW.includes(report.status)) {
      throw conflict(
        {
          zh: `月报当前为${statusOf(report)}：只有已报送待审核的月报才能审核通过`,
          en: `the report is ${report.status}: only a submitted report can be approved`,
        },
        { field: 'id' },
      );
    }
    return this.step(report, ReportStatus.APPROVED, ReviewAction.APPROVED, undefined, (em) => this.stages.confirm(em, project, report));
  }

  /**
   * The level above returns a report with a reason: one under review, or one approved already
   * (its figures then leave the rollups until it is approved again, and the stage its approval
   * set is taken back).
   */
  async return(id: string, reason: string, version?: number | null): Promise<ProgressReport> {
    const report = await this.reports.get(id);
    const project = await this.requireReviewer(report);
    const problems = new InputProblems();
    const why = cleanText(reason);
    problems.require(why !== undefined, 'reason', { zh: '退回月报须说明退回原因', en: 'a returned report needs a reason' });
    problems.require((why ?? '').length <= 2000, 'reason', textTooLong(fieldLabel('退回原因', 'reason'), 2000));
    problems.throwIfAny();
    expectVersion('report', report, version, 'version');
    if (![...UNDER_REVIEW, ReportStatus.APPROVED].includes(report.status)) {
      throw conflict(
        {
          zh: `月报当前为${statusOf(report)}：只有待审核或已审核通过的月报才能退回`,
          en: `the report is ${report.status}: only a submitted or approved report can be returned`,
        },
        { field: 'id' },
      );
    }
    const wasApproved = report.status === ReportStatus.APPROVED;
    return this.step(report, ReportStatus.RETURNED, ReviewAction.RETURNED, why, (em) =>
      wasApproved ? this.stages.withdraw(em, project, report, why!) : Promise.resolve(),
    );
  }

  private async requireReviewer(report: ProgressReport): Promise<Project> {
    const project = await this.projects.get(report.project.id);
    const owner = await this.ctx.loaders.tenant.byCode.load(project.owner.code);
    if (!owner || !this.ctx.access.reviewsReportsOf(owner.path)) {
      throw forbidden({
        zh: '只有项目所属区划上一级的管理人员可以审核其月报',
        en: "only the managers of the level above the project's owner review its reports",
      });
    }
    return project;
  }

  /** One review step in one transaction; `andThen` does what the step implies beyond the report (the stage it claims). */
  private async step(
    report: ProgressReport,
    status: ReportStatus,
    action: ReviewAction,
    reason?: string,
    andThen?: (em: EntityManager) => Promise<void>,
  ): Promise<ProgressReport> {
    const { viewer } = this.ctx;
    const now = new Date();
    await this.ctx.em.transactional(async (em) => {
      const managed = em.merge(report);
      managed.status = status;
      if (action === ReviewAction.SUBMITTED || action === ReviewAction.RESUBMITTED) {
        managed.submittedAt = now;
        managed.firstSubmittedAt ??= now;
      } else {
        Object.assign(managed, { reviewedAt: now, reviewedBy: viewer.subject, reviewedByName: viewer.name });
        managed.returnReason = action === ReviewAction.RETURNED ? reason : undefined;
      }
      em.create(ReportReview, {
        report: managed,
        project: report.project.id,
        action,
        reason,
        actedBy: viewer.subject,
        actedByName: viewer.name,
      });
      await andThen?.(em);
    });
    this.ctx.loaders.progressReport.reviews.clear(report.id);
    this.ctx.loaders.rollup.forgetReads();
    return this.reports.reload(report.id);
  }
}
