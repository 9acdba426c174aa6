import { graphql } from '../gql';

/** 季度评比: a parent's children scored by the city's scheme for a quarter, with ranks and changes, as the API computes them. */
export const EvaluationQuery = graphql(`
  query Evaluation($parentCode: String!, $quarter: Quarter!) {
    evaluation(parentCode: $parentCode, quarter: $quarter) {
      quarter
      period
      previousPeriod
      parent {
        code
        name
      }
      scheme {
        version
        isDefault
        measures {
          measure
          weight
          method
        }
      }
      entries {
        tenantCode
        tenantName
        rank
        previousRank
        rankChange
        totalScore
        measures {
          measure
          figure
          score
          place
        }
      }
    }
  }
`);
