import type { Period } from '../../calendar/period';
import type { Context } from '../../context';
import { COMPLETION_HUNDREDTHS_SQL, lightGradeSql, lightInputs, lightInputsTable } from '../rollup/project-light-filter';

/**
 * The projects a bulletin names (滞后项目, and the projects of its 红榜 and 黑榜), read in SQL over
 * the subtree so that a city of 100,000 projects is filtered, ordered and cut in the database. The
 * light's inputs and grade are project-light-filter.ts's, the same SQL the project list filters by
 * colour with (and which tests hold to evaluateProjectLight): a lagging project here is one whose
 * `trafficLight` is yellow or red. Row-level security applies to every table read.
 */

/** A project of the subtree on the year's list, with its light's inputs. */
export interface ProjectFiguresRow {
  id: string;
  name: string;
  code: string | null;
  tenant_code: string;
  tenant_name: string;
  /** Null when the project has no plan for the year (then it is on no list). */
  plan: string | null;
  done: string;
  overdue: number;
  open_blockers: number;
  /** Days past the planned start while not started, as of the period's standing; null when not missed. */
  start_late_days: number | null;
}

/**
 * The subtree's projects on the period's year's list, owned there (reporting and lists are the
 * owner's), with `f` their light's inputs: per project (`lateral`) for a keyset page that stops at
 * its limit, for all at once (`set`) for a count or an ordering that judges every project.
 */
function subtreeProjects(rootPath: string, period: Period, asOf: string, today: string, form: 'lateral' | 'set') {
  const inputs = form === 'lateral' ? lightInputs(period, today) : lightInputsTable(period, today);
  // OFFSET 0 keeps the per-project inputs a subquery of their own: pulled up, each of its scalar
  // subqueries (the plan, the month's sum, the counts) was evaluated again for every reference in the
  // grade and the columns, about twenty times a project (measured at 10,000 projects).
  const joined = form === 'lateral' ? `cross join lateral (${inputs.sql} offset 0) f` : `join (${inputs.sql}) f on f.id = p.id`;
  // On the year's list = has the year's plan (planned_investment_wan is not null). For a keyset page
  // the inputs' own plan says so; an EXISTS there became a join that compared every project of the
  // page with every plan row of the year (millions of rows at 10,000 projects), each page again.
  const listed =
    form === 'lateral' ? 'f.plan is not null' : 'exists (select 1 from project_annual_plan ap where ap.project_id = p.id and ap.year = ?)';
  return {
    from: `from project p
      join tenant o on o.code = p.owner_tenant_code
      ${joined}
      where o.path <@ ?::ltree
        and ${listed}`,
    columns: `p.id, p.name, p.code, o.code as tenant_code, o.name as tenant_name, f.plan::text as plan, f.done::text as done,
      f.overdue::int as overdue, f.open_blockers::int as open_blockers,
      case when p.planned_start_on < ?::date and (p.started_on is null or p.started_on > ?::date)
           then (?::date - p.planned_start_on) end as start_late_days`,
    columnParams: [asOf, asOf, asOf],
    params: [...inputs.params, rootPath, ...(form === 'lateral' ? [] : [period.year])],
  };
}

export interface ProjectScope {
  rootPath: string;
  period: Period;
  asOf: string;
  today: string;
}

/** A page of the lagging projects (light yellow or red), by owner code then id, after the keyset (code, id). */
export async function laggingRows(
  ctx: Context,
  scope: ProjectScope,
  limit: number,
  after: { code: string; id: string } | undefined,
): Promise<ProjectFiguresRow[]> {
  const q = subtreeProjects(scope.rootPath, scope.period, scope.asOf, scope.today, 'lateral');
  const keyset = after ? `and (p.owner_tenant_code, p.id) > (?, ?::uuid)` : '';
  return ctx.em.execute<ProjectFiguresRow[]>(
    `select ${q.columns} ${q.from} and ${lightGradeSql()} >= 1 ${keyset}
      order by p.owner_tenant_code, p.id limit ?`,
    [...q.columnParams, ...q.params, ...(after ? [after.code, after.id] : []), limit],
  );
}

