import { graphql } from '../gql';

/** What the 项目 list reads: one row per project, enough to choose one to open. */
export const ProjectListQuery = graphql(`
  query ProjectList($filter: ProjectFilter, $first: Int, $after: String, $period: Period) {
    projects(filter: $filter, first: $first, after: $after) {
      totalCount
      nodes {
        id
        name
        code
        stage
        category
        designationLevels
        totalInvestmentWan
        plannedInvestmentWan
        completedThisYearWan
        overdueMilestoneCount
        owner {
          code
          name
        }
        location {
          code
          name
        }
        trafficLight(period: $period) {
          color
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The tenants a viewer may filter the list by: their own and those beneath it (two levels: county, town). */
export const TenantChoicesQuery = graphql(`
  query TenantChoices($code: String!) {
    tenant(code: $code) {
      code
      name
      children {
        code
        name
        children {
          code
          name
        }
      }
    }
  }
`);

graphql(`
  fragment ProjectPage on Project {
    id
    version
    name
    code
    stage
    category
    nature
    designationLevels
    isInStatisticsDatabase
    viewerIssuesOrders
    constructionContent
    ownerUnit
    contactName
    contactPhone
    totalInvestmentWan
    plannedInvestmentWan
    completedThisYearWan
    pendingWan
    completedSinceStartWan
    fundsInPlaceWan
    plannedStartOn
    plannedCompletionOn
    startedOn
    completedOn
    owner {
      code
      name
    }
    location {
      code
      name
    }
    trafficLight {
      color
      reasons {
        rule
        color
        message
      }
    }
    stageHistory {
      id
      fromStage
      toStage
      changedOn
      note
      recordedByName
    }
    progressReports {
      id
      version
      period
      completedInvestmentWan
      stageAtMonthEnd
      progressNote
      problems
      status
      reportedByName
      submittedAt
      reviewedByName
      returnReason
    }
    milestones {
      id
      title
      dueOn
      doneOn
      isOverdue
    }
    blockers {
      id
      type
      description
      responsibleUnit
      deadlineOn
      status
      isOverdue
      isEscalated
      viewerRecordsAccountability
      handledBy {
        name
      }
      history {
        id
        seq
        kind
        note
        actedAt
        actedByName
      }
      accountability {
        id
        personName
        personUnit
        measure
        detail
        decidedOn
        recordedByName
      }
    }
    assignments {
      id
      kind
      assigneeName
      startedOn
    }
    approvals {
      state
      office
      submittedOn
      approvedOn
      plannedOn
      documentNumber
      light
      kind {
        code
        name
        isRequiredToStart
      }
    }
    missingStartApprovals {
      kind {
        code
        name
      }
    }
    startException {
      reason
      recordedByName
      recordedAt
    }
  }
`);

export const ProjectPageQuery = graphql(`
  query ProjectPage($id: ID!) {
    project(id: $id) {
      ...ProjectPage
    }
    supervisionOrders(filter: { projectId: $id }, first: 50) {
      totalCount
      nodes {
        ...OrderRow
      }
    }
    auditTrail(entity: PROJECT, id: $id, first: 50) {
      totalCount
      nodes {
        id
        actedAt
        actedByName
        operation
        changes {
          field
          before
          after
        }
      }
    }
  }
`);

/** One event per change to the open project; the page reloads what the event touched. */
export const ProjectChangedSubscription = graphql(`
  subscription ProjectChanged($tenantCode: String!, $projectId: ID, $after: String) {
    projectChanged(tenantCode: $tenantCode, projectId: $projectId, after: $after) {
      cursor
      kind
      projectId
      tenantCode
      actedAt
      actedByName
      tenant {
        name
      }
      project {
        id
        name
        owner {
          name
        }
      }
      changes {
        field
        before
        after
      }
    }
  }
`);

/** The town's monthly report (月报): the API validates it and names the field of each problem. */
export const ReportProgressMutation = graphql(`
  mutation ReportProgress($input: ReportProgressInput!) {
    reportProgress(input: $input) {
      id
      status
    }
  }
`);

/** A new blocker (提出问题), OPEN at the project's own level. */
export const RaiseBlockerMutation = graphql(`
  mutation RaiseBlocker($input: RaiseBlockerInput!) {
    raiseBlocker(input: $input) {
      id
      status
    }
  }
`);
