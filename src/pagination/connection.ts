import type { ClassType } from 'type-graphql';
import { Field, Int, ObjectType } from 'type-graphql';
import { badUserInput, type AppError } from '../errors/app-error';

@ObjectType({ description: 'Where a page sits in a list (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'True when more items follow this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'True when this page was requested with `after`, i.e. items precede it.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item on this page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  /**
   * A getter, so the count runs only when a client selects it: a count over a whole subtree is
   * not free.
   */
  readonly totalCount: Promise<number>;
}

/**
 * A Relay-style connection type for `Node`. `nodes` is offered beside `edges` because most
 * integrators want the items and one cursor, not a cursor per item.
 */
export function connectionType<T extends object>(Node: ClassType<T>, name: string, description: string) {
  @ObjectType(`${name}Edge`, { description: `An item of a ${name} with its cursor.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this item.' })
    cursor!: string;

    @Field(() => Node, { description: 'The item.' })
    node!: T;
  }

  @ObjectType(name, { description })
  class Connection implements Page<T> {
    @Field(() => [Edge], { description: 'The items of this page with their cursors, in order.' })
    edges!: Edge[];

    @Field(() => [Node], { description: 'The items of this page, in order (the same as `edges.node`).' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Where this page sits in the list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items matching the filter, across all pages.' })
    totalCount!: Promise<number>;
  }
  return Connection;
}

/** Cursors are opaque to clients; inside they carry the sort key of the item. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string): unknown[] | undefined {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(values) ? values : undefined;
  } catch {
    return undefined;
  }
}

/** The page size asked for; BAD_USER_INPUT on `first` unless it is from 1 to `max` (GRAPHQL_MAX_PAGE_SIZE). */
export function checkedPageSize(first: number, max: number): number {
  if (Number.isInteger(first) && first >= 1 && first <= max) return first;
  throw badUserInput('first', { zh: `first 须为 1 至 ${max} 之间的整数`, en: `first must be from 1 to ${max}` });
}

/** BAD_USER_INPUT on `after`: a cursor this list did not hand out (another list's, another order's, or made up). */
export const foreignCursor = (): AppError =>
  badUserInput('after', {
    zh: 'after 不是此列表按此顺序给出的游标：请传入上一页的 endCursor',
    en: 'after is not a cursor of this list in this order',
  });
