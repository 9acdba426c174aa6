import type { Context } from '../../context';
import { checkedPageSize, decodeCursor, encodeCursor, foreignCursor, type Page } from '../../pagination/connection';
import { DEFAULT_PAGE_SIZE } from '../project/project-list';
import { TenantService } from '../tenant/tenant.service';
import type { LeadStage } from './attraction.enums';
import { InvestmentLead } from './investment-lead.entity';

export interface LeadPageArgs {
  tenantCode: string;
  stages: LeadStage[] | undefined;
  search: string | undefined;
  first: number | undefined;
  after: string | undefined;
}

/**
 * A subtree's leads, newest first, a keyset page at a time (created_at, id): pages stay consistent
 * while leads are added. One statement for the page, one more for `totalCount` when selected.
 */
export async function listLeads(ctx: Context, args: LeadPageArgs): Promise<Page<InvestmentLead>> {
  const max = ctx.config.graphql.maxPageSize;
  const first = checkedPageSize(args.first ?? DEFAULT_PAGE_SIZE, max);
  const root = await new TenantService(ctx).get(args.tenantCode);
  const qb = ctx.em.createQueryBuilder(InvestmentLead, 'l');
  // The tenant's subtree, within the viewer's reach (also enforced by row-level security).
  qb.where('l.owner_tenant_code in (select t.code from tenant t where t.path <@ ?::ltree and t.path <@ ?::ltree)', [
    root.path,
    ctx.access.readRoot ?? null,
  ]);
  if (args.stages?.length) qb.andWhere({ stage: { $in: args.stages } });
  const search = args.search?.trim();
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    qb.andWhere('(l.name ilike ? or l.investor_name ilike ?)', [pattern, pattern]);
  }
  const countQb = qb.clone();
  if (args.after) {
    const [order, key, id] = decodeCursor(args.after) ?? [];
    if (order !== 'lead' || typeof key !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(key))) {
      throw foreignCursor();
    }
    qb.andWhere('(l.created_at, l.id) < (?::timestamptz, ?::uuid)', [key, id]);
  }
  const rows = await qb.select('l.*').orderBy({ createdAt: 'desc', id: 'desc' }).limit(first + 1).getResultList();
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(['lead', node.createdAt.toISOString(), node.id]), node }));
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
