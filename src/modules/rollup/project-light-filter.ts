import { chinaDate, Period } from '../../calendar/period';
import { periodAsOf } from '../../calendar/running-period';
import { timeProgressOf } from './rollup-math';
import { DEFAULT_THRESHOLDS, type LightColor } from './traffic-light';
import { textArrayLiteral } from '../../db/array-literal';
import { hashedMembership } from '../../db/sql-conditions';

/**
 * A project's traffic light as SQL, so that a list filtered by colour pages and counts in the
 * database (a page and its `totalCount` agree) instead of judging every project in JavaScript.
 *
 * It mirrors projectLight (project-light.ts) and evaluateProjectLight (traffic-light.ts) rule for
 * rule, for the project of alias `p`: the same month's approved completion against its year's plan,
 * the same time progress (computed once here by timeProgressOf and passed in, so the two cannot
 * drift on calendar arithmetic), approved reports only (report-status.ts's approvedSql: written out
 * here, the rollup module comes before progress-report's), milestones overdue and blockers open as the month stands, and the
 * thresholds of the owner's city or the defaults. Percentages are kept in hundredths as integers:
 * completion is rounded half away from zero as percentOf rounds it, so `完成率` compares exactly.
 * tests/modules/project/project-light-filter.test.ts holds the two to the same answer.
 *
 * Row-level security applies to every table read here, as to the list itself: the predicate never
 * widens what the viewer reads.
 */
export interface LightPredicate {
  sql: string;
  params: unknown[];
}

/**
 * Thresholds the city has set, each falling back to the default as TrafficLightRulesService.forPath
 * does: both input forms join the owner's city's rule row once and carry its thresholds as `rule_*`,
 * rather than the grade looking each one up per project.
 */
const threshold = (column: string, fallback: number) => `coalesce(f.rule_${column}, ${fallback})`;

/** The thresholds of the rule row aliased `alias`, as the `rule_*` columns the grade reads. */
const ruleColumns = (alias: string) =>
  ['yellow_gap_points', 'red_gap_points', 'project_overdue_yellow', 'project_overdue_red', 'blocker_yellow', 'blocker_red']
    .map((c) => `${alias}.${c} as rule_${c}`)
    .join(', ');

/**
 * The inputs of a project's light for the month, as a subquery over the project of alias `p`, to be
 * aliased `f`: time_progress (hundredths), plan, done, overdue, open_blockers, city_code and the city's thresholds.
 */
export function lightInputs(period: Period, today: string = chinaDate()): LightPredicate {
  const asOf = periodAsOf(period, today);
  const sql = `select
        ?::int as time_progress,
        (select ap.planned_investment_wan from project_annual_plan ap where ap.project_id = p.id and ap.year = ?) as plan,
        (select coalesce(sum(r.completed_investment_wan), 0) from progress_report r
          where r.project_id = p.id and r.period >= ?::date and r.period <= ?::date and r.status = 'APPROVED') as done,
        (select count(*) from milestone m
          where m.project_id = p.id and m.due_on < ?::date and (m.done_on is null or m.done_on > ?::date)) as overdue,
        (select count(*) from blocker b
           join lateral (select ev.status_after from blocker_event ev
                          where ev.blocker_id = b.id and (ev.at at time zone 'Asia/Shanghai')::date <= ?::date
                          order by ev.seq desc limit 1) e on true
          where b.project_id = p.id and e.status_after in ('OPEN', 'IN_PROGRESS')) as open_blockers,
        c.city_code, ${ruleColumns('lr')}
      from (select (select subpath(t.path, 0, 1)::text from tenant t where t.code = p.owner_tenant_code) as city_code) c
      left join traffic_light_rule lr on lr.city_code = c.city_code`;
  return {
    sql,
    params: [
      Math.round(timeProgressOf(period, today) * 100),
      period.year,
      Period.of(period.year, 1).firstDay,
      period.firstDay,
      asOf,
      asOf,
      asOf,
    ],
  };
}

/**
 * The same inputs as lightInputs for every project the viewer reads, set-based, with the project's
 * `id`: join it as `f` on `f.id = p.id`. Each source is summed once per statement (grouped scans
 * of the year's approved reports, the overdue milestones, the blockers' last steps) instead of four
 * subqueries per project: what a filter or an ordering that must judge every project wants
 * (bench:rollup measured the correlated form at 5.3 s for the page and count of a 10,000-project
 * city's red projects on a saturated machine, this one at 1.4 s). A keyset page that stops early
 * keeps the correlated lightInputs.
 *
 * The year's plans are read as a set too (behind `offset 0`, which PostgreSQL does not flatten):
 * joined directly, they were looked up once per project, and under the viewer's row policies each
 * look-up checked its project's policy by key (10,000 projects: 160 → 130 ms for the red ones'
 * count; a county's reach unchanged).
 */
