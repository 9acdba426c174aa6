import type { Period } from '../../calendar/period';
import type { Context } from '../../context';
import { COMPLETION_HUNDREDTHS_SQL, lightGradeSql, lightInputs } from '../rollup/project-light-filter';

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

/** The subtree's projects on the period's year's list, owned there (reporting and lists are the owner's), with `f` their light's inputs. */
function subtreeProjects(rootPath: string, period: Period, asOf: string, today: string) {
  const inputs = lightInputs(period, today);
  return {
    from: `from project p
      join tenant o on o.code = p.owner_tenant_code
      cross join lateral (${inputs.sql}) f
      where o.path <@ ?::ltree
        and exists (select 1 from project_annual_plan ap where ap.project_id = p.id and ap.year = ?)`,
    columns: `p.id, p.name, p.code, o.code as tenant_code, o.name as tenant_name, f.plan::text as plan, f.done::text as done,
      f.overdue::int as overdue, f.open_blockers::int as open_blockers,
      case when p.planned_start_on < ?::date and (p.started_on is null or p.started_on > ?::date)
           then (?::date - p.planned_start_on) end as start_late_days`,
    columnParams: [asOf, asOf, asOf],
    params: [...inputs.params, rootPath, period.year],
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
  const q = subtreeProjects(scope.rootPath, scope.period, scope.asOf, scope.today);
  const keyset = after ? `and (p.owner_tenant_code, p.id) > (?, ?::uuid)` : '';
  return ctx.em.execute<ProjectFiguresRow[]>(
    `select ${q.columns} ${q.from} and ${lightGradeSql()} >= 1 ${keyset}
      order by p.owner_tenant_code, p.id limit ?`,
    [...q.columnParams, ...q.params, ...(after ? [after.code, after.id] : []), limit],
  );
}

/** How many lagging projects the subtree has. */
export async function laggingCount(ctx: Context, scope: ProjectScope): Promise<number> {
  const q = subtreeProjects(scope.rootPath, scope.period, scope.asOf, scope.today);
  const [row] = await ctx.em.execute<{ n: number }[]>(`select count(*)::int as n ${q.from} and ${lightGradeSql()} >= 1`, q.params);
  return row?.n ?? 0;
}

/** The projects furthest ahead of time progress by `aheadPoints` or more (红榜), at most `limit`. */
export async function aheadRows(ctx: Context, scope: ProjectScope, aheadPoints: number, limit: number): Promise<ProjectFiguresRow[]> {
  const q = subtreeProjects(scope.rootPath, scope.period, scope.asOf, scope.today);
  const ahead = `((${COMPLETION_HUNDREDTHS_SQL}) - f.time_progress)`;
  return ctx.em.execute<ProjectFiguresRow[]>(
    `select ${q.columns} ${q.from} and ${ahead} >= ?
      order by ${ahead} desc, p.owner_tenant_code, p.id limit ?`,
    [...q.columnParams, ...q.params, aheadPoints * 100, limit],
  );
}

/**
 * The projects on the 黑榜 by the city's rules: behind time progress by `behindPoints` or more, past
 * their planned start and not started (when the rule is on), or with `overdueMilestones` or more
 * overdue milestones; the furthest behind first, then the most overdue milestones.
 */
export async function behindRows(
  ctx: Context,
  scope: ProjectScope,
  rules: { behindPoints: number; plannedStartMissed: boolean; overdueMilestones: number },
  limit: number,
): Promise<ProjectFiguresRow[]> {
  const q = subtreeProjects(scope.rootPath, scope.period, scope.asOf, scope.today);
  const behind = `(f.time_progress - (${COMPLETION_HUNDREDTHS_SQL}))`;
  const missed = `(p.planned_start_on < ?::date and (p.started_on is null or p.started_on > ?::date))`;
  return ctx.em.execute<ProjectFiguresRow[]>(
    `select ${q.columns} ${q.from}
        and (${behind} >= ? or (?::boolean and ${missed}) or f.overdue >= ?)
      order by ${behind} desc nulls last, f.overdue desc, p.owner_tenant_code, p.id limit ?`,
    [
      ...q.columnParams,
      ...q.params,
      rules.behindPoints * 100,
      rules.plannedStartMissed,
      scope.asOf,
      scope.asOf,
      rules.overdueMilestones,
      limit,
    ],
  );
}
