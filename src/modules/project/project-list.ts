import { checkedYear } from '../../calendar/input-range';
import { chinaDate, Period } from '../../calendar/period';
import type { Context } from '../../context';
import { containsPattern } from '../../db/like-pattern';
import { detachedInstance } from '../../db/detached-rows';
import { columnsOf, managedFromRows } from '../../db/managed-rows';
import { queryRows } from '../../db/request-sql';
import { hashedMembership, SqlConditions } from '../../db/sql-conditions';
import { isUuid } from '../../db/uuid';
import { badUserInput } from '../../errors/app-error';
import { decodeCursor, encodeCursor, foreignCursor, type Page } from '../../pagination/connection';
import { isTimestampKey, pageOf, pageSizeOf, timestampKeyOf } from '../../pagination/keyset';
import { JoinedTenant } from '../tenant/shown-tenant';
import { lightPredicate } from '../rollup/project-light-filter';
import { TenantService } from '../tenant/tenant.service';
import { Project } from './project.entity';
import { ProjectOrder, type ProjectFilter } from './project.inputs';
import { TenantBasis } from './tenant-basis';

/**
 * One order of the list: a keyset on (key, id), so pages stay consistent while projects are added.
 * The key is read as text (`key`) and compared back through `cast`: exactly the stored value, where
 * a JS Date would cut a timestamp to the millisecond.
 */
interface ProjectOrdering {
  /** Written into the cursor: a cursor of another order is refused. */
  name: ProjectOrder;
  /** The column ordered by, bare (`created_at`), and as the page's statements name it (`p.created_at`). */
  columnName: string;
  column: string;
  /** SQL of the key as text, read with each row as `cursor_key`. */
  key: string;
  cast: string;
  direction: 'asc' | 'desc';
  /** The cursor's key from the text read. */
  keyOf(text: string): string;
  /** A cursor's key must cast cleanly, or a forged cursor would be a database error. */
  isKey(key: string): boolean;
}

const ORDERS: Record<ProjectOrder, ProjectOrdering> = {
  [ProjectOrder.CREATED_AT_DESC]: {
    name: ProjectOrder.CREATED_AT_DESC,
    columnName: 'created_at',
    column: 'p.created_at',
    key: 'p.created_at::text',
    cast: 'timestamptz',
    direction: 'desc',
    keyOf: timestampKeyOf,
    isKey: isTimestampKey,
  },
  [ProjectOrder.NAME_ASC]: {
    name: ProjectOrder.NAME_ASC,
    columnName: 'name',
    column: 'p.name',
    key: 'p.name',
    cast: 'text',
    direction: 'asc',
    keyOf: (text) => text,
    // A name is at most 200 characters (the column's length).
    isKey: (key) => key.length <= 200,
  },
  [ProjectOrder.TOTAL_INVESTMENT_DESC]: {
    name: ProjectOrder.TOTAL_INVESTMENT_DESC,
    columnName: 'total_investment_wan',
    column: 'p.total_investment_wan',
    key: 'p.total_investment_wan::text',
    cast: 'numeric',
    direction: 'desc',
    keyOf: (text) => text,
    // Bounded: a numeric of a hundred thousand digits is a database error, not a key.
    isKey: (key) => key.length <= 40 && /^-?\d+(\.\d+)?$/.test(key),
  },
};

/** A property of a partially read project: its column, and how the column's text becomes the property. */
interface ProjectProperty {
  property: string;
  column: string;
  read(value: unknown): unknown;
}

const as = (value: unknown) => value;
const timestamp = (value: unknown) => (value === null ? null : new Date(value as string));
const reference = (value: unknown) => (value === null ? null : { code: value });

/**
 * The Project fields a page may be read for in part, and the properties behind them: plain
 * properties, and the owner and location (their resolvers load the tenant by `owner.code`). A page
 * whose nodes ask for any other field (a resolver that may read anything of the project) reads
 * whole entities.
 */
const PROPERTIES_OF_FIELD: Readonly<Record<string, readonly ProjectProperty[]>> = {
  __typename: [],
  id: [],
  code: [{ property: 'code', column: 'code', read: as }],
  name: [{ property: 'name', column: 'name', read: as }],
  category: [{ property: 'category', column: 'category', read: as }],
  stage: [{ property: 'stage', column: 'stage', read: as }],
  totalInvestmentWan: [{ property: 'totalInvestmentWan', column: 'total_investment_wan', read: as }],
  plannedStartOn: [{ property: 'plannedStartOn', column: 'planned_start_on', read: as }],
  plannedCompletionOn: [{ property: 'plannedCompletionOn', column: 'planned_completion_on', read: as }],
  createdAt: [{ property: 'createdAt', column: 'created_at', read: timestamp }],
  updatedAt: [{ property: 'updatedAt', column: 'updated_at', read: timestamp }],
  owner: [{ property: 'owner', column: 'owner_tenant_code', read: reference }],
  location: [{ property: 'location', column: 'location_tenant_code', read: reference }],
};

