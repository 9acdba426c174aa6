import type { EntityClass, EntityDictionary, EntityManager } from '@mikro-orm/postgresql';
import { queryRows } from './request-sql';

/**
 * Entities from rows a hand-written statement read, managed by `em` exactly as `em.find` would
 * leave them (the same mapping, hydration and identity map; an entity `em` holds already is
 * returned as it is). For hot lookups whose SQL is fixed: the ORM's query builder costs more CPU
 * than the statement's round trip. The statement (`$1`-style parameters) runs in the request's
 * transaction (see queryRows), so row-level security applies as it does to every other statement.
 */
export async function findManaged<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  sql: string,
  params: readonly unknown[],
): Promise<T[]> {
  return managedFromRows(em, entity, await queryRows<EntityDictionary<T>>(em, sql, params));
}

/** Entities from rows already read (whole rows of the entity's table; other columns are ignored), managed as findManaged leaves them. */
export function managedFromRows<T extends object>(em: EntityManager, entity: EntityClass<T>, rows: readonly EntityDictionary<T>[]): T[] {
  const meta = em.getMetadata().get<T>(entity.name);
  const driver = em.getDriver();
  const factory = em.getEntityFactory();
  return rows.map((row) => factory.create<T>(entity, driver.mapResult(row, meta) ?? {}, { merge: true, convertCustomTypes: true }));
}
