import { Kind, OperationTypeNode, type OperationDefinitionNode } from 'graphql';

/**
 * Whether an operation is one mutation: a single root field, plainly written (no fragment, no
 * @skip/@include to weigh). Its transaction is the mutation's and needs no savepoint for it (see
 * withoutFirstSavepoint); anything else keeps one savepoint per mutation, so that one failing
 * undoes only itself.
 */
export function isOneMutation(operation: OperationDefinitionNode | undefined | null): boolean {
  if (operation?.operation !== OperationTypeNode.MUTATION) return false;
  const [only, ...others] = operation.selectionSet.selections;
  return others.length === 0 && only?.kind === Kind.FIELD && !only.directives?.length;
}
