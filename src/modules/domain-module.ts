import type { EntityClass } from '@mikro-orm/core';
import type { HousekeepingJob } from '../housekeeping/housekeeping-job';

/** A type-graphql resolver class (its constructor takes nothing: type-graphql builds it). */
export type ResolverClass = new () => object;

/**
 * What a domain module brings to the house, declared once in its folder (`<module>/<module>.module.ts`)
 * and listed in registry.ts: the schema, the ORM and the checks take it from there. Its DataLoaders
 * are listed in loaders.ts (services build them afresh for a unit of work, and importing this
 * descriptor would bring in every resolver).
 */
export interface DomainModule {
  /** The module's folder under src/modules. */
  readonly name: string;
  /** Its persisted entities: mapped by the ORM, checked against the migrations. */
  readonly entities: readonly EntityClass<object>[];
  /** Its GraphQL resolvers, including the fields it adds to other modules' types (`Project`, `Rollup`). */
  readonly resolvers: readonly ResolverClass[];
  /**
   * Its tables whose changes the audit trail records (a migration attaches the audit triggers);
   * tests/modules/module-descriptors.test.ts checks that the database agrees.
   */
  readonly auditedTables: readonly string[];
  /** Its scheduled housekeeping (run by the kernel's timer, src/housekeeping/, after the kernel's own). */
  readonly jobs?: readonly HousekeepingJob[];
}
