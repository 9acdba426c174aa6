import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

type FieldResolverMetadata = ReturnType<typeof getMetadataStorage>['fieldResolvers'][number];
type ParamMetadata = NonNullable<FieldResolverMetadata['params']>[number];

/** A class, as `instanceof` tests against it. */
type Class = abstract new (...args: never[]) => unknown;

/** What a directly called resolver hands the method for one of its parameters. */
type Given = (root: unknown, context: unknown, info: unknown) => unknown;

/** The value of a parameter that needs neither the arguments nor a conversion, or undefined when type-graphql must give it. */
function givenFor(param: ParamMetadata): Given | undefined {
  if (param.kind === 'info') return (_root, _context, info) => info;
  if (param.kind === 'context' && param.propertyName === undefined) return (_root, context) => context;
  if (param.kind === 'root' && param.propertyName === undefined) return (root) => root;
  return undefined;
}

/**
 * The class a `@Root()` parameter is declared as, when type-graphql would convert a parent that is
 * not one (convertToType): such a parent still goes through type-graphql.
 */
function rootClassOf(params: readonly ParamMetadata[]): Class | undefined {
  const root = params.find((p) => p.kind === 'root');
  const declared = root && 'getType' in root ? root.getType?.() : undefined;
  return typeof declared === 'function' && declared.prototype ? (declared as Class) : undefined;
}

/**
 * Field resolvers that take only the parent (`@Root()`), the context (`@Ctx()`) or the info, with
 * no middleware, no roles and no arguments, are called directly instead of through type-graphql's
 * handler. For each call the handler looks its resolver's instance up in a list of every resolver
 * class, sorts the parameters, builds their values and runs the (empty) middleware chain: a page of
 * twenty projects with their owners paid that twenty times (a profile of bench:api: 2–3% of the page).
 * The resolver classes hold no state, so the instance made here behaves as type-graphql's own.
 * A parent that is not an instance of the declared class goes through type-graphql (it converts it).
 */
export function callFieldResolversDirectly(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  type Instance = Record<string, (...args: unknown[]) => unknown>;
  const instances = new Map<object, Instance>();
  for (const resolver of storage.fieldResolvers) {
    // `external`: a `@FieldResolver` of a resolver class. An `internal` one is a getter or method of
    // the object type itself, read from the parent.
    if (resolver.kind !== 'external' || resolver.middlewares?.length || resolver.roles?.length) continue;
    const params = [...(resolver.params ?? [])].sort((a, b) => a.index - b.index);
    const given = params.map(givenFor);
    if (given.some((g) => g === undefined)) continue;
    const objectClass = resolver.getObjectType?.();
    const typeName = storage.objectTypes.find((t) => t.target === objectClass)?.name;
    const type = typeName === undefined ? undefined : schema.getType(typeName);
    if (!isObjectType(type)) continue;
    const field = type.getFields()[resolver.schemaName];
    if (!field?.resolve || field.args.length > 0) continue;

    // Read from the prototype, so that nothing (a getter) runs here.
    const method = Object.getOwnPropertyDescriptor(resolver.target.prototype, resolver.methodName)?.value as unknown;
    if (typeof method !== 'function') continue;
    const target = instances.get(resolver.target) ?? new (resolver.target as new () => Instance)();
    instances.set(resolver.target, target);
    const values = given as Given[];
    const rootClass = rootClassOf(params);
    const throughTypeGraphql: GraphQLFieldResolver<unknown, unknown> = field.resolve;
    field.resolve = (root, args, context, info) => {
      if (rootClass && !(root instanceof rootClass)) return throughTypeGraphql(root, args, context, info);
      return method.apply(
        target,
        values.map((value) => value(root, context, info)),
      );
    };
  }
}