/** The properties a page's nodes need, or undefined when they need whole entities. */
function propertiesFor(fields: Iterable<string>): ProjectProperty[] | undefined {
  const properties: ProjectProperty[] = [];
  for (const field of fields) {
    const needed = Object.hasOwn(PROPERTIES_OF_FIELD, field) ? PROPERTIES_OF_FIELD[field] : undefined;
    if (!needed) return undefined;
    properties.push(...needed);
  }
  return properties;
}

export interface ProjectPageArgs {
  filter: ProjectFilter | undefined;
  first: number | undefined;
  after: string | undefined;
  orderBy: ProjectOrder;
  /** False when the client asked only for `totalCount` (see selectsPage): the page query is skipped. */
  needsRows?: boolean;
  /** True when the client asked for `totalCount` (see connectionSelection): a first page may count as it reads. */
  needsCount?: boolean;
  /** The Project fields the client reads of each node (see selectedNodeFields); absent: any. */
  nodeFields?: Iterable<string>;
}

/**
 * The codes of the tenants at or beneath an ltree path, as one array that projects are looked up
 * by (`= any(...)`): an index serves it, where `in (select ...)` inside an OR is a filter on every row.
 */
const codesUnder = (path: string) => `array(select t.code from tenant t where t.path <@ ${path})`;

/**
 * The viewer's reach exactly as the policy `project_read` states it (owned or built in the read
 * root, or assigned and not ended), written so that indexes serve it: each arm an `= any(array)`
 * over an index (owner, location, primary key), which PostgreSQL combines in a bitmap. The policy
 * still applies; this only lets a viewer who reads a small part of the city be found by key. Not
 * for a city's viewer, who reads nearly every project: there the copy would be evaluated beside the
 * policy for nothing (EXPLAIN: twice the subplans). Grown city (3,670 projects), first page: a
 * county with 30 projects 1,135 → 677 µs, a town with two 1,078 → 669 µs, and flat as the city grows.
 */
export const READ_REACH =
  `(p.owner_tenant_code = any(${codesUnder('kp_read_root()')}) or p.location_tenant_code = any(${codesUnder('kp_read_root()')})` +
  ' or p.id = any(array(select a.project_id from project_assignment a where a.subject = kp_subject() and a.ended_at is null)))';

/** The client's filter. The viewer's reach is the policy's (see READ_REACH for when it is also stated). */
async function filterConditions(ctx: Context, filter: ProjectFilter | undefined): Promise<SqlConditions> {
  const where = new SqlConditions();
  if (!filter) return where;
  if (filter.tenantCode) {
    const root = await new TenantService(ctx).shown(filter.tenantCode);
    // The tenant and everything beneath it, as one array the owner and location indexes serve; a
    // project without a location is built where it is owned.
    const under = codesUnder('?::ltree');
    if (filter.basis === TenantBasis.LOCATION) {
      where.add(
        `(p.location_tenant_code = any(${under}) or (p.location_tenant_code is null and p.owner_tenant_code = any(${under})))`,
        root.path,
        root.path,
      );
    } else {
      where.add(`p.owner_tenant_code = any(${under})`, root.path);
    }
  }
  if (filter.categories?.length) where.add('p.category = any(?::project_category[])', filter.categories);
  if (filter.stages?.length) where.add('p.stage = any(?::project_stage[])', filter.stages);
  const year = filter.year ?? undefined;
  if (year !== undefined) {
    checkedYear(year, 'filter.year', 'planning');
    where.add('exists (select 1 from project_annual_plan ap where ap.project_id = p.id and ap.year = ?)', year);
  }
  // Nature and levels are the year's list's: `year`'s, else this year's (the project's own while it is on none).
  const listed = (column: string) =>
    `coalesce((select ap.${column} from project_annual_plan ap where ap.project_id = p.id and ap.year = ?), p.${column})`;
  const listYear = year ?? Period.current().year;
  if (filter.natures?.length) where.add(`${listed('nature')} = any(?::project_nature[])`, listYear, filter.natures);
  if (filter.designationLevel) where.add(`?::designation_level = any(${listed('designation_levels')})`, filter.designationLevel, listYear);
  if (filter.isInStatisticsDatabase !== undefined && filter.isInStatisticsDatabase !== null) {
    where.add('p.is_in_statistics_database = ?', filter.isInStatisticsDatabase);
  }
  if (filter.lights?.length) {
    const light = lightPredicate(filter.lights, filter.lightPeriod ?? Period.current());
    where.add(light.sql, ...light.params);
  } else if (filter.lightPeriod) {
    throw badUserInput('filter.lightPeriod', { zh: 'lightPeriod 须与 lights（信号灯）一同使用', en: 'lightPeriod goes with lights' });
  }
  if (filter.heldUpByApprovals !== undefined && filter.heldUpByApprovals !== null) {
    where.add(heldUpCondition(filter.heldUpByApprovals), chinaDate());
  }
  const search = filter.search?.trim();
  if (search) where.add('(p.name ilike ? or p.code = ?)', containsPattern(search), search);
  return where;
}

