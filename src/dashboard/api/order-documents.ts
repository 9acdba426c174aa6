import { graphql } from '../gql';

/**
 * 督办 (supervision orders): the ledger, an order's page, its steps and a new order, each as the API
 * keeps them. What a viewer may do with an order is the API's `viewerSteps`, never worked out here.
 */
graphql(`
  fragment OrderRow on SupervisionOrder {
    id
    version
    subject
    title
    status
    deadlineOn
    isOverdue
    isEscalated
    issuedByName
    issuedAt
    addresseeUnit
    latestFeedback
    sendBackReason
    viewerSteps
    addressee {
      code
      name
    }
    tenant {
      code
      name
    }
    project {
      id
      name
    }
  }
`);

export const OrderListQuery = graphql(`
  query OrderList($filter: SupervisionOrderFilter, $first: Int, $after: String) {
    supervisionOrders(filter: $filter, first: $first, after: $after) {
      totalCount
      nodes {
        ...OrderRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const OrderPageQuery = graphql(`
  query OrderPage($id: ID!) {
    supervisionOrder(id: $id) {
      ...OrderRow
      requirement
      closedAt
      escalatedOn
      viewerRecordsAccountability
      issuedByTenantCode
      escalatedTo {
        code
        name
      }
      blocker {
        id
        type
        description
      }
      history {
        id
        seq
        kind
        note
        actedAt
        actedByName
        statusAfter
        fromTenantCode
        toTenantCode
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
  }
`);

export const IssueOrderMutation = graphql(`
  mutation IssueOrder($input: IssueSupervisionOrderInput!) {
    issueSupervisionOrder(input: $input) {
      id
      status
    }
  }
`);

export const AcknowledgeOrderMutation = graphql(`
  mutation AcknowledgeOrder($input: SupervisionOrderStepInput!) {
    acknowledgeSupervisionOrder(input: $input) {
      id
      status
    }
  }
`);

export const GiveOrderFeedbackMutation = graphql(`
  mutation GiveOrderFeedback($input: SupervisionOrderNoteInput!) {
    giveSupervisionOrderFeedback(input: $input) {
      id
      status
    }
  }
`);

export const CloseOrderMutation = graphql(`
  mutation CloseOrder($input: SupervisionOrderStepInput!) {
    closeSupervisionOrder(input: $input) {
      id
      status
    }
  }
`);

export const SendBackOrderMutation = graphql(`
  mutation SendBackOrder($input: SupervisionOrderNoteInput!) {
    sendBackSupervisionOrder(input: $input) {
      id
      status
    }
  }
`);

/** Whether the ledger offers 下发督办 about a tenant: the API's answer for the viewer's own tenant. */
export const OrderIssuerQuery = graphql(`
  query OrderIssuer($code: String!) {
    tenant(code: $code) {
      code
      viewerIssuesOrders
    }
  }
`);

/** 记录问责 on a closed order or on a blocker: the API validates it and names the field of each problem. */
export const RecordAccountabilityMutation = graphql(`
  mutation RecordAccountability($input: RecordAccountabilityInput!) {
    recordAccountability(input: $input) {
      id
    }
  }
`);
