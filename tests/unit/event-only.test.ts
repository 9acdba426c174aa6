import { parse, type GraphQLSchema } from 'graphql';
import { readsEventOnly } from '../../src/realtime/event-only';
import { createSchema } from '../../src/schema';

describe('readsEventOnly: which subscriptions skip the database per event', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await createSchema();
  });

  it.each([
    [
      'selects only what the event carries',
      `subscription { projectChanged(tenantCode: "371400") { cursor kind actedAt actedBySubject actedByName tenantCode projectId __typename } }`,
    ],
    [
      'reads the changes and the deprecated who and when',
      `subscription { projectChanged(tenantCode: "371400") { at by { subject name } changes { field before after } } }`,
    ],
  ])('is true when the document %s', (_what, document) => {
    expect(readsEventOnly(schema, parse(document))).toBe(true);
  });

  it.each([
    ['selects the project (read from the database)', `subscription { projectChanged(tenantCode: "371400") { kind project { id name } } }`],
    ['uses a fragment', `subscription { projectChanged(tenantCode: "371400") { ...F } } fragment F on ProjectChange { kind }`],
    ['uses an inline fragment', `subscription { projectChanged(tenantCode: "371400") { ... on ProjectChange { kind } } }`],
    [
      'subscribes to rollups (figures read anew for each tick)',
      `subscription { rollupChanged(tenantCode: "371400", period: "2026-10") { tenantCode } }`,
    ],
  ])('is false when the document %s', (_what, document) => {
    expect(readsEventOnly(schema, parse(document))).toBe(false);
  });
});
