import type { RequiredEntityData } from '@mikro-orm/core';
import { Period } from '../calendar/period';
import { ProjectStage, stageRank } from '../modules/project/project.enums';
import type { ProgressReport } from '../modules/progress-report/progress-report.entity';
import type { ReportReview } from '../modules/progress-report/report-review.entity';
import { ReportStatus, ReviewAction } from '../modules/progress-report/report-status';
import { DEFAULT_DEADLINE_DAY } from '../modules/progress-report/reporting-rules.entity';
import { preparationNote, problemText, progressNote, type WorkKind } from './demo-names';
import type { Officer } from './demo-officers';
import { addDays, earlierOf, earliest, type Hundredths, latest, officeTime, type Random, wanText } from './demo-primitives';

/**
 * Monthly reports (月报) and their review (审核) as a county runs them: a town files in the first
 * days of the next month, mostly by the deadline, sometimes late; the level above approves within
 * days, and now and then returns a report with a reason, which the town corrects and resubmits.
 * Every month before the last has been reviewed. The last month's round is still running: some
 * reports wait for review, a few were returned, and before the deadline some are still drafts or
 * not started. A few projects behind plan have stopped reporting (过期不报). A project owes its
 * report from the month it is registered on a year's list, so one still preparing its start reports
 * its preparations (前期工作) with nothing spent.
 */

export interface ReportingProject {
  id: string;
  kind: WorkKind;
  total: Hundredths;
  /** Completed before tracking began; the first report's 累计 starts from it. */
  beforeTracking: Hundredths;
  /** The months it owes a report for (on the year's list, registered, not yet completed), in order, with what was spent in each. */
  months: readonly { period: Period; amount: Hundredths }[];
  stageAt(date: string): ProjectStage | undefined;
  isBehind: boolean;
  /** Trailing months never filed. */
  silentMonths: number;
  /** Its reports are filed on the first day and approved at once (the demo town officer's first project). */
  isPrompt: boolean;
  officer: Officer;
  reviewer: Officer;
  /** Nothing about the project is stamped before it was registered. */
  createdAt: Date;
}

export interface ReportCalendar {
  asOf: string;
  /** No timestamp is later than this. */
  cutoff: Date;
}

export interface DemoReports {
  reports: RequiredEntityData<ProgressReport>[];
  reviews: RequiredEntityData<ReportReview>[];
}

/** Why a county sends a report back, in its own words. */
const RETURN_REASONS = [
  '本月完成投资与形象进度不符，请核实后重新报送',
  '未附现场照片及投资支付凭证，请补充后重新报送',
  '累计完成投资与统计入库数据不一致，请核对',
  '形象进度描述过于笼统，请按节点细化后报送',
  '存在问题栏未填写要素制约事项，请补充完善',
];

/** One step of a report's review, dated. */
interface Step {
  action: ReviewAction;
  on: string;
  reason?: string;
}

/**
 * What becomes of one month's report: its review steps in order, a draft, or nothing. In the
 * running round only the steps dated before today have happened; an earlier month has been
 * reviewed to the end (a step that would fall on today or later is dated yesterday).
 */
function reviewSteps(
  rng: Random,
  project: ReportingProject,
  period: Period,
  claimsStage: boolean,
  isRound: boolean,
  yesterday: string,
): Step[] | 'DRAFT' | 'NONE' {
  const firstDay = period.plusMonths(1).firstDay;
  // A report that moves the stage, or the prompt officer's, is filed on the first day and approved at once.
  const prompt = project.isPrompt || (isRound && claimsStage);
  const late = !prompt && rng.chance(project.isBehind ? 0.15 : 0.04);
  const fileDay = prompt ? 1 : late ? rng.int(DEFAULT_DEADLINE_DAY + 1, DEFAULT_DEADLINE_DAY + 12) : rng.int(1, DEFAULT_DEADLINE_DAY);
  const filedOn = addDays(firstDay, fileDay - 1);
  if (isRound && filedOn > yesterday) {
    // Not submitted yet: some towns have saved a draft.
    return !prompt && firstDay <= yesterday && rng.chance(0.4) ? 'DRAFT' : 'NONE';
  }
  const steps: Step[] = [{ action: ReviewAction.SUBMITTED, on: filedOn }];
  let on = filedOn;
  if (!prompt && rng.chance(project.isBehind ? 0.1 : 0.04)) {
    const returnedOn = addDays(on, rng.int(1, 4));
    steps.push({ action: ReviewAction.RETURNED, on: returnedOn, reason: rng.pick(RETURN_REASONS) });
    // In the running round half the towns have not corrected theirs yet.
    if (isRound && rng.chance(0.5)) return steps.filter((s) => s.on <= yesterday);
    on = addDays(returnedOn, rng.int(1, 3));
    steps.push({ action: ReviewAction.RESUBMITTED, on });
  }
  steps.push({ action: ReviewAction.APPROVED, on: prompt ? on : addDays(on, rng.int(0, 5)) });
  if (!isRound) return steps.map((step) => ({ ...step, on: earlierOf(step.on, yesterday) }));
  // The reviewer has not got to about a quarter of the round's reports yet.
  const unreviewed = !prompt && rng.chance(0.25);
  const happened = steps.filter((s) => s.on <= yesterday);
  return unreviewed && happened.at(-1)?.action === ReviewAction.APPROVED ? happened.slice(0, -1) : happened;
}

