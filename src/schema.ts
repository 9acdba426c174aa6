import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { withArgumentChecks } from './graphql/argument-checks';
import { BulletinDownloadResolver } from './exports/bulletin-download.resolver';
import { RESOLVERS } from './modules/registry';

/** The executable schema. Built once per process; no side effects. */
export async function createSchema(): Promise<GraphQLSchema> {
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
  return withArgumentChecks(schema);
}

/** The SDL committed as schema/schema.graphql: sorted, so a diff shows what really changed. */
export function printSchemaFile(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
