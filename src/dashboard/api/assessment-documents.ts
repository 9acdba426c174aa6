import { graphql } from '../gql';

/**
 * 年终考核: a tenant's children assessed for a year as the figures stand (the draft), and the result
 * frozen with its 奖惩 once decided, as the API computes and stores them.
 */
graphql(`
  fragment YearEndAssessmentLine on YearEndAssessmentEntry {
    tenantCode
    tenantName
    rank
    totalScore
    evaluationScore
    targetCompletion
    award {
      kind
      reason
      rewardFundsWan
    }
  }
`);

export const YearEndAssessmentQuery = graphql(`
  query YearEndAssessment($tenantCode: String!, $year: Int!) {
    yearEndAssessmentDraft(tenantCode: $tenantCode, year: $year) {
      year
      period
      targetShare
      freezableOn
      parent {
        code
        name
      }
      entries {
        ...YearEndAssessmentLine
      }
      frozen {
        id
        period
        frozenAt
        frozenByName
        sha256
        entries {
          ...YearEndAssessmentLine
        }
      }
    }
  }
`);
