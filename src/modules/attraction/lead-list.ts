import type { Context } from '../../context';
import { containsPattern } from '../../db/like-pattern';
import type { Page } from '../../pagination/connection';
import { isTimestampKey, keysetPage, pageSizeOf, type KeysetOrder } from '../../pagination/keyset';
import { TenantService } from '../tenant/tenant.service';
import type { LeadStage } from './attraction.enums';
import { InvestmentLead } from './investment-lead.entity';

export interface LeadPageArgs {
  tenantCode: string;
  stages: LeadStage[] | undefined;
  search: string | undefined;
  first: number | undefined;
  after: string | undefined;
  /** False when the client asked only for `totalCount` (see selectsPage): the page query is skipped. */
  needsRows?: boolean;
}

/** Newest first: the one order of the lead list. */
const NEWEST_FIRST: KeysetOrder<InvestmentLead> = {
  name: 'lead',
  column: 'l.created_at',
  property: 'createdAt',
  cast: 'timestamptz',
  direction: 'desc',
  keyOf: (lead) => lead.createdAt.toISOString(),
  isKey: isTimestampKey,
};

/**
 * A subtree's leads, newest first, a keyset page at a time (created_at, id): pages stay consistent
 * while leads are added. One statement for the page when selected, one for `totalCount` when selected.
 */
export async function listLeads(ctx: Context, args: LeadPageArgs): Promise<Page<InvestmentLead>> {
  const first = pageSizeOf(args.first, ctx.config.graphql.maxPageSize);
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
    const pattern = containsPattern(search);
    qb.andWhere('(l.name ilike ? or l.investor_name ilike ?)', [pattern, pattern]);
  }
  return keysetPage(qb, 'l', NEWEST_FIRST, { first, after: args.after, needsRows: args.needsRows });
}
