import { isReadOnlyDocument } from '../../src/graphql/read-only-document';

describe('isReadOnlyDocument (which operations may read from a replica)', () => {
  const cases: [string, unknown, unknown, boolean][] = [
    ['a query', '{ tenant(code: "371400") { name } }', undefined, true],
    ['a named query', 'query Tenant { tenant(code: "371400") { name } }', undefined, true],
    ['a mutation', 'mutation { createProject(input: {}) { id } }', undefined, false],
    ['a subscription', 'subscription { projectChanged { kind } }', undefined, false],
    ['the query of two operations, by name', 'query A { __typename } mutation B { __typename }', 'A', true],
    ['the mutation of two operations, by name', 'query A { __typename } mutation B { __typename }', 'B', false],
    ['two operations without a name (Apollo refuses it)', 'query A { __typename } mutation B { __typename }', undefined, false],
    ['a document that does not parse', '{ tenant(', undefined, false],
    ['no document', undefined, undefined, false],
    ['a document that is no string', { query: '{ __typename }' }, undefined, false],
  ];

  it.each(cases)('%s', (_name, query, operationName, expected) => {
    expect(isReadOnlyDocument(query, operationName, 1000)).toBe(expected);
    // Asked again, the answer comes from what was learnt the first time, and is the same.
    expect(isReadOnlyDocument(query, operationName, 1000)).toBe(expected);
  });

  it('stays on the primary for a document over the token limit', () => {
    expect(isReadOnlyDocument(`{ ${'__typename '.repeat(50)}}`, undefined, 10)).toBe(false);
  });
});
