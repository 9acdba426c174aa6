import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { withArgumentChecks } from './graphql/argument-checks';
import { callFieldResolversDirectly } from './graphql/direct-field-resolvers';
import { BulletinDownloadResolver } from './exports/bulletin-download.resolver';
import { RESOLVERS } from './modules/registry';

/** The executable schema. Built once per process; no side effects. */
export async function createSchema(): Promise<GraphQLSchema> {
  readPlainFieldsDirectly();
  const schema = await buildSchema({
    // The exports' fields (download links) beside the modules': the exports read through the modules.
    resolvers: [...RESOLVERS, BulletinDownloadResolver],
    // Inputs are checked by the services, which know the domain's rules and name the field at fault.
    validate: false,
    // Every subscription brings its own `subscribe` (the outbox relay is the pub/sub, across
    // replicas); type-graphql insists on an in-process PubSub for topic-based ones, which none is.
    pubSub: {
      publish: () => {
        throw new Error('topic subscriptions are not used: changes go through the change_event outbox');
      },
      subscribe: () => {
        throw new Error('topic subscriptions are not used: changes go through the change_event outbox');
      },
    },
  });
  // Text and calendar rules hold for every argument, whatever the field (graphql/argument-checks.ts).
  const checked = withArgumentChecks(schema);
  callFieldResolversDirectly(checked);
  return checked;
}

/**
 * Fields with no resolver of their own are read as graphql-js reads any property (its default
 * resolver), not through type-graphql's: that one builds an object and runs the middleware chain
 * (none here) for every such field of every row, a cost that grows with every list an answer holds.
 * Not for a field whose GraphQL name differs from its property (`@Field({ name })`): graphql-js
 * would read the GraphQL name. Marks type-graphql's metadata, which every build reads.
 */
function readPlainFieldsDirectly(): void {
  for (const field of getMetadataStorage().fields) {
    if (field.simple === undefined && field.name === field.schemaName && !field.middlewares?.length && !field.roles) {
      field.simple = true;
    }
  }
}

/** The SDL committed as schema/schema.graphql: sorted, so a diff shows what really changed. */
export function printSchemaFile(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
