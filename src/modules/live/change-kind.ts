import { registerEnumType } from 'type-graphql';

/** Kinds of change the outbox records (see the ChangeEvents migration's trigger). */
export enum ChangeKind {
  PROJECT_CREATED = 'PROJECT_CREATED',
  PROJECT_UPDATED = 'PROJECT_UPDATED',
  STAGE_CHANGED = 'STAGE_CHANGED',
  PROGRESS_REPORTED = 'PROGRESS_REPORTED',
  PROGRESS_CORRECTED = 'PROGRESS_CORRECTED',
  PROGRESS_REPORT_REMOVED = 'PROGRESS_REPORT_REMOVED',
  MILESTONE_ADDED = 'MILESTONE_ADDED',
  MILESTONE_CHANGED = 'MILESTONE_CHANGED',
  MILESTONE_DONE = 'MILESTONE_DONE',
  MILESTONE_REOPENED = 'MILESTONE_REOPENED',
  MILESTONE_REMOVED = 'MILESTONE_REMOVED',
  MILESTONE_OVERDUE = 'MILESTONE_OVERDUE',
  ASSIGNMENT_CHANGED = 'ASSIGNMENT_CHANGED',
  ANNUAL_PLAN_CHANGED = 'ANNUAL_PLAN_CHANGED',
  REPORT_DRAFTED = 'REPORT_DRAFTED',
  REPORT_SUBMITTED = 'REPORT_SUBMITTED',
  REPORT_RETURNED = 'REPORT_RETURNED',
  REPORT_RESUBMITTED = 'REPORT_RESUBMITTED',
  REPORT_APPROVED = 'REPORT_APPROVED',
  BLOCKER_RAISED = 'BLOCKER_RAISED',
  BLOCKER_ESCALATED = 'BLOCKER_ESCALATED',
  BLOCKER_RESOLVED = 'BLOCKER_RESOLVED',
  BLOCKER_CLOSED = 'BLOCKER_CLOSED',
  BLOCKER_REOPENED = 'BLOCKER_REOPENED',
  BLOCKER_CHANGED = 'BLOCKER_CHANGED',
  LEAD_REGISTERED = 'LEAD_REGISTERED',
  LEAD_ADVANCED = 'LEAD_ADVANCED',
  LEAD_FUNDS_RECORDED = 'LEAD_FUNDS_RECORDED',
  LEAD_CHANGED = 'LEAD_CHANGED',
  FUNDS_ARRIVED = 'FUNDS_ARRIVED',
  FUNDS_ARRIVAL_REMOVED = 'FUNDS_ARRIVAL_REMOVED',
  ORDER_ISSUED = 'ORDER_ISSUED',
  ORDER_ACKNOWLEDGED = 'ORDER_ACKNOWLEDGED',
  ORDER_FEEDBACK_GIVEN = 'ORDER_FEEDBACK_GIVEN',
  ORDER_SENT_BACK = 'ORDER_SENT_BACK',
  ORDER_CLOSED = 'ORDER_CLOSED',
  ORDER_ESCALATED = 'ORDER_ESCALATED',
  ORDER_CHANGED = 'ORDER_CHANGED',
  RESERVE_POOLED = 'RESERVE_POOLED',
  RESERVE_PROMOTED = 'RESERVE_PROMOTED',
  RESERVE_DROPPED = 'RESERVE_DROPPED',
  RESERVE_CHANGED = 'RESERVE_CHANGED',
  TARGETS_SET = 'TARGETS_SET',
  BULLETIN_PUBLISHED = 'BULLETIN_PUBLISHED',
  EVALUATION_PUBLISHED = 'EVALUATION_PUBLISHED',
  APPROVAL_CHANGED = 'APPROVAL_CHANGED',
  START_EXCEPTION_RECORDED = 'START_EXCEPTION_RECORDED',
  YEAR_END_ASSESSMENT_FROZEN = 'YEAR_END_ASSESSMENT_FROZEN',
  SITE_PHOTO_ATTACHED = 'SITE_PHOTO_ATTACHED',
  SITE_PHOTO_REMOVED = 'SITE_PHOTO_REMOVED',
}

