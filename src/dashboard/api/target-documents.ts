import { graphql } from '../gql';

/**
 * 目标责任书: the letters a tenant signs with the one above, read for the viewer's tenant and the
 * units one level down, each with whether the viewer may set it (the API's rule, not the app's). The
 * navigation asks the same to offer the page at all.
 */
export const TargetLettersQuery = graphql(`
  query TargetLetters($code: String!) {
    tenant(code: $code) {
      code
      name
      viewerSetsTargets
      children {
        code
        name
        isActive
        viewerSetsTargets
      }
    }
  }
`);

graphql(`
  fragment TargetLine on ResponsibilityTarget {
    id
    measure
    targetValue
    signedOn
    updatedByName
  }
`);

export const ResponsibilityTargetsQuery = graphql(`
  query ResponsibilityTargets($code: String!, $year: Int!) {
    responsibilityTargets(tenantCode: $code, year: $year) {
      ...TargetLine
    }
  }
`);

export const SetResponsibilityTargetsMutation = graphql(`
  mutation SetResponsibilityTargets($input: SetResponsibilityTargetsInput!) {
    setResponsibilityTargets(input: $input) {
      ...TargetLine
    }
  }
`);
