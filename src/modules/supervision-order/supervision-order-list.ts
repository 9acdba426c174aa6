import type { QueryBuilder } from '@mikro-orm/postgresql';
import { chinaDate, isLocalDate } from '../../calendar/period';
import type { Context } from '../../context';
import { isUuid } from '../../db/uuid';
import type { Page } from '../../pagination/connection';
import { keysetPage, pageSizeOf, type KeysetOrder } from '../../pagination/keyset';
import { TenantService } from '../tenant/tenant.service';
import { SupervisionOrder } from './supervision-order.entity';
import type { SupervisionOrderFilter } from './supervision-order.inputs';

/** Most urgent first, keyset on (deadline, id) as the blocker ledger: pages hold while orders are issued. */
const DEADLINE_ASC: KeysetOrder<SupervisionOrder> = {
  name: 'SUPERVISION_ORDER_DEADLINE_ASC',
  column: 'o.deadline_on',
  property: 'deadlineOn',
  cast: 'date',
  direction: 'asc',
  keyOf: (o) => o.deadlineOn,
  isKey: isLocalDate,
};

export interface OrderPageArgs {
  filter: SupervisionOrderFilter | undefined;
  first: number | undefined;
  after: string | undefined;
  /** False when the client asked only for `totalCount` (see selectsPage): the page query is skipped. */
  needsRows?: boolean;
}

const IN_READ_ROOT = (column: string) => `${column} in (select t.code from tenant t where t.path <@ ?::ltree)`;

async function applyFilter(ctx: Context, qb: QueryBuilder<SupervisionOrder>, filter: SupervisionOrderFilter | undefined): Promise<void> {
  // The viewer's reach, as SupervisionOrderService.get and row-level security decide it: what the
  // order concerns (its project, else its tenant's subtree), or its addressee in the viewer's subtree.
  const root = ctx.access.readRoot ?? null;
  qb.where(
    `(o.project_id is not null and o.project_id in (select p.id from project p
        where ${IN_READ_ROOT('p.owner_tenant_code')} or ${IN_READ_ROOT('p.location_tenant_code')}
           or p.id in (select a.project_id from project_assignment a where a.subject = ? and a.ended_at is null)))
     or (o.project_id is null and ${IN_READ_ROOT('o.owner_tenant_code')})
     or ${IN_READ_ROOT('o.addressee_tenant_code')}`,
    [root, root, ctx.viewer.subject, root, root],
  );
  if (!filter) return;
  if (filter.statuses?.length) qb.andWhere({ status: { $in: filter.statuses } });
  if (filter.isOverdue !== undefined && filter.isOverdue !== null) {
    const overdue = `(o.status <> 'CLOSED' and o.deadline_on < ?::date)`;
    qb.andWhere(filter.isOverdue ? overdue : `not ${overdue}`, [chinaDate()]);
  }
  if (filter.addresseeTenantCode) qb.andWhere('o.addressee_tenant_code = ?', [filter.addresseeTenantCode]);
  if (filter.addressedToMe !== undefined && filter.addressedToMe !== null) {
    const mine = ctx.access.tenant?.code ?? null;
    qb.andWhere(filter.addressedToMe ? 'o.addressee_tenant_code = ?' : 'o.addressee_tenant_code is distinct from ?', [mine]);
  }
  if (filter.escalatedToMe !== undefined && filter.escalatedToMe !== null) {
    const mine = ctx.access.tenant?.code ?? null;
    qb.andWhere(filter.escalatedToMe ? 'o.escalated_to_code = ?' : 'o.escalated_to_code is distinct from ?', [mine]);
  }
  if (filter.awaitingMe !== undefined && filter.awaitingMe !== null) {
    const awaiting = awaitingViewer(ctx);
    qb.andWhere(filter.awaitingMe ? awaiting.sql : `not (${awaiting.sql})`, awaiting.params);
  }
  if (filter.projectId) {
    // A malformed id matches nothing, as an unknown one does.
    if (isUuid(filter.projectId)) qb.andWhere('o.project_id = ?', [filter.projectId]);
    else qb.andWhere('false');
  }
  if (filter.tenantCode) {
    const tenant = await new TenantService(ctx).get(filter.tenantCode);
    qb.andWhere(`o.owner_tenant_code in (select t.code from tenant t where t.path <@ ?::ltree)`, [tenant.path]);
  }
}

/**
 * The orders whose next step is the viewer's, by the rules SupervisionOrderService applies to each step
 * (getToAnswer, getToDecide), so the to-do list (待办) offers nothing the step would refuse. A
 * FEEDBACK_GIVEN order may take more feedback, but it waits on the issuer, not on the addressee.
 */
function awaitingViewer(ctx: Context): { sql: string; params: unknown[] } {
  const { access, viewer } = ctx;
  const own = access.tenant;
  // The role half of each rule does not depend on the order: decided here, the SQL keeps the tenant half.
  const answersForOwnTenant = own !== undefined && access.managesProjectsAt(own.path);
  const decidesForOwnTenant = own !== undefined && access.issuesOrdersAt(own.path);
  const sql = `(o.status in ('ISSUED', 'ACKNOWLEDGED', 'SENT_BACK') and (
        (?::boolean and o.addressee_tenant_code = ?)
        or o.project_id in (select a.project_id from project_assignment a where a.subject = ? and a.ended_at is null)))
     or (o.status = 'FEEDBACK_GIVEN' and (o.issued_by_subject = ? or (?::boolean and o.issued_by_tenant_code = ?)))`;
  const code = own?.code ?? null;
  return { sql, params: [answersForOwnTenant, code, viewer.subject, viewer.subject, decidesForOwnTenant, code] };
}

/** A page of supervision orders: one statement for the page when asked for, one for `totalCount` when asked for. */
export async function listSupervisionOrders(ctx: Context, args: OrderPageArgs): Promise<Page<SupervisionOrder>> {
  const first = pageSizeOf(args.first, ctx.config.graphql.maxPageSize);
  const qb = ctx.em.createQueryBuilder(SupervisionOrder, 'o');
  await applyFilter(ctx, qb, args.filter);
  return keysetPage(qb, 'o', DEADLINE_ASC, { first, after: args.after, needsRows: args.needsRows });
}
