import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import { detachedResultList } from '../db/managed-rows';
import { isUuid } from '../db/uuid';
import { selectedFieldNames, selectsField } from '../graphql/selection';
import { checkedPageSize, decodeCursor, encodeCursor, foreignCursor, type Page } from './connection';

/** Items on a page when the client does not say (`first` omitted). */
const DEFAULT_PAGE_SIZE = 20;

/** The page size of a request: `first`, or the default; BAD_USER_INPUT outside 1 to `max`. */
export const pageSizeOf = (first: number | undefined, max: number): number => checkedPageSize(first ?? DEFAULT_PAGE_SIZE, max);

/**
 * A page from the rows of a query that asked for one more than `first`: the extra row only says
 * that more follow. `totalCount` runs only when the client selects it, a count over a whole subtree
 * is not free.
 */
export function pageOf<T>(
  rows: T[],
  first: number,
  after: string | undefined,
  cursorOf: (node: T) => string,
  count: () => Promise<number>,
): Page<T> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    get totalCount() {
      return count();
    },
  };
}

/** One order of a list: a keyset on (key, id), so pages stay consistent while rows are added. */
export interface KeysetOrder<T> {
  /** Written into the cursor: a cursor of another list or another order is refused. */
  name: string;
  /** SQL of the sort key, and its cast for the comparison with a cursor's key. */
  column: string;
  cast: string;
  /** The entity's property of the sort key, for ORDER BY. */
  property: string;
  direction: 'asc' | 'desc';
  keyOf(node: T): string;
  /** A cursor's key must cast cleanly, or a forged cursor would be a database error. */
  isKey(key: string): boolean;
}

/** A timestamptz key as `toISOString` writes it. */
export const isTimestampKey = (key: string): boolean => /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(key) && !Number.isNaN(Date.parse(key));

export interface KeysetArgs {
  /** Checked already (pageSizeOf), before anything else of the request can fail. */
  first: number;
  after: string | undefined;
  /**
   * Whether the client selected the page itself (`edges`, `nodes` or `pageInfo`); absent: it did.
   * A connection asked only for its `totalCount` runs the count alone.
   */
  needsRows?: boolean;
  /**
   * When the client reads only some columns of each row: those (SQL names, without the alias), read
   * into entities `em` does not manage (detachedResultList). Absent: whole managed entities.
   */
  columns?: { em: EntityManager; names: readonly string[] };
}

/** Whether a connection field's selection needs its page's rows (not just `totalCount` or `__typename`). */
export const selectsPage = (info: GraphQLResolveInfo): boolean =>
  selectsField(info, 'edges') || selectsField(info, 'nodes') || selectsField(info, 'pageInfo');

/** The fields a connection's client reads of each node, through `nodes` and `edges { node }`. */
export const selectedNodeFields = (info: GraphQLResolveInfo): Set<string> =>
  new Set([...selectedFieldNames(info, ['nodes']), ...selectedFieldNames(info, ['edges', 'node'])]);

/**
 * A page of an entity's rows in a keyset order: one statement for the page, one more for
 * `totalCount` only when the client asks for it. `qb` holds the list's filter; `alias` is its root.
 */
export async function keysetPage<T extends { id: string }>(
  qb: QueryBuilder<T>,
  alias: string,
  order: KeysetOrder<T>,
  { first, after, needsRows = true, columns }: KeysetArgs,
): Promise<Page<T>> {
  const countQb = qb.clone();
  if (after) {
    const [name, key, id] = decodeCursor(after) ?? [];
    if (name !== order.name || typeof key !== 'string' || typeof id !== 'string' || !isUuid(id) || !order.isKey(key)) {
      throw foreignCursor();
    }
    const op = order.direction === 'asc' ? '>' : '<';
    qb.andWhere(`(${order.column}, ${alias}.id) ${op} (?::${order.cast}, ?::uuid)`, [key, id]);
  }
  // A cursor is checked either way: a foreign one is refused whatever the client selected.
  if (!needsRows)
    return pageOf<T>(
      [],
      first,
      after,
      () => '',
      () => countQb.getCount(),
    );
  qb.orderBy({ [order.property]: order.direction, id: order.direction }).limit(first + 1);
  const rows = columns
    ? await detachedResultList(
        columns.em,
        qb.select([...new Set([`${alias}.id`, order.column, ...columns.names.map((c) => `${alias}.${c}`)])]),
      )
    : await qb.select(`${alias}.*`).getResultList();
  return pageOf(
    rows,
    first,
    after,
    (node) => encodeCursor([order.name, order.keyOf(node), node.id]),
    () => countQb.getCount(),
  );
}
