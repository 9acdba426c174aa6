import type { QueryBuilder } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
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
  // Made when read: a client that asks for `nodes` writes no cursor, one that asks for `pageInfo` two.
  let edges: { cursor: string; node: T }[] | undefined;
  const cursorAt = (index: number) => (nodes[index] === undefined ? null : cursorOf(nodes[index]!));
  return {
    get edges() {
      return (edges ??= nodes.map((node) => ({ cursor: cursorOf(node), node })));
    },
    nodes,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: Boolean(after),
      get startCursor() {
        return cursorAt(0);
      },
      get endCursor() {
        return cursorAt(nodes.length - 1);
      },
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

const TIMESTAMP_KEY = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * A timestamptz key as `toISOString` writes it, or with microseconds and an offset
 * (timestampKeyOf). Every field is checked against the calendar: a forged key PostgreSQL would
 * refuse to cast (30 February, hour 24) must be refused here as a foreign cursor, not reach the
 * database as an error.
 */
export function isTimestampKey(key: string): boolean {
  const match = TIMESTAMP_KEY.exec(key);
  if (!match) return false;
  const [year, month, day, hour, minute, second, offsetHours = 0, offsetMinutes = 0] = match.slice(1).map((v) => Number(v ?? 0));
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  return (
    year! >= 1 &&
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    hour! <= 23 &&
    minute! <= 59 &&
    second! <= 59 &&
    offsetHours <= 15 &&
    offsetMinutes <= 59
  );
}

/**
 * The key of a timestamptz read as PostgreSQL's text (`2026-12-03 10:00:00.123456+08`), to the
 * microsecond: a key cut to milliseconds (a JS Date's) would skip, on the next page, the rows
 * stored within the same millisecond after it.
 */
export const timestampKeyOf = (text: string): string => text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');

export interface KeysetArgs {
  /** Checked already (pageSizeOf), before anything else of the request can fail. */
  first: number;
  after: string | undefined;
  /**
   * Whether the client selected the page itself (`edges`, `nodes` or `pageInfo`); absent: it did.
   * A connection asked only for its `totalCount` runs the count alone.
   */
  needsRows?: boolean;
}

/** Whether a connection field's selection needs its page's rows (not just `totalCount` or `__typename`). */
export const selectsPage = (info: GraphQLResolveInfo): boolean =>
  selectsField(info, 'edges') || selectsField(info, 'nodes') || selectsField(info, 'pageInfo');

/** The fields a connection's client reads of each node, through `nodes` and `edges { node }`. */
export const selectedNodeFields = (info: GraphQLResolveInfo): Set<string> =>
  new Set([...selectedFieldNames(info, ['nodes']), ...selectedFieldNames(info, ['edges', 'node'])]);

/**
 * What a connection's client selected, for a list that reads only that: its page's rows
 * (selectsPage), its `totalCount`, and the fields of each node.
 */
export const connectionSelection = (info: GraphQLResolveInfo) => ({
  needsRows: selectsPage(info),
  needsCount: selectsField(info, 'totalCount'),
  nodeFields: selectedNodeFields(info),
});

/**
 * A page of an entity's rows in a keyset order: one statement for the page, one more for
 * `totalCount` only when the client asks for it. `qb` holds the list's filter; `alias` is its root.
 */
export async function keysetPage<T extends { id: string }>(
  qb: QueryBuilder<T>,
  alias: string,
  order: KeysetOrder<T>,
  { first, after, needsRows = true }: KeysetArgs,
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
  const rows = await qb.select(`${alias}.*`).getResultList();
  return pageOf(
    rows,
    first,
    after,
    (node) => encodeCursor([order.name, order.keyOf(node), node.id]),
    () => countQb.getCount(),
  );
}
