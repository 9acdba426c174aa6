import { ReferenceKind, type EntityClass, type EntityDictionary, type EntityManager } from '@mikro-orm/postgresql';
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

const columnsByEntity = new Map<string, readonly string[]>();

/**
 * The columns of an entity's table that its properties map (its scalars and the keys of the
 * references it holds): what managedFromRows needs of a whole row, for a statement that names them
 * rather than reading `*`. A statement reading `*` is sent unprepared (see preparedName) and
 * planned on every request (the red projects' page: 8.5 ms of planning).
 */
export function columnsOf(em: EntityManager, entity: EntityClass<object>): readonly string[] {
  let columns = columnsByEntity.get(entity.name);
  if (!columns) {
    const mapped = em
      .getMetadata()
      .get(entity.name)
      .props.filter(
        (prop) =>
          prop.persist !== false &&
          !prop.formula &&
          (prop.kind === ReferenceKind.SCALAR ||
            prop.kind === ReferenceKind.MANY_TO_ONE ||
            (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)),
      );
    columnsByEntity.set(entity.name, (columns = mapped.flatMap((prop) => prop.fieldNames)));
  }
  return columns;
}
