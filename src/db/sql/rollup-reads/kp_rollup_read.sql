-- kp_rollup_read: The figures of Rollup for a tenant (and its children) for a period, from the
-- rollup tables, within the viewer's read root; one call per request batch.
--
-- Called by: src/modules/rollup/rollup.loaders.ts

create or replace function kp_rollup_read(
  root varchar,
  with_children boolean,
  period date,
  as_of date,
  trend_from date default null,
  trend_to date default null,
  by_location boolean default false,
  breakdown boolean default false
)
  returns json
  language plpgsql
  stable security definer
  set search_path = public
as $$
  declare
    year_start date := date_trunc('year', period)::date;
    last_period date := (period - interval '1 year')::date;
    last_start date := date_trunc('year', period - interval '1 year')::date;
    the_year smallint := extract(year from period)::smallint;
    the_month smallint := extract(month from period)::smallint;
    as_of_month date := date_trunc('month', as_of)::date;
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
                coalesce(m.through, 0)::text as through, coalesce(m.reports, 0) as reports, coalesce(m.pending, 0)::text as pending,
                coalesce(y.planned, 0)::text as planned_wan, coalesce(y.listed, 0) as listed_count,
                coalesce(p.project_count, 0) as project_count, coalesce(p.total, 0)::text as total,
                coalesce(f.funds, 0)::text as funds, coalesce(f.funds_ytd, 0)::text as funds_ytd, coalesce(p.opening, 0)::text as opening,
                p.counts,
                coalesce(y.new_listed, 0) as planned, coalesce(y.new_started, 0) as started, coalesce(y.annual_started, 0) as annual_started,
                coalesce(o.overdue, 0) as overdue,
                coalesce(g.target, 0)::text as target,
                c.categories, l.levels
           from tenant t
           left join lateral (
             select json_agg(json_build_array(q.stage, q.category, q.n)) filter (where q.n <> 0) as counts,
                    sum(q.n)::int as project_count, sum(q.total) as total, sum(q.opening) as opening
               from (select stage, category, sum(project_count)::int as n, sum(total_investment_wan) as total, sum(opening_wan) as opening
                       from rollup_project where tenant_code = t.code and (by_location or not located) group by stage, category) q) p on true
           left join lateral (
             select sum(listed_count)::int as listed, sum(planned_wan) as planned,
                    (sum(listed_count) filter (where nature = 'NEW'))::int as new_listed,
                    (sum(listed_count) filter (where nature = 'NEW' and bucket <= the_month))::int as new_started,
                    (sum(listed_count) filter (where nature = 'CONTINUING' or bucket <= the_month))::int as annual_started
               from rollup_list where tenant_code = t.code and year = the_year and (by_location or not located)) y on true
           left join lateral (
             select sum(completed_wan) filter (where r.period >= year_start) as ytd,
                    sum(completed_wan) filter (where r.period between last_start and last_period) as last_ytd,
                    sum(completed_wan) as through,
                    (sum(report_count) filter (where r.period = kp_rollup_read.period))::int as reports,
                    sum(pending_wan) filter (where r.period >= year_start) as pending
               from rollup_report_month r where tenant_code = t.code and r.period <= kp_rollup_read.period and (by_location or not located)) m on true
           left join lateral (
             select sum(arrived_wan) as funds, sum(arrived_wan) filter (where a.period >= year_start) as funds_ytd
               from rollup_funds a where tenant_code = t.code and a.period <= kp_rollup_read.period and (by_location or not located)) f on true
           -- The breakdown by category, only when asked: every source grouped by category.
           left join lateral (
             select json_agg(json_build_array(k.category, k.project_count, k.total::text, k.funds::text, k.funds_ytd::text,
                                              k.listed, k.planned::text, k.new_listed, k.new_started, k.annual_started,
                                              k.ytd::text, k.last_ytd::text, k.pending::text) order by k.category) as categories
               from (select u.category, sum(u.project_count)::int as project_count, sum(u.total) as total,
                            sum(u.listed)::int as listed, sum(u.planned) as planned, sum(u.new_listed)::int as new_listed,
                            sum(u.new_started)::int as new_started, sum(u.annual_started)::int as annual_started,
                            sum(u.ytd) as ytd, sum(u.last_ytd) as last_ytd, sum(u.pending) as pending,
                            sum(u.funds) as funds, sum(u.funds_ytd) as funds_ytd
                       from (
                         select category, project_count, total_investment_wan as total,
                                0 as listed, 0::numeric as planned, 0 as new_listed, 0 as new_started, 0 as annual_started,
                                0::numeric as ytd, 0::numeric as last_ytd, 0::numeric as pending, 0::numeric as funds, 0::numeric as funds_ytd
                           from rollup_project where breakdown and tenant_code = t.code and (by_location or not located)
                         union all
                         select category, 0, 0, listed_count, planned_wan,
                                case when nature = 'NEW' then listed_count else 0 end,
                                case when nature = 'NEW' and bucket <= the_month then listed_count else 0 end,
                                case when nature = 'CONTINUING' or bucket <= the_month then listed_count else 0 end,
                                0, 0, 0, 0, 0
                           from rollup_list where breakdown and tenant_code = t.code and year = the_year and (by_location or not located)
                         union all
                         select category, 0, 0, 0, 0, 0, 0, 0,
                                case when r.period >= year_start then completed_wan else 0 end,
                                case when r.period between last_start and last_period then completed_wan else 0 end,
                                case when r.period >= year_start then pending_wan else 0 end,
                                0, 0
                           from rollup_report_month r
                          where breakdown and tenant_code = t.code and r.period between last_start and kp_rollup_read.period and (by_location or not located)
                         union all
                         select category, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, arrived_wan,
                                case when a.period >= year_start then arrived_wan else 0 end
                           from rollup_funds a where breakdown and tenant_code = t.code and a.period <= kp_rollup_read.period and (by_location or not located)) u
                      group by u.category) k) c on true
           left join lateral (
             select json_agg(json_build_array(k.level, k.listed, k.planned::text, k.new_listed, k.new_started, k.annual_started,
                                              k.ytd::text, k.last_ytd::text, k.pending::text) order by k.level) as levels
               from (select u.level, sum(u.listed)::int as listed, sum(u.planned) as planned, sum(u.new_listed)::int as new_listed,
                            sum(u.new_started)::int as new_started, sum(u.annual_started)::int as annual_started,
                            sum(u.ytd) as ytd, sum(u.last_ytd) as last_ytd, sum(u.pending) as pending
                       from (
                         select level, listed_count as listed, planned_wan as planned,
                                case when nature = 'NEW' then listed_count else 0 end as new_listed,
                                case when nature = 'NEW' and bucket <= the_month then listed_count else 0 end as new_started,
                                case when nature = 'CONTINUING' or bucket <= the_month then listed_count else 0 end as annual_started,
                                0::numeric as ytd, 0::numeric as last_ytd, 0::numeric as pending
                           from rollup_level_list where breakdown and tenant_code = t.code and year = the_year and (by_location or not located)
                         union all
                         select level, 0, 0, 0, 0, 0,
                                case when r.period >= year_start then completed_wan else 0 end,
                                case when r.period between last_start and last_period then completed_wan else 0 end,
                                case when r.period >= year_start then pending_wan else 0 end
                           from rollup_level_month r
                          where breakdown and tenant_code = t.code and r.period between last_start and kp_rollup_read.period and (by_location or not located)) u
                      group by u.level) k) l on true
           left join lateral (
             select sum(open)::int as overdue from (
               select due_count - settled_count as open from rollup_milestone_month
                where tenant_code = t.code and month < as_of_month and (by_location or not located)
               union all
               select due_count - settled_count from rollup_milestone
                where tenant_code = t.code and day between as_of_month and as_of and (by_location or not located)) z) o on true
           left join lateral (
             select sum(target_wan) as target from rollup_target g
              where g.tenant_code = t.code and g.period between year_start and kp_rollup_read.period and (by_location or not located)) g on true
          where (t.code = root or (with_children and t.parent_code = root))
            and t.path <@ kp_read_root()) x),
      'rules', (select row_to_json(r) from traffic_light_rule r
                 where r.city_code = (select split_part(t.path::text, '.', 1) from tenant t where t.code = root)),
      -- The root's monthly series and targets, from January of the first month's year (for year-to-date sums).
      'trend', case when trend_from is not null then json_build_object(
        'months', (select json_agg(x) from (
                     select to_char(m.period, 'YYYY-MM-DD') as period, sum(m.completed_wan)::text as completed_wan
                       from rollup_report_month m
                      where m.tenant_code = root and m.period between date_trunc('year', trend_from)::date and trend_to and (by_location or not located)
                      group by m.period) x),
        'plans', (select json_agg(x) from (
                    select y.year, sum(y.planned_wan)::text as planned_wan from rollup_list y
                     where y.tenant_code = root and y.year between extract(year from trend_from) and extract(year from trend_to) and (by_location or not located)
                     group by y.year) x),
        -- The monthly targets of the years' plans (任务分解), same range as the months.
        'targets', (select json_agg(x) from (
                      select to_char(g.period, 'YYYY-MM-DD') as period, sum(g.target_wan)::text as target_wan
                        from rollup_target g
                       where g.tenant_code = root and g.period between date_trunc('year', trend_from)::date and trend_to and (by_location or not located)
                       group by g.period) x)) end);
  end
$$;

revoke execute on function kp_rollup_read(varchar, boolean, date, date, date, date, boolean, boolean) from public;
grant execute on function kp_rollup_read(varchar, boolean, date, date, date, date, boolean, boolean) to kp_app;