const STATUS_AFTER: Record<ReviewAction, ReportStatus> = {
  [ReviewAction.SUBMITTED]: ReportStatus.SUBMITTED,
  [ReviewAction.RETURNED]: ReportStatus.RETURNED,
  [ReviewAction.RESUBMITTED]: ReportStatus.RESUBMITTED,
  [ReviewAction.APPROVED]: ReportStatus.APPROVED,
};

export function monthlyReports(rng: Random, project: ReportingProject, calendar: ReportCalendar): DemoReports {
  const { asOf, cutoff } = calendar;
  const round = Period.ofDate(asOf).plusMonths(-1);
  const yesterday = addDays(asOf, -1);
  const problemShare = project.isBehind ? 0.35 : 0.07;
  const filed = project.months.slice(0, project.months.length - project.silentMonths);
  const result: DemoReports = { reports: [], reviews: [] };
  let sinceStart = project.beforeTracking;
  let previousStage: ProjectStage | undefined;

  for (const { period, amount } of filed) {
    sinceStart += amount;
    const stageAtMonthEnd = project.stageAt(period.lastDay) ?? ProjectStage.STARTED;
    const claimsStage = stageAtMonthEnd !== previousStage;
    previousStage = stageAtMonthEnd;
    const isRound = period.equals(round);
    const fate = reviewSteps(rng, project, period, claimsStage, isRound, yesterday);
    const id = rng.uuid();
    const content = {
      id,
      project: project.id,
      period: period.firstDay,
      completedInvestmentWan: wanText(amount),
      progressNote:
        stageRank(stageAtMonthEnd) < stageRank(ProjectStage.STARTED)
          ? preparationNote(rng, stageAtMonthEnd)
          : progressNote(rng, project.kind, sinceStart / project.total, stageRank(stageAtMonthEnd) >= stageRank(ProjectStage.COMPLETED)),
      stageAtMonthEnd,
      problems: rng.chance(problemShare) ? problemText(rng) : undefined,
      reportedBy: project.officer.subject,
      reportedByName: project.officer.name,
    };
    if (fate === 'NONE') continue;
    if (fate === 'DRAFT') {
      const savedAt = latest(project.createdAt, officeTime(rng, rng.date(period.plusMonths(1).firstDay, yesterday), cutoff));
      result.reports.push({ ...content, status: ReportStatus.DRAFT, reportedAt: savedAt, updatedAt: savedAt });
      continue;
    }
    let at = project.createdAt;
    const acted = fate.map((step) => {
      // Steps of one day follow each other by minutes to hours.
      at = earliest(latest(officeTime(rng, step.on, cutoff), new Date(at.getTime() + rng.int(20, 180) * 60_000)), cutoff);
      return { ...step, at };
    });
    const last = acted[acted.length - 1]!;
    const submissions = acted.filter((s) => s.action === ReviewAction.SUBMITTED || s.action === ReviewAction.RESUBMITTED);
    const reviews = acted.filter((s) => s.action === ReviewAction.RETURNED || s.action === ReviewAction.APPROVED);
    const lastReview = reviews[reviews.length - 1];
    const status = STATUS_AFTER[last.action];
    result.reports.push({
      ...content,
      status,
      reportedAt: acted[0]!.at,
      firstSubmittedAt: acted[0]!.at,
      submittedAt: submissions[submissions.length - 1]!.at,
      reviewedAt: lastReview?.at,
      reviewedBy: lastReview ? project.reviewer.subject : undefined,
      reviewedByName: lastReview ? project.reviewer.name : undefined,
      returnReason: status === ReportStatus.APPROVED ? undefined : acted.find((s) => s.action === ReviewAction.RETURNED)?.reason,
      version: 1 + acted.length,
      updatedAt: last.at,
    });
    for (const step of acted) {
      const byReviewer = step.action === ReviewAction.RETURNED || step.action === ReviewAction.APPROVED;
      const who = byReviewer ? project.reviewer : project.officer;
      result.reviews.push({
        id: rng.uuid(),
        report: id,
        project: project.id,
        action: step.action,
        reason: step.reason,
        actedAt: step.at,
        actedBy: who.subject,
        actedByName: who.name,
      });
    }
  }
  return result;
}
