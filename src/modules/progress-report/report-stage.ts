import type { EntityManager } from '@mikro-orm/postgresql';
import { chinaDate, Period } from '../../calendar/period';
import type { Context } from '../../context';
import type { Project } from '../project/project.entity';
import { stageRank } from '../project/project.enums';
import { ProjectService } from '../project/project.service';
import { StageChange } from '../project/stage-change.entity';
import { requireStartCleared } from '../project/start-gate';
import { ProgressReport } from './progress-report.entity';
import { ReportStatus } from './report-status';

/**
 * The stage a monthly report names (`stageAtMonthEnd`) is the town's claim. It moves the project
 * (and so the start rate 开工率) only when the level above approves the report; a report returned
 * before approval never moved anything, and returning an approved report takes back the stage its
 * approval set. A manager's direct stage change (`changeProjectStage`) is not a claim and stands.
 */
export class ReportStage {
  private readonly projects: ProjectService;

  constructor(ctx: Context) {
    this.projects = new ProjectService(ctx);
  }

  /**
   * On approval: the claimed stage takes effect when it is later than the project's, the report is
   * the newest approved one (a newer approved report speaks for the current stage, an older one is
   * history), and no stage change is dated after the claim (a later change, a manager's
   * correction say, is newer word). Dated the day the report vouches for, not the approval day.
   */
  async confirm(em: EntityManager, project: Project, report: ProgressReport): Promise<void> {
    const claimed = report.stageAtMonthEnd;
    if (stageRank(claimed) <= stageRank(project.stage)) return;
    const newer = await em.count(ProgressReport, { project: project.id, status: ReportStatus.APPROVED, period: { $gt: report.period } });
    if (newer > 0) return;
    const claimedOn = claimedOnOf(report);
    const last = await lastChangeOf(em, project);
    if (last && last.changedOn > claimedOn) return;
    // Approving the report confirms the start: refused as a manager's stage change would be.
    await requireStartCleared(em, project.id, project.stage, claimed, 'id');
    this.projects.moveStageOnReview(em, em.merge(project), claimed, claimedOn, `${monthOf(report)}月报审核通过`, report.id);
  }

  /**
   * On the return of an approved report: the stage its approval set goes back to the one before,
   * dated as the change it takes back (the claim never held), as long as that change is still the
   * project's latest. Once something else moved the project since, that later word stands.
   */
  async withdraw(em: EntityManager, project: Project, report: ProgressReport, reason: string): Promise<void> {
    const last = await lastChangeOf(em, project);
    if (!last || last.report?.id !== report.id || last.toStage !== project.stage || !last.fromStage) return;
    if (stageRank(last.fromStage) >= stageRank(last.toStage)) return;
    this.projects.moveStageOnReview(
      em,
      em.merge(project),
      last.fromStage,
      last.changedOn,
      `${monthOf(report)}月报退回：${reason}`,
      report.id,
    );
  }
}

/**
 * The report's month as the stage change's note names it (2026年10月). The note is stored and read
 * by officials in whatever language they later ask for, so the system writes it in Chinese.
 */
function monthOf(report: ProgressReport): string {
  return Period.ofDate(report.period).chineseName;
}

/**
 * The day a report vouches for its stage: the month's last day, or, for a report submitted while
 * its month runs, the day it was (last) submitted.
 */
function claimedOnOf(report: Pick<ProgressReport, 'period' | 'submittedAt'>): string {
  const lastDay = Period.ofDate(report.period).lastDay;
  const submittedOn = chinaDate(report.submittedAt ?? new Date());
  return submittedOn < lastDay ? submittedOn : lastDay;
}

function lastChangeOf(em: EntityManager, project: Project): Promise<StageChange | null> {
  return em.findOne(StageChange, { project: project.id }, { orderBy: [{ changedOn: 'desc' }, { recordedAt: 'desc' }, { id: 'desc' }] });
}