/**
 * Whether project `p` is held up by an approval on a day (the one parameter), by the figure's own
 * rule (kp_approval_blocked_projects), so the list a leader opens from the count has that many
 * rows. Not a function called per project (over 30 s at 10,000 projects), nor a join (1.8 s: see
 * hashedMembership).
 */
export function heldUpCondition(heldUp: boolean): string {
  return hashedMembership('p.id', 'select b.project_id from kp_approval_blocked_projects(?::date) b', heldUp);
}

/**
 * The tenants a page's nodes name (owner, location), read in the page's own statement and handed
 * to the tenant loader, which the `owner` and `location` resolvers ask: one statement for the
 * page and its owners instead of two. Joined to the page after its LIMIT, so PostgreSQL looks up
 * the tenants of the rows kept, not of every row it sorts; read as plain columns, not as
 * `to_jsonb(t)` per row: building and parsing the JSON cost the page about a third of its time in
 * PostgreSQL and 50 µs of Node's CPU (demo city, 21 rows). `tenant` has no row-level security:
 * every viewer reads every tenant, as the loader's own statement would.
 */
const TENANT_JOINS = [
  { field: 'owner', tenant: new JoinedTenant('owner'), column: 'owner_tenant_code' },
  { field: 'location', tenant: new JoinedTenant('location'), column: 'location_tenant_code' },
] as const;

type TenantJoin = (typeof TENANT_JOINS)[number];

/** A row of the page: the columns asked for, the id and the key of its cursor. */
type PageRow = Record<string, unknown> & { id: string; cursor_key: string };

/**
 * A node of a page read in part: the properties the selected fields read, the owner and location
 * as the references their resolvers follow (`owner.code`). Detached (see detachedInstance):
 * nothing manages it, so a later lookup of the same project never finds this partial copy, and it
 * is never flushed.
 */
function partialProject(row: PageRow, properties: readonly ProjectProperty[]): Project {
  const node: Record<string, unknown> = { id: row.id };
  for (const { property, column, read } of properties) node[property] = read(row[column]);
  return detachedInstance(Project, node);
}

/**
 * The page's statement: `limit` rows in the order's keyset, with the tenants joined (see
 * TENANT_JOINS) around the page once it is cut. A join does not keep the page's order, so the
 * outer statement sorts its rows again, by the cursor's key cast back (a sort of `limit` rows).
 * Every select names its columns, a whole row's too (columnsOf): a statement reading `*` is not
 * prepared (see preparedName), and planning the page on every request cost more than the join
 * saved (bench:api); a red projects' page spent 8.5 ms planning.
 *
 * How the page is cut depends on how much of the city the viewer reads (`walk`), which the
 * planner cannot tell: the row policy's selectivity is one guess for every viewer, and a prepared
 * statement has one plan. A viewer who reads most projects (read root at a city, no filter) walks
 * the order's index until the page is full: it checks about `limit` projects against the policy.
 * Anyone else gets the projects they read first (found by key: READ_REACH; or through their
 * filter's own index) and sorts them: behind `offset 0`, which PostgreSQL does not plan through,
 * the order's index cannot be walked, and a town is not made to walk past every other town's
 * projects (see Migration20261205000000ProjectPageOrders for the figures).
 */
function pageStatement(
  order: ProjectOrdering,
  columns: readonly string[],
  where: string,
  limit: number,
  tenants: readonly TenantJoin[],
  walk: boolean,
  counted = false,
): string {
  const named = (names: readonly string[]) => names.map((c) => `p.${c}`).join(', ');
  // The fenced select reads the order's column too: the outer statement sorts by it.
  const fenced = [...new Set([...columns, order.columnName])];
  // Every match passes through the fence before the sort: counting them there is nearly free.
  const total = counted ? ', count(*) over () as total_count' : '';
  const shown = counted ? [...columns, 'total_count'] : columns;
  const source = walk ? `project p ${where}` : `(select ${named(fenced)}${total} from project p ${where} offset 0) p`;
  const page =
    `select ${named(shown)}, ${order.key} as cursor_key from ${source} ` +
    `order by ${order.column} ${order.direction}, p.id ${order.direction} limit ${limit}`;
  if (tenants.length === 0) return page;
  const outer = [...shown, 'cursor_key'].map((c) => `page.${c}`);
  return (
    `select ${[...outer, ...tenants.map((t) => t.tenant.selectList)].join(', ')} from (${page}) page` +
    tenants.map((t) => ` left join tenant ${t.tenant.alias} on ${t.tenant.alias}.code = page.${t.column}`).join('') +
    ` order by page.cursor_key::${order.cast} ${order.direction}, page.id ${order.direction}`
  );
}

