import { graphql } from '../gql';

/**
 * 我的项目 (包抓): the projects the signed-in leader is assigned to, with their lights and the reasons,
 * and what changed on them since the leader's mark, both as the API keeps them.
 */
export const LeaderQuery = graphql(`
  query Leader($first: Int, $after: String) {
    myProjects {
      id
      name
      stage
      totalInvestmentWan
      completedThisYearWan
      owner {
        name
      }
      trafficLight {
        color
        reasons {
          rule
          message
        }
      }
    }
    seenMark {
      seenAt
    }
    unseenChanges(first: $first, after: $after) {
      totalCount
      nodes {
        id
        kind
        actedAt
        projectId
        projectName
        description
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Whether the navigation offers 我的项目: only to someone assigned to a project. */
export const AssignedQuery = graphql(`
  query Assigned {
    myProjects {
      id
    }
  }
`);

export const MarkSeenMutation = graphql(`
  mutation MarkSeen($through: DateTimeISO) {
    markSeen(through: $through) {
      seenAt
    }
  }
`);
