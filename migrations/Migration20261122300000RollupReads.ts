import { Migration } from '@mikro-orm/migrations';

/**
 * A dashboard's rollup in one round trip. `kp_rollup_read(root, with_children, period, as_of,
 * trend_from, trend_to)` returns, as one JSON document, the root tenant and (when asked) its
 * children, each with its figures already summed in SQL, the traffic-light rules of the root's
 * city and (when asked) the root's monthly trend.
 *
 * Before this, a city rollup with its children took a statement for the tenant, one for its rules,
 * one for its figures, one for the children and one for their figures (three round trips in a row),
 * and the application then summed a few hundred stage-by-category rows with exact decimal code.
 * Money is summed here; the stage-by-category counts come back as [stage, category, count] triples.
 * Everything it needs is a handful of primary-key lookups per tenant, so it belongs in one call.
 *
 * Scope: only tenants under the viewer's read root (`kp_read_root()`) are returned, the same rule
 * the rollup tables' row-level security applies. The function is SECURITY DEFINER and applies it
 * once per tenant instead of once per row read, which halved the statement's time; the tables'
 * policies still hold for every other reader. Tenant rows and rules are public reference data.
 */
export class Migration20261122300000RollupReads extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function kp_rollup_read(root varchar, with_children boolean, period date, as_of date,
                                                 trend_from date default null, trend_to date default null) returns json
      language plpgsql stable security definer set search_path = public as $$
      declare
        year_start date := date_trunc('year', period)::date;
        last_period date := (period - interval '1 year')::date;
        last_start date := date_trunc('year', period - interval '1 year')::date;
        the_year smallint := extract(year from period)::smallint;
        the_month smallint := extract(month from period)::smallint;
        as_of_month date := date_trunc('month', as_of)::date;
        -- The viewer's scope, as the rollup tables' row-level security would apply it, but once per
        -- tenant rather than once per row read; nothing at all unless the root is in it.
        root_visible boolean := exists (select 1 from tenant r where r.code = root and r.path <@ kp_read_root());
      begin
        if not root_visible then
          return json_build_object('tenants', null, 'rules', null, 'trend', null);
        end if;
        return json_build_object(
          'tenants', (select json_agg(x order by x.code <> root, x.code) from (
             select t.code, t.name, t.level, t.kind, t.path::text as path, t.parent_code,
                    to_char(t.valid_from, 'YYYY-MM-DD') as valid_from, to_char(t.valid_to, 'YYYY-MM-DD') as valid_to,
                    coalesce(m.ytd, 0)::text as ytd, coalesce(m.last_ytd, 0)::text as last_ytd,
                    coalesce(m.through, 0)::text as through, coalesce(m.reports, 0) as reports,
                    coalesce(y.planned_wan, 0)::text as planned_wan, coalesce(y.listed_count, 0) as listed_count,
                    coalesce(p.project_count, 0) as project_count, coalesce(p.total, 0)::text as total,
                    coalesce(p.funds, 0)::text as funds, coalesce(p.opening, 0)::text as opening,
                    p.counts,
                    coalesce(s.planned, 0) as planned, coalesce(s.started, 0) as started,
                    coalesce(o.overdue, 0) as overdue
               from tenant t
               left join lateral (
                 select sum(completed_wan) filter (where r.period >= year_start) as ytd,
                        sum(completed_wan) filter (where r.period between last_start and last_period) as last_ytd,
                        sum(completed_wan) as through,
                        sum(report_count) filter (where r.period = kp_rollup_read.period)::int as reports
                   from rollup_month r where r.tenant_code = t.code and r.period <= kp_rollup_read.period) m on true
               left join rollup_year y on y.tenant_code = t.code and y.year = the_year
               left join lateral (
                 select sum(project_count)::int as project_count, sum(total_investment_wan) as total,
                        sum(funds_in_place_wan) as funds, sum(opening_wan) as opening,
                        json_agg(json_build_array(stage, category, project_count)) as counts
                   from rollup_project where tenant_code = t.code and project_count <> 0) p on true
               left join lateral (
                 select sum(project_count)::int as planned,
                        (sum(project_count) filter (where bucket <= the_month))::int as started
                   from rollup_start where tenant_code = t.code and year = the_year) s on true
               left join lateral (
                 select sum(open)::int as overdue from (
                   select due_count - settled_count as open from rollup_milestone_month
                    where tenant_code = t.code and month < as_of_month
                   union all
                   select due_count - settled_count from rollup_milestone
                    where tenant_code = t.code and day between as_of_month and as_of) z) o on true
              where (t.code = root or (with_children and t.parent_code = root))
                and t.path <@ kp_read_root()) x),
          'rules', (select row_to_json(r) from traffic_light_rule r
                     where r.city_code = (select split_part(t.path::text, '.', 1) from tenant t where t.code = root)),
          -- The root's monthly series, from January of the first month's year (for year-to-date sums).
          'trend', case when trend_from is not null then json_build_object(
            'months', (select json_agg(x) from (select to_char(m.period, 'YYYY-MM-DD') as period, m.completed_wan::text as completed_wan
                                                  from rollup_month m where m.tenant_code = root
                                                   and m.period between date_trunc('year', trend_from)::date and trend_to) x),
            'plans', (select json_agg(x) from (select y.year, y.planned_wan::text as planned_wan
                                                 from rollup_year y where y.tenant_code = root
                                                  and y.year between extract(year from trend_from) and extract(year from trend_to)) x)) end);
      end $$;`);
    this.addSql(`revoke execute on function kp_rollup_read(varchar, boolean, date, date, date, date) from public;`);
    this.addSql(`grant execute on function kp_rollup_read(varchar, boolean, date, date, date, date) to kp_app;`);
    // Superseded by kp_rollup_read: nothing calls it any more.
    this.addSql(`drop function if exists kp_rollup_figures(varchar[], date, date);`);
  }

  /** Going back past this migration leaves the application without its reader: migrate `Rollups` down too. */
  override async down(): Promise<void> {
    this.addSql(`drop function if exists kp_rollup_read(varchar, boolean, date, date, date, date);`);
  }
}