/** The statement of a first page of names with their owners (bench:api's page), as a viewer who walks or not: for the plan tests. */
export function firstPageStatement(orderBy: ProjectOrder, walk: boolean, first = 20): string {
  return pageStatement(
    ORDERS[orderBy],
    ['id', 'name', 'owner_tenant_code'],
    walk ? '' : `where ${READ_REACH}`,
    first + 1,
    [TENANT_JOINS[0]],
    walk,
  );
}

/** A whole project's columns of a page row: without its cursor's key, its count and the tenants joined to it. */
function projectColumns(row: PageRow): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (column !== 'cursor_key' && column !== 'total_count' && !TENANT_JOINS.some((t) => t.tenant.owns(column))) columns[column] = value;
  }
  return columns;
}

/**
 * The page and `totalCount` in hand-written statements (queryRows), one each and each only when
 * the client asks for it: the ORM's query builder and hydration cost a page more CPU than its
 * statement (bench:api). Whole entities (a node field that may read anything of the project) are
 * made as `em.find` would make them.
 */
export async function listProjects(ctx: Context, args: ProjectPageArgs): Promise<Page<Project>> {
  const first = pageSizeOf(args.first, ctx.config.graphql.maxPageSize);
  const order = ORDERS[args.orderBy];
  const where = await filterConditions(ctx, args.filter);
  // A city's viewer reads nearly every project: the policy alone, and an unfiltered page walks the
  // order's index (see pageStatement). A filter keeps the plans it had, which may use its own index
  // (a stage of eleven projects among 3,670: 990 µs found by the stage index, 1,379 µs walking).
  // Anyone else is found by key.
  const readsCity = ctx.access.readRoot !== undefined && ctx.access.tenant?.level === 'CITY';
  const walk = readsCity && where.where === '';
  if (!readsCity) where.add(READ_REACH);
  const count = async () =>
    Number((await queryRows<{ count: string }>(ctx.em, `select count(*) as count from project p ${where.where}`, where.params))[0]!.count);
  const page = where.copy();
  if (args.after) {
    const [name, key, id] = decodeCursor(args.after) ?? [];
    if (name !== order.name || typeof key !== 'string' || typeof id !== 'string' || !isUuid(id) || !order.isKey(key)) {
      throw foreignCursor();
    }
    page.add(`(${order.column}, p.id) ${order.direction === 'asc' ? '>' : '<'} (?::${order.cast}, ?::uuid)`, key, id);
  }
  // A cursor is checked either way: a foreign one is refused whatever the client selected.
  if (args.needsRows === false) return pageOf<Project>([], first, args.after, () => '', count);

  const properties = args.nodeFields && propertiesFor(args.nodeFields);
  const columns = properties ? ['id', ...new Set(properties.map((p) => p.column))] : columnsOf(ctx.em, Project);
  const selected = new Set(args.nodeFields ?? []);
  const tenants = TENANT_JOINS.filter((join) => selected.has(join.field));
  // A first page that sorts every match (any but the walk) counts them in the same statement when
  // totalCount is asked too: the filter is evaluated once, not again by the count's own statement
  // (a city's red or held-up projects, 10,000 projects: half the time of page and count).
  const counted = args.needsCount === true && !walk && !args.after;
  const rows = await queryRows<PageRow>(ctx.em, pageStatement(order, columns, page.where, first + 1, tenants, walk, counted), page.params);
  for (const join of tenants) for (const tenant of join.tenant.tenantsOf(rows)) ctx.loaders.tenant.primeShown(tenant);
  const nodes = properties
    ? rows.map((row) => partialProject(row, properties))
    : managedFromRows(ctx.em, Project, rows.map(projectColumns));
  // Cursors are written only for the edges a client asks for (see pageOf).
  const keyOf = new Map(nodes.map((node, i) => [node, rows[i]!.cursor_key]));
  const total = counted ? async () => (rows.length === 0 ? 0 : Number(rows[0]!['total_count'])) : count;
  return pageOf(nodes, first, args.after, (node) => encodeCursor([order.name, order.keyOf(keyOf.get(node)!), node.id]), total);
}
