import { registerEnumType } from 'type-graphql';

/** Where a monthly report is in its review. */
export enum ReportStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  RESUBMITTED = 'RESUBMITTED',
  APPROVED = 'APPROVED',
}

/** Waiting for the level above (待审核): their amounts are pending, shown apart from the approved figures. */
export const UNDER_REVIEW: readonly ReportStatus[] = [ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED];

/**
 * SQL conditions on a progress_report alias for the two kinds of amounts every figure keeps apart:
 * approved (counted everywhere) and under review (pending). Drafts and returned reports are in neither.
 */
export const approvedSql = (alias: string) => `${alias}.status = '${ReportStatus.APPROVED}'`;
export const underReviewSql = (alias: string) => `${alias}.status in (${UNDER_REVIEW.map((s) => `'${s}'`).join(', ')})`;

registerEnumType(ReportStatus, {
  name: 'ReportStatus',
  description: 'Review state of a monthly report (月报审核).',
  valuesConfig: {
    DRAFT: { description: 'Saved by the town, not yet submitted (草稿); can be changed freely.' },
    SUBMITTED: {
      description:
        'Submitted (已报送), waiting for the level above; the town may still correct it until reviewed. Its amount is pending ' +
        '(`pendingWan`), in no other figure.',
    },
    RETURNED: { description: 'Returned with a reason (退回); the town corrects and resubmits it.' },
    RESUBMITTED: { description: 'Submitted again after a return (重新报送), waiting for review.' },
    APPROVED: {
      description:
        "Approved (审核通过): its amount counts in every figure (rollups, a project's and a report's totals) and the stage it " +
        'claims takes effect. Locked; the reviewer may return it.',
    },
  },
});

/** What a review step did. */
export enum ReviewAction {
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  RESUBMITTED = 'RESUBMITTED',
  APPROVED = 'APPROVED',
}

registerEnumType(ReviewAction, {
  name: 'ReviewAction',
  description: 'A step in the review of a monthly report.',
  valuesConfig: {
    SUBMITTED: { description: 'The town submitted the report.' },
    RETURNED: { description: 'The reviewer returned it, with a reason.' },
    RESUBMITTED: { description: 'The town submitted it again after a return.' },
    APPROVED: { description: 'The reviewer approved it.' },
  },
});
