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
const threshold = (column: string, fallback: number) => `coalesce(r.${column}, ${fallback})`;

/**
 * Set-based, not correlated: the figures of every project the viewer reads are summed once per
 * statement (grouped scans of the year's reports, the overdue milestones, the blockers' last steps)
 * and the list keeps the projects whose colour is asked for. The first version asked four
 * subqueries per project; bench:rollup measured its page and count of a 10,000-project city's red
 * projects at seconds.
 */
export function lightPredicate(colors: readonly LightColor[], period: Period, today: string = chinaDate()): LightPredicate {
  const asOf = periodAsOf(period, today);
  // A whole number computed here, written into the SQL: the gap's expression appears twice in its grade.
  const timeProgressHundredths = Math.round(timeProgressOf(period, today) * 100);
  const t = DEFAULT_THRESHOLDS;
  // 0 green, 1 yellow, 2 red: the worst rule decides (lightOf).
  const grade = (figure: string, yellow: string, red: string) =>
    `case when ${figure} >= ${red} then 2 when ${figure} >= ${yellow} then 1 else 0 end`;
  const sql = `p.id in (
    select f.id from (
      select lp.id,
             case greatest(
               case when ap.planned_investment_wan is null or ap.planned_investment_wan = 0 then 0
                    else ${grade(
                      `${timeProgressHundredths} - sign(coalesce(d.done, 0)) * sign(ap.planned_investment_wan) * div(abs(coalesce(d.done, 0)) * 20000 + abs(ap.planned_investment_wan), 2 * abs(ap.planned_investment_wan))`,
                      `${threshold('yellow_gap_points', t.yellowGapPoints)} * 100`,
                      `${threshold('red_gap_points', t.redGapPoints)} * 100`,
                    )} end,
               ${grade('coalesce(m.overdue, 0)', threshold('project_overdue_yellow', t.projectOverdueYellow), threshold('project_overdue_red', t.projectOverdueRed))},
               ${grade('coalesce(b.open_blockers, 0)', threshold('blocker_yellow', t.blockerYellow), threshold('blocker_red', t.blockerRed))})
             when 2 then 'RED' when 1 then 'YELLOW' else 'GREEN' end as color
        from project lp
        join tenant lt on lt.code = lp.owner_tenant_code
        left join traffic_light_rule r on r.city_code = subpath(lt.path, 0, 1)::text
        left join project_annual_plan ap on ap.project_id = lp.id and ap.year = ?
        left join (select pr.project_id, sum(pr.completed_investment_wan) as done from progress_report pr
                    where pr.period >= ?::date and pr.period <= ?::date and pr.status = 'APPROVED' group by pr.project_id) d
               on d.project_id = lp.id
        left join (select ms.project_id, count(*) as overdue from milestone ms
                    where ms.due_on < ?::date and (ms.done_on is null or ms.done_on > ?::date) group by ms.project_id) m
               on m.project_id = lp.id
        left join (select bk.project_id, count(*) as open_blockers from blocker bk
                     join lateral (select ev.status_after from blocker_event ev
                                    where ev.blocker_id = bk.id and (ev.at at time zone 'Asia/Shanghai')::date <= ?::date
                                    order by ev.seq desc limit 1) e on true
                    where e.status_after in ('OPEN', 'IN_PROGRESS') group by bk.project_id) b
               on b.project_id = lp.id) f
     where f.color = any(?::text[]))`;
  return {
    sql,
    params: [period.year, Period.of(period.year, 1).firstDay, period.firstDay, asOf, asOf, asOf, `{${colors.join(',')}}`],
  };
}
