import { chinaDate, Period } from '../../calendar/period';
import { periodAsOf } from '../../calendar/running-period';
import { timeProgressOf } from './rollup-math';
import { DEFAULT_THRESHOLDS, type LightColor } from './traffic-light';

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

/** Thresholds the city has set, each falling back to the default as TrafficLightRulesService.forPath does. */
const threshold = (column: string, fallback: number) =>
  `coalesce((select r.${column} from traffic_light_rule r where r.city_code = f.city_code), ${fallback})`;

/**
 * The inputs of a project's light for the month, as a subquery over the project of alias `p`, to be
 * aliased `f`: time_progress (hundredths), plan, done, overdue, open_blockers and city_code.
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
        (select subpath(t.path, 0, 1)::text from tenant t where t.code = p.owner_tenant_code) as city_code`;
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

export function lightPredicate(colors: readonly LightColor[], period: Period, today: string = chinaDate()): LightPredicate {
  const inputs = lightInputs(period, today);
  const sql = `(select case ${lightGradeSql()}
      when 2 then 'RED' when 1 then 'YELLOW' else 'GREEN' end
    from (${inputs.sql}) f
  ) = any(?::text[])`;
  return { sql, params: [...inputs.params, `{${colors.join(',')}}`] };
}