export function lightInputsTable(period: Period, today: string = chinaDate()): LightPredicate {
  const asOf = periodAsOf(period, today);
  const sql = `select lp.id,
        ?::int as time_progress,
        ap.planned_investment_wan as plan,
        coalesce(d.done, 0) as done,
        coalesce(m.overdue, 0) as overdue,
        coalesce(b.open_blockers, 0) as open_blockers,
        subpath(lt.path, 0, 1)::text as city_code,
        ${ruleColumns('lr')}
      from project lp
      join tenant lt on lt.code = lp.owner_tenant_code
      left join traffic_light_rule lr on lr.city_code = subpath(lt.path, 0, 1)::text
      left join (select ap.project_id, ap.planned_investment_wan from project_annual_plan ap where ap.year = ? offset 0) ap
             on ap.project_id = lp.id
      left join (select r.project_id, sum(r.completed_investment_wan) as done from progress_report r
                  where r.period >= ?::date and r.period <= ?::date and r.status = 'APPROVED' group by r.project_id) d
             on d.project_id = lp.id
      left join (select m.project_id, count(*) as overdue from milestone m
                  where m.due_on < ?::date and (m.done_on is null or m.done_on > ?::date) group by m.project_id) m
             on m.project_id = lp.id
      left join (select b.project_id, count(*) as open_blockers from blocker b
                   join lateral (select ev.status_after from blocker_event ev
                                  where ev.blocker_id = b.id and (ev.at at time zone 'Asia/Shanghai')::date <= ?::date
                                  order by ev.seq desc limit 1) e on true
                  where e.status_after in ('OPEN', 'IN_PROGRESS') group by b.project_id) b
             on b.project_id = lp.id`;
  return {
    sql,
    params: [
      Math.round(timeProgressOf(period, today) * 100),
      period.year,
      Period.of(period.year, 1).firstDay,
      period.firstDay,
      asOf,
      asOf,
      asOf,
    ],
  };
}

/** Completion rate in hundredths of a percent over `f`, rounded half away from zero as percentOf rounds it; null without a plan. */
export const COMPLETION_HUNDREDTHS_SQL = `case when f.plan is null or f.plan = 0 then null
  else sign(f.done) * sign(f.plan) * div(abs(f.done) * 20000 + abs(f.plan), 2 * abs(f.plan)) end`;

/** The light of the project whose inputs are `f` (lightInputs): 0 green, 1 yellow, 2 red; the worst rule decides (lightOf). */
export function lightGradeSql(): string {
  const t = DEFAULT_THRESHOLDS;
  const grade = (figure: string, yellow: string, red: string) =>
    `case when ${figure} >= ${red} then 2 when ${figure} >= ${yellow} then 1 else 0 end`;
  return `greatest(
        ${grade(
          // Without a plan the completion is null, and so is the comparison: green, as percentOf's null is.
          `f.time_progress - (${COMPLETION_HUNDREDTHS_SQL})`,
          `${threshold('yellow_gap_points', t.yellowGapPoints)} * 100`,
          `${threshold('red_gap_points', t.redGapPoints)} * 100`,
        )},
        ${grade('f.overdue', threshold('project_overdue_yellow', t.projectOverdueYellow), threshold('project_overdue_red', t.projectOverdueRed))},
        ${grade('f.open_blockers', threshold('blocker_yellow', t.blockerYellow), threshold('blocker_red', t.blockerRed))})`;
}

/**
 * The projects (alias `p`) whose light for the month is one of `colors`, judged over the set-based
 * inputs, a hashed set (hashedMembership): every project the viewer reads is judged either way (a
 * city leader's 10,000: 147 ms hashed, 158 ms as the merge join PostgreSQL planned).
 */
export function lightPredicate(colors: readonly LightColor[], period: Period, today: string = chinaDate()): LightPredicate {
  const inputs = lightInputsTable(period, today);
  const sql = hashedMembership(
    'p.id',
    `select f.id from (${inputs.sql}) f
     where (case ${lightGradeSql()} when 2 then 'RED' when 1 then 'YELLOW' else 'GREEN' end) = any(?::text[])`,
  );
  return { sql, params: [...inputs.params, textArrayLiteral(colors)] };
}
