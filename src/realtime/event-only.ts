import { Kind, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';

/**
 * A subscription whose document selects nothing but what the change event carries needs no
 * database per event, and its result can be shared by every subscriber of the event (see
 * scoped-execution.ts). The domain says which fields those are, on its types, with type-graphql's
 * `@Extensions`: RESOLVED_FROM_EVENT on a type (all its fields) or a field, READS_DATABASE on a
 * field of such a type that does not.
 */
const RESOLVED_FROM_EVENT_KEY = 'resolvedFromEvent';

export const RESOLVED_FROM_EVENT = Object.freeze({ [RESOLVED_FROM_EVENT_KEY]: true });
export const READS_DATABASE = Object.freeze({ [RESOLVED_FROM_EVENT_KEY]: false });

const marked = (extensions: Readonly<Record<string, unknown>> | undefined): boolean | undefined =>
  extensions?.[RESOLVED_FROM_EVENT_KEY] as boolean | undefined;

/** Whether every field the document's operations select is resolved from the event (no fragments). */
export function readsEventOnly(schema: GraphQLSchema, document: DocumentNode): boolean {
  let pure = true;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const typeInfo = new TypeInfo(schema);
    visit(
      definition,
      visitWithTypeInfo(typeInfo, {
        Field: (node) => {
          if (node.name.value === '__typename') return;
          const field = typeInfo.getFieldDef();
          pure &&= marked(field?.extensions) ?? marked(typeInfo.getParentType()?.extensions) ?? false;
        },
        FragmentSpread: () => void (pure = false),
        InlineFragment: () => void (pure = false),
      }),
    );
  }
  return pure;
}
