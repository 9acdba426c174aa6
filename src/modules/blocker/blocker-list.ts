import type { QueryBuilder } from '@mikro-orm/postgresql';
import { chinaDate, isLocalDate } from '../../calendar/period';
import type { Context } from '../../context';
import { isUuid } from '../../db/uuid';
import type { Page } from '../../pagination/connection';
import { isTimestampKey, keysetPage, pageSizeOf, type KeysetOrder } from '../../pagination/keyset';
import { TenantService } from '../tenant/tenant.service';
import { Blocker } from './blocker.entity';
import { BlockerOrder, type BlockerFilter } from './blocker.inputs';

/** Keysets on (key, id), as the project list: pages stay consistent while blockers are raised. */
const ORDERS: Record<BlockerOrder, KeysetOrder<Blocker>> = {
  [BlockerOrder.DEADLINE_ASC]: {
    name: BlockerOrder.DEADLINE_ASC,
    column: 'b.deadline_on',
    property: 'deadlineOn',
    cast: 'date',
    direction: 'asc',
    keyOf: (b) => b.deadlineOn,
    isKey: isLocalDate,
  },
  [BlockerOrder.RAISED_AT_DESC]: {
    name: BlockerOrder.RAISED_AT_DESC,
    column: 'b.raised_at',
    property: 'raisedAt',
    cast: 'timestamptz',
    direction: 'desc',
    keyOf: (b) => b.raisedAt.toISOString(),
    isKey: isTimestampKey,
  },
};

export interface BlockerPageArgs {
  filter: BlockerFilter | undefined;
  first: number | undefined;
  after: string | undefined;
  orderBy: BlockerOrder;
  /** False when the client asked only for `totalCount` (see selectsPage): the page query is skipped. */
  needsRows?: boolean;
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
    qb.andWhere('b.project_id in (select p.id from project p join tenant t on t.code = p.owner_tenant_code where t.path <@ ?::ltree)', [
      root.path,
    ]);
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

/** A page of the blocker ledger: one statement for the page when asked for, one for `totalCount` when asked for. */
export async function listBlockers(ctx: Context, args: BlockerPageArgs): Promise<Page<Blocker>> {
  const first = pageSizeOf(args.first, ctx.config.graphql.maxPageSize);
  const qb = ctx.em.createQueryBuilder(Blocker, 'b');
  await applyFilter(ctx, qb, args.filter);
  return keysetPage(qb, 'b', ORDERS[args.orderBy], { first, after: args.after, needsRows: args.needsRows });
}