/**
 * The `limit` lagging projects furthest behind time progress, in one statement: the lowest completion
 * (time progress is the same for every project of the bulletin, so the lowest completion is the most
 * negative gap, rounded as percentOf rounds), those with no plan (lagging on milestones or blockers,
 * no gap) after them, then by the lagging list's own order. The Word file prints these; walking every
 * page of a city's lagging list to keep 50 read the whole list from the database for each file.
 */
export async function furthestBehindRows(ctx: Context, scope: ProjectScope, limit: number): Promise<ProjectFiguresRow[]> {
  const q = subtreeProjects(scope.rootPath, scope.period, scope.asOf, scope.today, 'set');
  return ctx.em.execute<ProjectFiguresRow[]>(
    `select ${q.columns} ${q.from} and ${lightGradeSql()} >= 1
      order by (${COMPLETION_HUNDREDTHS_SQL}) asc nulls last, p.owner_tenant_code, p.id limit ?`,
    [...q.columnParams, ...q.params, limit],
  );
}

/** A city's rules for the project lists (BulletinRules), in the units bulletin-lists.ts reads them. */
export interface ProjectListRules {
  aheadPoints: number;
  behindPoints: number;
  plannedStartMissed: boolean;
  overdueMilestones: number;
  /** At most this many projects on each list. */
  maxEntries: number;
}

/** The bulletin's project figures that judge the whole subtree: the lagging count, the 红榜's and the 黑榜's projects. */
export interface ProjectLists {
  laggingCount: number;
  ahead: ProjectFiguresRow[];
  behind: ProjectFiguresRow[];
}

/**
 * How many lagging projects the subtree has, and the projects on the 红榜 (furthest ahead of time
 * progress by `aheadPoints` or more) and on the 黑榜 (behind by `behindPoints` or more, past their
 * planned start and not started when that rule is on, or with `overdueMilestones` or more overdue
 * milestones; the furthest behind first, then the most overdue milestones), in one statement: the
 * subtree's projects are judged once and the three read that. As three statements each judged every
 * project again, three passes over a city of 100,000 projects for one bulletin.
 */
export async function projectLists(ctx: Context, scope: ProjectScope, rules: ProjectListRules): Promise<ProjectLists> {
  const q = subtreeProjects(scope.rootPath, scope.period, scope.asOf, scope.today, 'set');
  const completion = `(${COMPLETION_HUNDREDTHS_SQL})`;
  // The rows as JSON keep ProjectFiguresRow's names and types (text amounts, integer counts); the
  // ordering keys travel along and are ignored.
  const [row] = await ctx.em.execute<{ lagging: number; ahead: ProjectFiguresRow[]; behind: ProjectFiguresRow[] }[]>(
    `with judged as materialized (
       select ${q.columns}, ${lightGradeSql()} as grade,
              ${completion} - f.time_progress as ahead_by, f.time_progress - ${completion} as behind_by
         ${q.from})
     select (select count(*)::int from judged where grade >= 1) as lagging,
            (select coalesce(json_agg(a order by a.ahead_by desc, a.tenant_code, a.id), '[]')
               from (select * from judged where ahead_by >= ? order by ahead_by desc, tenant_code, id limit ?) a) as ahead,
            (select coalesce(json_agg(b order by b.behind_by desc nulls last, b.overdue desc, b.tenant_code, b.id), '[]')
               from (select * from judged
                      where behind_by >= ? or (?::boolean and start_late_days is not null) or overdue >= ?
                      order by behind_by desc nulls last, overdue desc, tenant_code, id limit ?) b) as behind`,
    [
      ...q.columnParams,
      ...q.params,
      rules.aheadPoints * 100,
      rules.maxEntries,
      rules.behindPoints * 100,
      rules.plannedStartMissed,
      rules.overdueMilestones,
      rules.maxEntries,
    ],
  );
  return { laggingCount: row?.lagging ?? 0, ahead: row?.ahead ?? [], behind: row?.behind ?? [] };
}
