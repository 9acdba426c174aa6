import { graphql } from '../gql';

/** 储备库: the pool of a tenant's subtree, a page at a time, newest first, filtered as the API filters it. */
graphql(`
  fragment ReserveRow on ReserveProject {
    id
    name
    category
    estimatedInvestmentWan
    intendedYear
    maturity
    promotingUnit
    pooledOn
    status
    closedOn
    promotedYear
    dropReason
    version
    owner {
      code
      name
      viewerManagesReserve
    }
    project {
      id
      name
    }
  }
`);

export const ReserveListQuery = graphql(`
  query ReserveList(
    $tenantCode: String!
    $statuses: [ReserveStatus!]
    $maturities: [ReserveMaturity!]
    $categories: [ProjectCategory!]
    $intendedYear: Int
    $search: String
    $first: Int
    $after: String
  ) {
    reserveProjects(
      tenantCode: $tenantCode
      statuses: $statuses
      maturities: $maturities
      categories: $categories
      intendedYear: $intendedYear
      search: $search
      first: $first
      after: $after
    ) {
      totalCount
      nodes {
        ...ReserveRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Whether the viewer's own tenant's pool is theirs to work (入库 is offered only then). */
export const ReserveManagerQuery = graphql(`
  query ReserveManager($code: String!) {
    tenant(code: $code) {
      code
      name
      viewerManagesReserve
    }
  }
`);

export const PoolReserveMutation = graphql(`
  mutation PoolReserve($input: PoolReserveProjectInput!) {
    poolReserveProject(input: $input) {
      ...ReserveRow
    }
  }
`);

export const UpdateReserveMutation = graphql(`
  mutation UpdateReserve($input: UpdateReserveProjectInput!) {
    updateReserveProject(input: $input) {
      ...ReserveRow
    }
  }
`);

export const PromoteReserveMutation = graphql(`
  mutation PromoteReserve($input: PromoteReserveProjectInput!) {
    promoteReserveProject(input: $input) {
      ...ReserveRow
    }
  }
`);

export const DropReserveMutation = graphql(`
  mutation DropReserve($input: DropReserveProjectInput!) {
    dropReserveProject(input: $input) {
      ...ReserveRow
    }
  }
`);
