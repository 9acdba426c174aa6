import { getOperationAST, OperationTypeNode, parse } from 'graphql';

/** Documents already classified, by operation name and text; bounded, oldest first out. */
const known = new Map<string, boolean>();
const CAPACITY = 1000;

/**
 * Whether the request's operation is a query (reads only), decided before Apollo parses it: where
 * a read replica is configured, a query's context is built on it. Anything else, or a document
 * that does not parse (Apollo refuses it anyway), counts as not read-only and stays on the primary.
 * The few documents a fleet of dashboards sends are parsed once; `maxTokens` bounds that parse as
 * the document limits bound Apollo's.
 */
export function isReadOnlyDocument(query: unknown, operationName: unknown, maxTokens: number): boolean {
  if (typeof query !== 'string') return false;
  const key = `${typeof operationName === 'string' ? operationName : ''}\n${query}`;
  let readOnly = known.get(key);
  if (readOnly === undefined) {
    try {
      const document = parse(query, { noLocation: true, maxTokens });
      const name = typeof operationName === 'string' ? operationName : undefined;
      readOnly = getOperationAST(document, name)?.operation === OperationTypeNode.QUERY;
    } catch {
      readOnly = false;
    }
    known.set(key, readOnly);
    if (known.size > CAPACITY) known.delete(known.keys().next().value!);
  }
  return readOnly;
}
