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
  const seen = new Set<string>();
  const search = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) found.push(selection);
        else if (deep) search(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        search(selection.selectionSet);
      } else {
        const fragment = info.fragments[selection.name.value];
        if (fragment && !seen.has(fragment.name.value)) {
          seen.add(fragment.name.value);
          search(fragment.selectionSet);
        }
      }
    }
  };
  for (const node of info.fieldNodes) search(node.selectionSet);
  return found;
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
