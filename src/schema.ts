import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { RESOLVERS } from './modules/registry';

/** The executable schema. Built once per process; no side effects. */
export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    // Inputs are checked by the services, which know the domain's rules and name the field at fault.
    validate: false,
  });
}

/** The SDL committed as schema/schema.graphql: sorted, so a diff shows what really changed. */
export function printSchemaFile(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
