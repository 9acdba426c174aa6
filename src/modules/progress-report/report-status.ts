import { registerEnumType } from 'type-graphql';

/** Where a monthly report is in its review. */
export enum ReportStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  RESUBMITTED = 'RESUBMITTED',
  APPROVED = 'APPROVED',
}

registerEnumType(ReportStatus, {
  name: 'ReportStatus',
  description: 'Review state of a monthly report (月报审核).',
  valuesConfig: {
    DRAFT: { description: 'Saved by the town, not yet submitted (草稿); can be changed freely.' },
    SUBMITTED: { description: 'Submitted (已报送), waiting for the level above; the town may still correct it until reviewed.' },
    RETURNED: { description: 'Returned with a reason (退回); the town corrects and resubmits it.' },
    RESUBMITTED: { description: 'Submitted again after a return (重新报送), waiting for review.' },
    APPROVED: { description: 'Approved (审核通过): its figures count in the rollups. Locked; the reviewer may return it.' },
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
