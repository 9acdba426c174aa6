import type { EntityClass, EntityData, EntityDictionary, EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
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
  const rows = await queryRows<EntityDictionary<T>>(em, sql, params);
  const meta = em.getMetadata().get<T>(entity.name);
  const driver = em.getDriver();
  const factory = em.getEntityFactory();
  return rows.map((row) => factory.create<T>(entity, driver.mapResult(row, meta) ?? {}, { merge: true, convertCustomTypes: true }));
}

/**
 * Entities from a query builder's rows that no EntityManager manages: no identity map, no snapshot
 * for change tracking, no flush before the query. For a read-only page of some columns: an entity
 * with only those properties must never be what a later lookup of the same row finds, nor be
 * flushed. References (e.g. a project's owner) are made as `em.find` makes them.
 */
export async function detachedResultList<T extends object>(em: EntityManager, qb: QueryBuilder<T>): Promise<T[]> {
  const rows = await qb.execute<EntityData<T>[]>('all', true);
  const factory = em.getEntityFactory();
  return rows.map((row) => factory.create<T>(qb.mainAlias.entityName, row, { merge: false, convertCustomTypes: true }));
}
