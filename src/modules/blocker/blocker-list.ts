import type { QueryBuilder } from '@mikro-orm/postgresql';
import { chinaDate, isLocalDate } from '../../calendar/period';
import type { Context } from '../../context';
import { isUuid } from '../../db/uuid';
import { checkedPageSize, decodeCursor, encodeCursor, foreignCursor, type Page } from '../../pagination/connection';
import { TenantService } from '../tenant/tenant.service';
import { Blocker } from './blocker.entity';
import { BlockerOrder, type BlockerFilter } from './blocker.inputs';

export const DEFAULT_PAGE_SIZE = 20;

interface OrderSpec {
  column: string;
  property: 'deadlineOn' | 'raisedAt';
  cast: string;
  direction: 'asc' | 'desc';
  keyOf(blocker: Blocker): string;
  /** A cursor's key must cast cleanly, or a forged cursor would be a database error. */
  isKey(key: string): boolean;
}

/** Keysets on (key, id), as the project list: pages stay consistent while blockers are raised. */
const ORDERS: Record<BlockerOrder, OrderSpec> = {
  [BlockerOrder.DEADLINE_ASC]: { column: 'b.deadline_on', property: 'deadlineOn', cast: 'date', direction: 'asc', keyOf: (b) => b.deadlineOn, isKey: isLocalDate },
  [BlockerOrder.RAISED_AT_DESC]: {
    column: 'b.raised_at',
    property: 'raisedAt',
    cast: 'timestamptz',
    direction: 'desc',
    keyOf: (b) => b.raisedAt.toISOString(),
    isKey: (key) => /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(key) && !Number.isNaN(Date.parse(key)),
  },
};

export interface BlockerPageArgs {
  filter: BlockerFilter | undefined;
  first: number | undefined;
  after: string | undefined;
  orderBy: BlockerOrder;
}

const OPEN = `b.status in ('OPEN', 'IN_PROGRESS')`;

async function applyFilter(ctx: Context, qb: QueryBuilder<Blocker>, filter: BlockerFilter | undefined): Promise<void> {
  // The viewer's reach (projects of their subtree and those assigned to them), as row-level security enforces it too.
  qb.where(
    `b.project_id in (select p.id from project p
       where p.owner_tenant_code in (select t.code from tenant t where t.path <@ ?::ltree)
          or p.id in (select a.project_id from project_assignment a where a.subject = ? and a.ended_at is null))`,
    [ctx.access.readRoot ?? null, ctx.viewer.subject],
  );
  if (!filter) return;
  if (filter.tenantCode) {
    const root = await new TenantService(ctx).get(filter.tenantCode);
    qb.andWhere(
      'b.project_id in (select p.id from project p join tenant t on t.code = p.owner_tenant_code where t.path <@ ?::ltree)',
      [root.path],
    );
  }
  if (filter.projectId) {
    // A malformed id matches nothing, as an unknown one does.
    if (isUuid(filter.projectId)) qb.andWhere('b.project_id = ?', [filter.projectId]);
    else qb.andWhere('false');
  }
  if (filter.escalatedToMe !== undefined && filter.escalatedToMe !== null) {
    const mine = ctx.access.tenant?.code ?? null;
    qb.andWhere(filter.escalatedToMe ? 'b.escalated_to_code = ?' : 'b.escalated_to_code is distinct from ?', [mine]);
  }
  if (filter.escalatedToCode) qb.andWhere('b.escalated_to_code = ?', [filter.escalatedToCode]);
  if (filter.isEscalated !== undefined && filter.isEscalated !== null) {
    qb.andWhere(filter.isEscalated ? 'b.escalated_to_code is not null' : 'b.escalated_to_code is null');
  }
  if (filter.statuses?.length) qb.andWhere({ status: { $in: filter.statuses } });
  if (filter.isOpen !== undefined && filter.isOpen !== null) qb.andWhere(filter.isOpen ? OPEN : `not ${OPEN}`);
  if (filter.types?.length) qb.andWhere({ type: { $in: filter.types } });
  if (filter.isOverdue !== undefined && filter.isOverdue !== null) {
    const overdue = `(${OPEN} and b.deadline_on < ?::date)`;
    qb.andWhere(filter.isOverdue ? overdue : `not ${overdue}`, [chinaDate()]);
  }
}

/** A page of the blocker ledger: one statement, one more for `totalCount` only when asked for. */
export async function listBlockers(ctx: Context, args: BlockerPageArgs): Promise<Page<Blocker>> {
  const first = checkedPageSize(args.first ?? DEFAULT_PAGE_SIZE, ctx.config.graphql.maxPageSize);
  const order = ORDERS[args.orderBy];
  const qb = ctx.em.createQueryBuilder(Blocker, 'b');
  await applyFilter(ctx, qb, args.filter);
  const countQb = qb.clone();
  if (args.after) {
    const [orderName, key, id] = decodeCursor(args.after) ?? [];
    if (orderName !== args.orderBy || typeof key !== 'string' || typeof id !== 'string' || !isUuid(id) || !order.isKey(key)) {
      throw foreignCursor();
    }
    const op = order.direction === 'asc' ? '>' : '<';
    qb.andWhere(`(${order.column}, b.id) ${op} (?::${order.cast}, ?::uuid)`, [key, id]);
  }
  const rows = await qb
    .select('b.*')
    .orderBy({ [order.property]: order.direction, id: order.direction })
    .limit(first + 1)
    .getResultList();
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor([args.orderBy, order.keyOf(node), node.id]), node }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    get totalCount() {
      return countQb.getCount();
    },
  };
}
