import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { TranslatedError } from '../errors/translated-error';
import type { Message } from '../language/message';

/**
 * Limits on what one document may ask, the same over HTTP and graphql-ws. The API is open to
 * integrators of other government systems that we do not fully trust: a document nested 50 deep
 * or aliasing one expensive field a thousand times must be refused before it runs, not time out.
 */
export interface DocumentLimits {
  /** Nesting of fields below the operation (introspection's own fields do not count). */
  readonly maxDepth: number;
  /** Aliased fields in one operation. */
  readonly maxAliases: number;
  /** Directives in one operation (@include/@skip repeated to make the parser and executor work). */
  readonly maxDirectives: number;
  /** Estimated fields resolved: each field 1, times the page size (`first`) or 10 for a list. */
  readonly maxCost: number;
  /** Lexical tokens in the document; enforced by the parser before anything else. */
  readonly maxTokens: number;
  /** The page size assumed for `first: $variable` (the largest a list accepts). */
  readonly maxPageSize: number;
}

/** A list without a page argument (a tenant's children, a project's milestones) is assumed this long. */
const LIST_FACTOR = 10;

export const LIMIT_CODE = 'GRAPHQL_VALIDATION_FAILED';

interface Measure {
  depth: number;
  cost: number;
  aliases: number;
  directives: number;
}

function pageSize(field: FieldNode, limits: DocumentLimits): number | undefined {
  const arg = field.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
  if (!arg) return undefined;
  // A page over the maximum is refused by the list itself (BAD_USER_INPUT on `first`), a clearer answer.
  if (arg.value.kind === Kind.INT) return Math.min(Math.max(0, Number(arg.value.value)), limits.maxPageSize);
  // A variable's value is not known while validating: assume the largest page.
  return limits.maxPageSize;
}

/** How many times a field's selection is resolved per resolution of the field itself. */
function multiplier(fieldNode: FieldNode, type: GraphQLOutputType, parent: GraphQLCompositeType, limits: DocumentLimits): number {
  const page = pageSize(fieldNode, limits);
  if (page !== undefined) return page;
  // The nodes and edges of a connection are its page, already counted on the connection's field.
  if (parent.name.endsWith('Connection')) return 1;
  return isListType(getNullableType(type)) ? LIST_FACTOR : 1;
}

function measure(
  context: ValidationContext,
  limits: DocumentLimits,
  selectionSet: SelectionSetNode,
  parent: GraphQLCompositeType,
  fragments: Map<string, FragmentDefinitionNode>,
  visiting: Set<string>,
): Measure {
  const total: Measure = { depth: 0, cost: 0, aliases: 0, directives: 0 };
  const add = (m: Measure) => {
    total.depth = Math.max(total.depth, m.depth);
    total.cost += m.cost;
    total.aliases += m.aliases;
    total.directives += m.directives;
  };
  for (const selection of selectionSet.selections) {
    total.directives += selection.directives?.length ?? 0;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      if (selection.alias) total.aliases += 1;
      const fields = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields() : {};
      const definition: GraphQLField<unknown, unknown> | undefined = fields[selection.name.value];
      if (!definition) {
        total.cost += 1;
        continue;
      }
      const named = getNamedType(definition.type);
      let below: Measure = { depth: 0, cost: 0, aliases: 0, directives: 0 };
      if (selection.selectionSet && isCompositeType(named)) {
        below = measure(context, limits, selection.selectionSet, named, fragments, visiting);
      }
      add({
        depth: below.depth + 1,
        cost: 1 + multiplier(selection, definition.type, parent, limits) * below.cost,
        aliases: below.aliases,
        directives: below.directives,
      });
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const typeName = selection.typeCondition?.name.value;
      const type = typeName ? context.getSchema().getType(typeName) : parent;
      if (type && isCompositeType(type)) add(measure(context, limits, selection.selectionSet, type, fragments, visiting));
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      // A cycle is NoFragmentCycles' to report; here it just ends the walk.
      if (!fragment || visiting.has(name)) continue;
      const type = context.getSchema().getType(fragment.typeCondition.name.value);
      if (!type || !isCompositeType(type)) continue;
      visiting.add(name);
      add(measure(context, limits, fragment.selectionSet, type, fragments, visiting));
      visiting.delete(name);
    }
  }
  return total;
}

/** What each limit measures, as its error names it. */
const MEASURES: Readonly<Record<'maxDepth' | 'maxAliases' | 'maxDirectives' | 'maxCost', Message>> = {
  maxDepth: { zh: '查询深度', en: 'The query depth' },
  maxAliases: { zh: '别名数量', en: 'The number of aliases' },
  maxDirectives: { zh: '指令数量', en: 'The number of directives' },
  maxCost: { zh: '预估成本', en: 'The estimated cost' },
};

function limitError(operation: OperationDefinitionNode, limit: keyof typeof MEASURES, actual: number, maximum: number): GraphQLError {
  const what = MEASURES[limit];
  const text = {
    zh: `${what.zh} ${actual} 超过上限 ${maximum}：请减少一次请求的内容`,
    en: `${what.en} ${actual} exceeds the maximum of ${maximum}: ask for less in one document`,
  };
  return new TranslatedError(text, { nodes: [operation], extensions: { code: LIMIT_CODE, limit, maximum, actual } });
}

/** One validation rule that measures each operation once and reports every limit it exceeds. */
export function documentLimitsRule(limits: DocumentLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const root = context.getSchema().getRootType(operation.operation);
      if (!root) return;
      const fragments = new Map(
        context
          .getDocument()
          .definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
          .map((d) => [d.name.value, d]),
      );
      const m = measure(context, limits, operation.selectionSet, root, fragments, new Set());
      m.directives += operation.directives?.length ?? 0;
      if (m.depth > limits.maxDepth) context.reportError(limitError(operation, 'maxDepth', m.depth, limits.maxDepth));
      if (m.aliases > limits.maxAliases) context.reportError(limitError(operation, 'maxAliases', m.aliases, limits.maxAliases));
      if (m.directives > limits.maxDirectives)
        context.reportError(limitError(operation, 'maxDirectives', m.directives, limits.maxDirectives));
      if (m.cost > limits.maxCost) context.reportError(limitError(operation, 'maxCost', m.cost, limits.maxCost));
    },
  });
}
