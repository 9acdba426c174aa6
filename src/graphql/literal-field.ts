import { BREAK, GraphQLError, Kind, parse, visit, type ASTNode, type DocumentNode, type ValueNode } from 'graphql';

const contains = (node: ASTNode, position: number): boolean =>
  node.loc !== undefined && node.loc.start <= position && position < node.loc.end;

/** The path below an argument to the value at `position`: `input.annualPlans.0.year`. */
function pathIn(value: ValueNode, position: number, path: string): string {
  if (value.kind === Kind.OBJECT) {
    const field = value.fields.find((f) => contains(f, position));
    return field ? pathIn(field.value, position, `${path}.${field.name.value}`) : path;
  }
  if (value.kind === Kind.LIST) {
    const index = value.values.findIndex((v) => contains(v, position));
    return index >= 0 ? pathIn(value.values[index]!, position, `${path}.${index}`) : path;
  }
  return path;
}

/**
 * The argument an error of the document points into, named as the services name input fields
 * (`input.dueOn`, `input.annualPlans.0.year`): graphql-js reports a bad value written inline with
 * its location only, and clients branch on `extensions.field`. Undefined when the error points
 * at no argument (an unknown field, a limit). The document is parsed again only for such an error.
 */
export function literalFieldOf(error: GraphQLError): string | undefined {
  const position = error.positions?.[0];
  if (!error.source || position === undefined) return undefined;
  let document: DocumentNode;
  try {
    document = parse(error.source);
  } catch {
    return undefined;
  }
  let field: string | undefined;
  visit(document, {
    Argument(node) {
      if (!contains(node, position)) return undefined;
      field = pathIn(node.value, position, node.name.value);
      return BREAK;
    },
  });
  return field;
}
