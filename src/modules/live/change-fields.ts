import { apiChanges, type ApiChange, type ApiNaming, type StoredChange } from '../../graphql/api-fields';
import type { StoredValues } from '../../realtime/change-event';
import { ProjectApproval } from '../approval/project-approval.entity';
import { StartException } from '../approval/start-exception.entity';
import { ProjectAssignment } from '../assignment/assignment.entity';
import { YearEndAssessment } from '../assessment/year-end-assessment.entity';
import { InvestmentLead } from '../attraction/investment-lead.entity';
import { Blocker } from '../blocker/blocker.entity';
import { FundArrival } from '../funds/fund-arrival.entity';
import { Milestone } from '../milestone/milestone.entity';
import { ProgressReport } from '../progress-report/progress-report.entity';
import { AnnualPlan } from '../project/annual-plan.entity';
import { Project } from '../project/project.entity';
import { BulletinPublication } from '../bulletin/bulletin-publication.entity';
import { EvaluationPublication } from '../evaluation/evaluation-publication.entity';
import { SupervisionOrder } from '../supervision-order/supervision-order.entity';
import { ReserveProject } from '../reserve/reserve-project.entity';
import { ResponsibilityLetter } from '../target/responsibility-letter.entity';
import { SitePhoto } from '../photo/site-photo.entity';
import { ChangeKind } from './change-kind';

/** The record each kind of change is about: the entity whose stored columns its changes hold. */
export const ENTITY_OF_KIND: Readonly<Record<ChangeKind, string>> = {
  [ChangeKind.PROJECT_CREATED]: Project.name,
  [ChangeKind.PROJECT_UPDATED]: Project.name,
  [ChangeKind.STAGE_CHANGED]: Project.name,
  [ChangeKind.PROGRESS_REPORTED]: ProgressReport.name,
  [ChangeKind.PROGRESS_CORRECTED]: ProgressReport.name,
  [ChangeKind.PROGRESS_REPORT_REMOVED]: ProgressReport.name,
  [ChangeKind.REPORT_DRAFTED]: ProgressReport.name,
  [ChangeKind.REPORT_SUBMITTED]: ProgressReport.name,
  [ChangeKind.REPORT_RETURNED]: ProgressReport.name,
  [ChangeKind.REPORT_RESUBMITTED]: ProgressReport.name,
  [ChangeKind.REPORT_APPROVED]: ProgressReport.name,
  [ChangeKind.MILESTONE_ADDED]: Milestone.name,
  [ChangeKind.MILESTONE_CHANGED]: Milestone.name,
  [ChangeKind.MILESTONE_DONE]: Milestone.name,
  [ChangeKind.MILESTONE_REOPENED]: Milestone.name,
  [ChangeKind.MILESTONE_REMOVED]: Milestone.name,
  [ChangeKind.MILESTONE_OVERDUE]: Milestone.name,
  [ChangeKind.ASSIGNMENT_CHANGED]: ProjectAssignment.name,
  [ChangeKind.ANNUAL_PLAN_CHANGED]: AnnualPlan.name,
  [ChangeKind.BLOCKER_RAISED]: Blocker.name,
  [ChangeKind.BLOCKER_ESCALATED]: Blocker.name,
  [ChangeKind.BLOCKER_RESOLVED]: Blocker.name,
  [ChangeKind.BLOCKER_CLOSED]: Blocker.name,
  [ChangeKind.BLOCKER_REOPENED]: Blocker.name,
  [ChangeKind.BLOCKER_CHANGED]: Blocker.name,
  [ChangeKind.LEAD_REGISTERED]: InvestmentLead.name,
  [ChangeKind.LEAD_ADVANCED]: InvestmentLead.name,
  [ChangeKind.LEAD_FUNDS_RECORDED]: InvestmentLead.name,
  [ChangeKind.LEAD_CHANGED]: InvestmentLead.name,
  [ChangeKind.FUNDS_ARRIVED]: FundArrival.name,
  [ChangeKind.FUNDS_ARRIVAL_REMOVED]: FundArrival.name,
  [ChangeKind.ORDER_ISSUED]: SupervisionOrder.name,
  [ChangeKind.ORDER_ACKNOWLEDGED]: SupervisionOrder.name,
  [ChangeKind.ORDER_FEEDBACK_GIVEN]: SupervisionOrder.name,
  [ChangeKind.ORDER_SENT_BACK]: SupervisionOrder.name,
  [ChangeKind.ORDER_CLOSED]: SupervisionOrder.name,
  [ChangeKind.ORDER_ESCALATED]: SupervisionOrder.name,
  [ChangeKind.ORDER_CHANGED]: SupervisionOrder.name,
  [ChangeKind.RESERVE_POOLED]: ReserveProject.name,
  [ChangeKind.RESERVE_PROMOTED]: ReserveProject.name,
  [ChangeKind.RESERVE_DROPPED]: ReserveProject.name,
  [ChangeKind.RESERVE_CHANGED]: ReserveProject.name,
  [ChangeKind.TARGETS_SET]: ResponsibilityLetter.name,
  [ChangeKind.BULLETIN_PUBLISHED]: BulletinPublication.name,
  [ChangeKind.EVALUATION_PUBLISHED]: EvaluationPublication.name,
  [ChangeKind.APPROVAL_CHANGED]: ProjectApproval.name,
  [ChangeKind.START_EXCEPTION_RECORDED]: StartException.name,
  [ChangeKind.YEAR_END_ASSESSMENT_FROZEN]: YearEndAssessment.name,
  [ChangeKind.SITE_PHOTO_ATTACHED]: SitePhoto.name,
  [ChangeKind.SITE_PHOTO_REMOVED]: SitePhoto.name,
};

