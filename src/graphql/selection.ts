import {
  getArgumentValues,
  getNamedType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

/**
 * Reading ahead: what the field being resolved selects beneath it, so that one statement can fetch
 * what a later resolver would ask for. Looks through fragments; `@skip`/`@include` are not
 * evaluated, so a read-ahead may fetch something unused but never decides what is returned.
 */
function selectionsNamed(info: GraphQLResolveInfo, name: string, deep = false): FieldNode[] {
  const found: FieldNode[] = [];
  let sets: (SelectionSetNode | undefined)[] = info.fieldNodes.map((node) => node.selectionSet);
  while (sets.length > 0) {
    const fields = fieldsIn(info, sets);
    found.push(...fields.filter((field) => field.name.value === name));
    sets = deep ? fields.filter((field) => field.name.value !== name && field.selectionSet).map((field) => field.selectionSet) : [];
  }
  return found;
}

/** The fields directly in some selection sets, looking through fragments. */
function fieldsIn(info: GraphQLResolveInfo, sets: readonly (SelectionSetNode | undefined)[]): FieldNode[] {
  const found: FieldNode[] = [];
  const seen = new Set<string>();
  const search = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) found.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) search(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        search(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  sets.forEach(search);
  return found;
}

/**
 * The names of the fields selected at a path beneath the field being resolved: `['nodes']` gives
 * what a connection's clients read of each node (`['edges', 'node']` the same through edges).
 */
export function selectedFieldNames(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  let sets: (SelectionSetNode | undefined)[] = info.fieldNodes.map((node) => node.selectionSet);
  for (const name of path) {
    sets = fieldsIn(info, sets)
      .filter((field) => field.name.value === name)
      .map((field) => field.selectionSet);
  }
  return new Set(fieldsIn(info, sets).map((field) => field.name.value));
}

/** Whether the field being resolved selects a sub-field by name. */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return selectionsNamed(info, name).length > 0;
}

/** Whether a field of that name is selected anywhere beneath the field being resolved (its children's children too). */
export function selectsFieldBeneath(info: GraphQLResolveInfo, name: string): boolean {
  return selectionsNamed(info, name, true).length > 0;
}

/**
 * The arguments of every selection of a sub-field (aliases give several), parsed by their types as
 * the sub-field's resolver will get them; undefined where they are invalid (that resolver reports it).
 */
export function selectedArguments(info: GraphQLResolveInfo, name: string): (Record<string, unknown> | undefined)[] {
  const type = getNamedType(info.returnType);
  const field = isObjectType(type) ? type.getFields()[name] : undefined;
  if (!field) return [];
  return selectionsNamed(info, name).map((node) => {
    try {
      return getArgumentValues(field, node, info.variableValues);
    } catch {
      return undefined;
    }
  });
}
