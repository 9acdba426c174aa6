import type { Context } from '../../context';
import { containsPattern } from '../../db/like-pattern';
import type { Page } from '../../pagination/connection';
import { isTimestampKey, keysetPage, pageSizeOf, type KeysetOrder } from '../../pagination/keyset';
import { TenantService } from '../tenant/tenant.service';
import type { ProjectCategory } from '../project/project.enums';
import type { ReserveMaturity, ReserveStatus } from './reserve.enums';
import { ReserveProject } from './reserve-project.entity';

export interface ReservePageArgs {
  tenantCode: string;
  statuses?: ReserveStatus[] | undefined;
  maturities?: ReserveMaturity[] | undefined;
  categories?: ProjectCategory[] | undefined;
  intendedYear?: number | undefined;
  search?: string | undefined;
  first?: number | undefined;
  after?: string | undefined;
  /** False when the client asked only for `totalCount` (see selectsPage): the page query is skipped. */
  needsRows?: boolean;
}

/** Newest first: the one order of the pool's list. */
const NEWEST_FIRST: KeysetOrder<ReserveProject> = {
  name: 'reserve',
  column: 'e.created_at',
  property: 'createdAt',
  cast: 'timestamptz',
  direction: 'desc',
  keyOf: (entry) => entry.createdAt.toISOString(),
  isKey: isTimestampKey,
};

/** A subtree's reserve projects, newest first, a keyset page at a time (created_at, id). */
export async function listReserve(ctx: Context, args: ReservePageArgs): Promise<Page<ReserveProject>> {
  const first = pageSizeOf(args.first, ctx.config.graphql.maxPageSize);
  const root = await new TenantService(ctx).get(args.tenantCode);
  const qb = ctx.em.createQueryBuilder(ReserveProject, 'e');
  // The tenant's subtree, within the viewer's reach (also enforced by row-level security).
  qb.where('e.owner_tenant_code in (select t.code from tenant t where t.path <@ ?::ltree and t.path <@ ?::ltree)', [
    root.path,
    ctx.access.readRoot ?? null,
  ]);
  if (args.statuses?.length) qb.andWhere({ status: { $in: args.statuses } });
  if (args.maturities?.length) qb.andWhere({ maturity: { $in: args.maturities } });
  if (args.categories?.length) qb.andWhere({ category: { $in: args.categories } });
  if (args.intendedYear !== undefined) qb.andWhere({ intendedYear: args.intendedYear });
  const search = args.search?.trim();
  if (search) qb.andWhere('(e.name ilike ? or e.promoting_unit ilike ?)', [containsPattern(search), containsPattern(search)]);
  return keysetPage(qb, 'e', NEWEST_FIRST, { first, after: args.after, needsRows: args.needsRows });
}