/**
 * Columns the change triggers write that the API has no field for, kept out of live events as the
 * audit trail keeps them out of its records: an assignment's copy of its project's owner, kept for
 * row-level security (the event's `tenantCode` says it). The triggers leave the bookkeeping
 * columns (ids, `project_id`, `updated_at`, `version` ...) out themselves.
 */
export const EVENT_COLUMNS_LEFT_OUT: Readonly<Partial<Record<string, readonly string[]>>> = {
  [ProjectAssignment.name]: ['owner_tenant_code'],
  // The frozen content is the published bulletin itself, read through `publishedBulletin(id)` (the audit trail leaves it out too).
  [BulletinPublication.name]: ['content'],
  // The assessed children's codes, a copy kept for row-level security (the event names the assessment by id).
  [YearEndAssessment.name]: ['assessed_codes'],
  // Where the store keeps a photo's objects (`imageUrl` reads them), and the month it is judged against
  // (`isTakenBeforePeriod` shows what it decides).
  [SitePhoto.name]: ['object_key', 'thumbnail_key', 'period'],
};

/**
 * An event's changes as the API shows them, named and written as the audit trail shows the same
 * record's columns (src/graphql/api-fields.ts). The keys that name the record (`report`,
 * `milestone`, `assignment`, `blocker`, `lead`, `arrival`, `order`, `reserve`, `letter`, `publication`, `approval`, `startException`)
 * are no columns: they keep their names, as the
 * entities name a reference to such a record. An unknown kind (written by a newer replica) keeps
 * its keys camelCased and its values as stored.
 */
export function eventChanges(kind: string, stored: StoredValues, naming: ApiNaming): ApiChange[] {
  const entity = (ENTITY_OF_KIND as Partial<Record<string, string>>)[kind];
  const columns: StoredChange[] = Object.entries(stored).map(([column, { before, after }]) => ({ column, before, after }));
  return apiChanges(entity, columns, naming, entity === undefined ? undefined : EVENT_COLUMNS_LEFT_OUT[entity]);
}
