import { Kind, OperationTypeNode, type OperationDefinitionNode } from 'graphql';

const SCHEMA_FIELDS = new Set(['__schema', '__type', '__typename']);

/**
 * A query that asks only about the schema (introspection, `{ __typename }`): answered from the
 * schema alone, it reads no table, so it needs neither a token's scope nor a transaction.
 */
export const asksSchemaOnly = (operation: OperationDefinitionNode): boolean =>
  operation.operation === OperationTypeNode.QUERY &&
  operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && SCHEMA_FIELDS.has(s.name.value));