registerEnumType(ChangeKind, {
  name: 'ChangeKind',
  description: 'What happened to a project, or to an investment lead (which may have no project yet).',
  valuesConfig: {
    PROJECT_CREATED: { description: 'A project was entered.' },
    PROJECT_UPDATED: { description: "A project's details changed (not its stage)." },
    STAGE_CHANGED: { description: 'A project moved to another stage (开工, 竣工 ...).' },
    PROGRESS_REPORTED: { description: 'A monthly report (月报) was filed; `report` holds its id.' },
    PROGRESS_CORRECTED: { description: 'A monthly report was corrected.' },
    PROGRESS_REPORT_REMOVED: { description: 'A monthly report was removed (`report` holds its id in `before`).' },
    MILESTONE_ADDED: { description: 'A milestone (节点) was added; `milestone` holds its id.' },
    MILESTONE_CHANGED: { description: "A milestone's title or due date changed." },
    MILESTONE_DONE: { description: 'A milestone was completed.' },
    MILESTONE_REOPENED: { description: 'A completed milestone was reopened.' },
    MILESTONE_REMOVED: { description: 'A milestone was deleted.' },
    MILESTONE_OVERDUE: { description: 'An open milestone passed its due date (announced once, the day after).' },
    ASSIGNMENT_CHANGED: {
      description: 'A leader or unit was assigned to the project (包抓), or the assignment ended; `assignment` holds its id.',
    },
    ANNUAL_PLAN_CHANGED: { description: "A year's planned investment was set or removed; `year` names the plan." },
    REPORT_DRAFTED: { description: 'A monthly report was saved as a draft (草稿).' },
    REPORT_SUBMITTED: { description: 'A draft monthly report was submitted for review (报送).' },
    REPORT_RETURNED: { description: 'A monthly report was returned with a reason (退回).' },
    REPORT_RESUBMITTED: { description: 'A returned monthly report was submitted again.' },
    REPORT_APPROVED: { description: 'A monthly report was approved (审核通过): its figures now count.' },
    BLOCKER_RAISED: { description: 'A blocker (要素制约) was raised; `changes` holds its values and `blocker` its id.' },
    BLOCKER_ESCALATED: {
      description: 'A blocker was escalated one level up (提请协调); `escalatedTo` names the level by its division code.',
    },
    BLOCKER_RESOLVED: { description: 'A blocker was resolved with feedback (办结反馈).' },
    BLOCKER_CLOSED: { description: 'The raiser confirmed a resolution: the blocker is closed (闭环).' },
    BLOCKER_REOPENED: { description: 'The raiser rejected a resolution: the blocker is open again (退回重办).' },
    BLOCKER_CHANGED: { description: 'Anything else about a blocker changed (e.g. work on it started).' },
    LEAD_REGISTERED: {
      description: 'An investment lead (招商线索) was registered; `lead` holds its id, `projectId` is null until it starts.',
    },
    LEAD_ADVANCED: { description: 'A lead reached its next step (框架协议, 签约, 开工, 资金到位); `stage` names it.' },
    LEAD_FUNDS_RECORDED: { description: "A lead's funds in place (到位资金) were recorded." },
    LEAD_CHANGED: { description: 'Anything else about a lead changed (its investor, amounts, responsible unit).' },
    FUNDS_ARRIVED: {
      description:
        "Funds arrived for a project (到位资金); `arrival` holds the arrival's id, the changes its day and amount (and `lead` when it came " +
        "through an investment lead). The project's own PROJECT_UPDATED follows with its new `fundsInPlaceWan`.",
    },
    FUNDS_ARRIVAL_REMOVED: { description: 'An arrival recorded by mistake was removed (`arrival` holds its id in `before`).' },
    ORDER_ISSUED: {
      description:
        'A supervision order (督办单) was issued; `order` holds its id. Under the tenant it concerns; `projectId` is null for an order about a tenant.',
    },
    ORDER_ACKNOWLEDGED: { description: 'The addressee acknowledged an order (签收).' },
    ORDER_FEEDBACK_GIVEN: { description: 'The addressee reported back on an order (反馈); `latestFeedback` holds the text.' },
    ORDER_SENT_BACK: { description: 'The issuer sent an order back (退回); `sendBackReason` holds the reason.' },
    ORDER_CLOSED: { description: 'The issuer closed an order (办结).' },
    ORDER_ESCALATED: {
      description: 'An overdue order was escalated one level above its addressee (逾期提级督办), by the daily check: no actor.',
    },
    ORDER_CHANGED: { description: 'Anything else about an order changed.' },
    RESERVE_POOLED: { description: 'A project entered the reserve pool (储备项目入库); `reserve` holds its id.' },
    RESERVE_PROMOTED: { description: "A reserve project was promoted into a year's list; the key project is the event's project." },
    RESERVE_DROPPED: { description: 'A reserve project was dropped from the pool (出库), with the reason.' },
    RESERVE_CHANGED: { description: 'Anything else about a reserve project changed (its grade, estimate, year).' },
    TARGETS_SET: {
      description:
        "A tenant's target-responsibility letter (目标责任书) was set or changed by the tenant above, under the tenant it binds; " +
        '`projectId` is null, `letter` holds its id, `year` its year.',
    },
    BULLETIN_PUBLISHED: {
      description:
        'A monthly bulletin (月通报) was published (印发), under the tenant it is for; `projectId` is null, `publication` holds the id ' +
        '(`publishedBulletin`), `period` the month (the publication tells its version).',
    },
    EVALUATION_PUBLISHED: {
      description:
        'A quarterly ranking (季度评比) was published, under the tenant whose children it ranks; `projectId` is null, `publication` holds ' +
        'the id (`evaluationPublication`), `quarter` the quarter and `edition` which edition of it.',
    },
    APPROVAL_CHANGED: {
      description: "A preparatory approval of the project (前期手续) was set; `approval` holds the item's id, `changes` its values.",
    },
    START_EXCEPTION_RECORDED: {
      description: 'A leader recorded a start exception (容缺开工) for the project; `startException` holds its id.',
    },
    YEAR_END_ASSESSMENT_FROZEN: {
      description:
        'A tenant froze its year-end assessment of its children (冻结年终考核结果), under that tenant; `projectId` is null, ' +
        '`assessment` holds the id (`frozenYearEndAssessment`), `year` the year.',
    },
    SITE_PHOTO_ATTACHED: {
      description: 'A site photo (形象进度照片) was added to a monthly report or a milestone; `photo` holds its id.',
    },
    SITE_PHOTO_REMOVED: { description: 'A site photo was deleted (`photo` holds its id in `before`).' },
  },
});
