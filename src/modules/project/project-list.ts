import type { QueryBuilder } from '@mikro-orm/postgresql';
import { checkedYear } from '../../calendar/input-range';
import { Period } from '../../calendar/period';
import type { Context } from '../../context';
import { containsPattern } from '../../db/like-pattern';
import { badUserInput } from '../../errors/app-error';
import type { Page } from '../../pagination/connection';
import { isTimestampKey, keysetPage, pageSizeOf, type KeysetOrder } from '../../pagination/keyset';
import { lightPredicate } from '../rollup/project-light-filter';
import { TenantService } from '../tenant/tenant.service';
import { Project } from './project.entity';
import { ProjectOrder, type ProjectFilter } from './project.inputs';
import { TenantBasis } from './tenant-basis';

/** Each order is a keyset on (key, id): pages stay consistent while projects are added. */
const ORDERS: Record<ProjectOrder, KeysetOrder<Project>> = {
  [ProjectOrder.CREATED_AT_DESC]: {
    name: ProjectOrder.CREATED_AT_DESC,
    column: 'p.created_at',
    property: 'createdAt',
    cast: 'timestamptz',
    direction: 'desc',
    keyOf: (p) => p.createdAt.toISOString(),
    isKey: isTimestampKey,
  },
  [ProjectOrder.NAME_ASC]: {
    name: ProjectOrder.NAME_ASC,
    column: 'p.name',
    property: 'name',
    cast: 'text',
    direction: 'asc',
    keyOf: (p) => p.name,
    isKey: () => true,
  },
  [ProjectOrder.TOTAL_INVESTMENT_DESC]: {
    name: ProjectOrder.TOTAL_INVESTMENT_DESC,
    column: 'p.total_investment_wan',
    property: 'totalInvestmentWan',
    cast: 'numeric',
    direction: 'desc',
    keyOf: (p) => p.totalInvestmentWan,
    isKey: (key) => /^-?\d+(\.\d+)?$/.test(key),
  },
};

/**
 * The columns behind the Project fields a page may be read for in part: plain properties, and
 * the owner and location (their resolvers load the tenant by code). A page whose nodes ask for
 * any other field (a resolver that may read anything of the project) reads whole entities.
 */
const COLUMNS_OF_FIELD: Readonly<Record<string, readonly string[]>> = {
  __typename: [],
  id: [],
  code: ['code'],
  name: ['name'],
  category: ['category'],
  stage: ['stage'],
  totalInvestmentWan: ['total_investment_wan'],
  plannedStartOn: ['planned_start_on'],
  plannedCompletionOn: ['planned_completion_on'],
  createdAt: ['created_at'],
  updatedAt: ['updated_at'],
  owner: ['owner_tenant_code'],
  location: ['location_tenant_code'],
};

/** The columns a page's nodes need, or undefined when they need whole entities. */
function columnsFor(fields: Iterable<string>): string[] | undefined {
  const columns: string[] = [];
  for (const field of fields) {
    const needed = Object.hasOwn(COLUMNS_OF_FIELD, field) ? COLUMNS_OF_FIELD[field] : undefined;
    if (!needed) return undefined;
    columns.push(...needed);
  }
  return columns;
}

export interface ProjectPageArgs {
  filter: ProjectFilter | undefined;
  first: number | undefined;
  after: string | undefined;
  orderBy: ProjectOrder;
  /** False when the client asked only for `totalCount` (see selectsPage): the page query is skipped. */
  needsRows?: boolean;
  /** The Project fields the client reads of each node (see selectedNodeFields); absent: any. */
  nodeFields?: Iterable<string>;
}

/**
 * The client's filter. The viewer's reach (owned or built in the read root, or assigned) is not
 * repeated here: the policy `project_read` applies it to every statement of the request's scoped
 * transaction, and stating it twice made PostgreSQL evaluate both copies (EXPLAIN: the same
 * sequential filter, twice the subplans, no index made usable by the copy).
 */
async function applyFilter(ctx: Context, qb: QueryBuilder<Project>, filter: ProjectFilter | undefined): Promise<void> {
  if (!filter) return;
  if (filter.tenantCode) {
    const root = await new TenantService(ctx).get(filter.tenantCode);
    // One indexed ltree predicate covers the tenant and everything beneath it; a project without a
    // location is built where it is owned.
    const placedBy =
      filter.basis === TenantBasis.LOCATION ? 'coalesce(p.location_tenant_code, p.owner_tenant_code)' : 'p.owner_tenant_code';
    qb.andWhere(`${placedBy} in (select t.code from tenant t where t.path <@ ?::ltree)`, [root.path]);
  }
  if (filter.categories?.length) qb.andWhere({ category: { $in: filter.categories } });
  if (filter.stages?.length) qb.andWhere({ stage: { $in: filter.stages } });
  const year = filter.year ?? undefined;
  if (year !== undefined) {
    checkedYear(year, 'filter.year', 'planning');
    qb.andWhere('exists (select 1 from project_annual_plan ap where ap.project_id = p.id and ap.year = ?)', [year]);
  }
  // Nature and levels are the year's list's: `year`'s, else this year's (the project's own while it is on none).
  const listed = (column: string) =>
    `coalesce((select ap.${column} from project_annual_plan ap where ap.project_id = p.id and ap.year = ?), p.${column})`;
  const listYear = year ?? Period.current().year;
  if (filter.natures?.length) qb.andWhere(`${listed('nature')} = any(?::project_nature[])`, [listYear, `{${filter.natures.join(',')}}`]);
  if (filter.designationLevel)
    qb.andWhere(`?::designation_level = any(${listed('designation_levels')})`, [filter.designationLevel, listYear]);
  if (filter.isInStatisticsDatabase !== undefined && filter.isInStatisticsDatabase !== null) {
    qb.andWhere({ isInStatisticsDatabase: filter.isInStatisticsDatabase });
  }
  if (filter.lights?.length) {
    const light = lightPredicate(filter.lights, filter.lightPeriod ?? Period.current());
    qb.andWhere(light.sql, light.params);
  } else if (filter.lightPeriod) {
    throw badUserInput('filter.lightPeriod', { zh: 'lightPeriod 须与 lights（信号灯）一同使用', en: 'lightPeriod goes with lights' });
  }
  const search = filter.search?.trim();
  if (search) {
    const pattern = containsPattern(search);
    qb.andWhere('(p.name ilike ? or p.code = ?)', [pattern, search]);
  }
}

/** One statement for the page when the client asks for it, one for `totalCount` when it asks for that. */
export async function listProjects(ctx: Context, args: ProjectPageArgs): Promise<Page<Project>> {
  const first = pageSizeOf(args.first, ctx.config.graphql.maxPageSize);
  const qb = ctx.em.createQueryBuilder(Project, 'p');
  await applyFilter(ctx, qb, args.filter);
  const names = args.nodeFields && columnsFor(args.nodeFields);
  return keysetPage(qb, 'p', ORDERS[args.orderBy], {
    first,
    after: args.after,
    needsRows: args.needsRows,
    columns: names && { em: ctx.em, names },
  });
}
