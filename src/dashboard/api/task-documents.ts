import { graphql } from '../gql';

/**
 * 待办: what waits for the signed-in user, each list as the API keeps it (no filtering here):
 * reports to review, blockers escalated to their level, their subtree's late reports, and the
 * supervision orders whose next step is theirs (签收 and 反馈 as addressee, 办结 or 退回 as issuer)
 * and the open ones escalated to their level for being overdue (提级督办).
 */
export const TasksQuery = graphql(`
  query Tasks($tenantCode: String!, $period: Period!) {
    reviewQueue(first: 100) {
      id
      version
      period
      status
      completedInvestmentWan
      stageAtMonthEnd
      progressNote
      submittedAt
      reportedByName
      project {
        id
        name
        stage
        owner {
          name
        }
      }
    }
    blockers(filter: { escalatedToMe: true, isOpen: true }, first: 100) {
      totalCount
      nodes {
        id
        type
        description
        deadlineOn
        isOverdue
        escalationReason
        project {
          id
          name
          owner {
            name
          }
        }
      }
    }
    supervisionOrders(filter: { awaitingMe: true }, first: 100) {
      totalCount
      nodes {
        ...OrderRow
      }
    }
    escalatedOrders: supervisionOrders(
      filter: { escalatedToMe: true, statuses: [ISSUED, ACKNOWLEDGED, FEEDBACK_GIVEN, SENT_BACK] }
      first: 100
    ) {
      totalCount
      nodes {
        ...OrderRow
      }
    }
    lateReports(tenantCode: $tenantCode, period: $period) {
      kind
      deadlineOn
      daysLate
      project {
        id
        name
        owner {
          name
        }
      }
    }
  }
`);

export const ApproveReportMutation = graphql(`
  mutation ApproveReport($id: ID!, $version: Int) {
    approveProgressReport(id: $id, version: $version) {
      id
      status
    }
  }
`);

export const ReturnReportMutation = graphql(`
  mutation ReturnReport($id: ID!, $reason: String!, $version: Int) {
    returnProgressReport(id: $id, reason: $reason, version: $version) {
      id
      status
    }
  }
`);
