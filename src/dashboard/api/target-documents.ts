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

/** The letter as one record: its measures and the version a change sends back, so two officers do not overwrite each other. */
export const ResponsibilityLetterQuery = graphql(`
  query ResponsibilityLetter($code: String!, $year: Int!) {
    responsibilityLetter(tenantCode: $code, year: $year) {
      version
      signedOn
      updatedByName
      targets {
        ...TargetLine
      }
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
