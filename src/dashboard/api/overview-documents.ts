import { graphql } from '../gql';

/**
 * What the 总览 reads: the same figures from the query and from the live subscription, so an
 * update replaces the page's data in place.
 */
graphql(`
  fragment LightFields on TrafficLight {
    color
    reasons {
      rule
      color
      figure
      message
    }
  }
`);

graphql(`
  fragment ChildFigures on Rollup {
    tenant {
      code
      name
      kind
    }
    projectCount
    listedCount
    annualPlanWan
    completedThisYearWan
    completionRate
    timeProgress
    progressGap
    newStartRate
    annualStartRate
    trafficLight {
      ...LightFields
    }
  }
`);

graphql(`
  fragment OverviewFigures on Rollup {
    period
    tenant {
      code
      name
      level
      kind
    }
    projectCount
    listedCount
    totalInvestmentWan
    annualPlanWan
    completedThisYearWan
    pendingWan
    completionRate
    timeProgress
    progressGap
    cumulativeTargetWan
    targetCompletionRate
    newStartRate
    startedCount
    plannedToStartCount
    annualStartRate
    annualStartedCount
    yearOverYearGrowth
    completedSameTimeLastYearWan
    netIncreaseWan
    fundsInPlaceWan
    fundsArrivedThisYearWan
    overdueMilestoneCount
    projectsWithOverdueMilestoneCount
    openBlockerCount
    projectsWithOpenBlockerCount
    blockers {
      escalatedCount
      overdueCount
    }
    reporting {
      owedCount
      lateCount
      missingCount
    }
    trafficLight {
      ...LightFields
    }
    children {
      ...ChildFigures
    }
  }
`);

export const OverviewQuery = graphql(`
  query Overview($tenantCode: String!, $period: Period!) {
    rollup(tenantCode: $tenantCode, period: $period) {
      ...OverviewFigures
    }
  }
`);

export const OverviewChangedSubscription = graphql(`
  subscription OverviewChanged($tenantCode: String!, $period: Period!) {
    rollupChanged(tenantCode: $tenantCode, period: $period) {
      ...OverviewFigures
    }
  }
`);

/** The way from the city down to a tenant, for the breadcrumb (at most city → county → town). */
export const TenantPathQuery = graphql(`
  query TenantPath($code: String!) {
    tenant(code: $code) {
      code
      name
      parent {
        code
        name
        parent {
          code
          name
        }
      }
    }
  }
`);

/** Every enum's Chinese label, read once: the page shows 在建 where the API says UNDER_CONSTRUCTION. */
export const EnumLabelsQuery = graphql(`
  query EnumLabels {
    enumLabels {
      enum
      value
      label
    }
  }
`);
