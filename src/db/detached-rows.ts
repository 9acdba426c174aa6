/**
 * An instance of an entity class that no EntityManager manages, its properties those of `values`:
 * for what a read only shows (a page's nodes read in part, a tenant named in an answer). Nothing
 * flushes it, and a later lookup of the same row never finds this copy.
 *
 * Why an instance and not the plain object: type-graphql hands a field resolver its parent
 * converted to the resolver's class, and converts anything that is not an instance already by
 * `new Project()` and copying every property in, which on an entity runs MikroORM's property
 * setters (its change tracking) for each one, for every field resolver of every node: a tenth of
 * a page's CPU (bench:api, Linux perf). The prototype is set, not the constructor run, so
 * MikroORM's setters are never called and the getters a class defines (`Tenant.isActive`) work.
 */
export function detachedInstance<T extends object>(type: abstract new (...args: never[]) => T, values: Record<string, unknown>): T {
  return Object.setPrototypeOf(values, type.prototype) as T;
}
