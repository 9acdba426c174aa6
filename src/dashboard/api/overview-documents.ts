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
    supervisionOrders {
      issuedCount
      openCount
      overdueCount
      closedCount
      closureRate
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

/**
 * The charts under the figures: the year's months from January to the period (走势: completed in
 * each month and to date against the plan and time progress), projects by stage (梯次推进) and the
 * figures by category. In the same read as the figures (the rollup reads its trend in the same
 * statement), and in every live update, so the charts move with the figures.
 */
graphql(`
  fragment OverviewCharts on Rollup {
    trend(from: $yearStart, to: $period) {
      period
      completedInMonthWan
      completedThisYearWan
      targetInMonthWan
      cumulativeTargetWan
      targetCompletionRate
      annualPlanWan
      completionRate
      timeProgress
    }
    byStage {
      stage
      count
    }
    byCategory {
      category
      count
      annualPlanWan
      completedThisYearWan
      completionRate
    }
  }
`);

/**
 * Before and around the year's list (issue 18): the target-responsibility letter against what is done
 * (目标责任书), the plan and funds by funding source (资金来源), the pending approvals per office
 * (前期手续) and the reserve pool (储备库). In the same read and live update as the figures: the
 * rollup computes each for the same subtree and month, so the panels never disagree with the cards.
 */
graphql(`
  fragment OverviewPlanning on Rollup {
    targetProgress {
      measure
      targetValue
      actualValue
      completionRate
    }
    byFundingSource {
      source
      plannedWan
      plannedShare
      completedThisYearWan
      completionRate
      fundsArrivedThisYearWan
      fundsInPlaceWan
      arrivalRate
    }
    approvals {
      pendingCount
      submittedCount
      overdueCount
      heldUpProjectCount
      byOffice {
        office
        pendingCount
        submittedCount
        overdueCount
        warnedCount
        light
      }
    }
    reservePool {
      pooledCount
      pooledInvestmentWan
      yearPooledCount
      yearPromotedCount
      yearDroppedCount
      conversionRate
      byMaturity {
        maturity
        count
        estimatedInvestmentWan
      }
    }
  }
`);

export const OverviewQuery = graphql(`
  query Overview($tenantCode: String!, $period: Period!, $yearStart: Period!) {
    rollup(tenantCode: $tenantCode, period: $period) {
      ...OverviewFigures
      ...OverviewCharts
      ...OverviewPlanning
    }
  }
`);

export const OverviewChangedSubscription = graphql(`
  subscription OverviewChanged($tenantCode: String!, $period: Period!, $yearStart: Period!) {
    rollupChanged(tenantCode: $tenantCode, period: $period) {
      ...OverviewFigures
      ...OverviewCharts
      ...OverviewPlanning
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
