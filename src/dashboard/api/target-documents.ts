import { graphql } from '../gql';

/**
 * 目标责任书: the letters a tenant signs with the one above, read for the viewer's tenant and the
 * units one level down, each with whether the viewer may set it (the API's rule, not the app's).
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

export const ResponsibilityTargetsQuery = graphql(`
  query ResponsibilityTargets($code: String!, $year: Int!) {
    responsibilityTargets(tenantCode: $code, year: $year) {
      id
      measure
      targetValue
      signedOn
      updatedByName
    }
  }
`);

export const SetResponsibilityTargetsMutation = graphql(`
  mutation SetResponsibilityTargets($input: SetResponsibilityTargetsInput!) {
    setResponsibilityTargets(input: $input) {
      id
      measure
      targetValue
      signedOn
      updatedByName
    }
  }
`);

/** Whether the viewer sets any letter: their own tenant's (the city) or one below (the 目标责任书 entry in the navigation). */
export const TargetSetterQuery = graphql(`
  query TargetSetter($code: String!) {
    tenant(code: $code) {
      code
      viewerSetsTargets
      children {
        code
        viewerSetsTargets
      }
    }
  }
`);
