-- kp_funding_source_figures: The plan, the completion and the funds by funding source (资金来源) of
-- tenant subtrees for one month of a year: the year's annual plans split by their sources (what a
-- plan leaves unnamed under a null source), the approved reports' completion from January through
-- the month (rollup_report_source_month, summed over the root's own rows as kp_rollup_read sums
-- rollup_report_month: by location every row, by owner the rows not `located`), the arrivals this
-- year through the month's last day and in place to date. A project is placed where it is owned,
-- or by location (属地) where it is built. Roots outside the viewer's read root are left out, as in
-- kp_rollup_read and the other subtree figures.
--
-- Security definer, scoped by kp_read_root() as those are: a subtree the viewer reads is read whole,
-- so the row-level security of plans and arrivals would check each of their rows against its
-- project's policy for nothing. Under it, a city of 10,000 projects spent half the statement on
-- those checks (138 ms, 74 ms without them).
--
-- Called by: src/modules/rollup/rollup-funding.ts

create or replace function kp_funding_source_figures(
  codes varchar[],
  year integer,
  month_first date,
  by_location boolean default false
)
  returns table (
    root varchar,
    source text,
    planned numeric,
    completed numeric,
    arrived_this_year numeric,
    in_place numeric
  )
  language sql
  stable security definer
  set search_path = public
as $$
  with roots as (
    select t.code, t.path from tenant t where t.code = any(codes) and t.path <@ kp_read_root()),
  -- Placed where owned, or by location where built (coalesce(location, owner)), as two arms that
  -- walk the subtree's tenants through the owner and the location indexes.
  placed as (
    select r.code as root, p.id
      from roots r
      join tenant s on s.path <@ r.path
      join project p on p.owner_tenant_code = s.code
     where not by_location or p.location_tenant_code is null
    union all
    select r.code, p.id
      from roots r
      join tenant s on s.path <@ r.path
      join project p on p.location_tenant_code = s.code
     where by_location),
  planned as (
    select pl.root, x.source, sum(x.amount) as planned
      from placed pl
      join project_annual_plan ap on ap.project_id = pl.id and ap.year = kp_funding_source_figures.year
      cross join lateral (
        select e ->> 'source' as source, (e ->> 'amountWan')::numeric as amount from jsonb_array_elements(ap.funding_sources) e
        union all
        select null, ap.planned_investment_wan
                     - coalesce((select sum((e ->> 'amountWan')::numeric) from jsonb_array_elements(ap.funding_sources) e), 0)
      ) x
     group by 1, 2),
  completed as (
    select m.tenant_code as root, nullif(m.source, '') as source, sum(m.completed_wan) as completed
      from rollup_report_source_month m
      join roots r on r.code = m.tenant_code
     where m.period between make_date(kp_funding_source_figures.year, 1, 1) and month_first
       and (by_location or not m.located)
     group by 1, 2),
  arrived as (
    select pl.root, fa.source::text as source,
           sum(fa.amount_wan) filter (where fa.arrived_on >= make_date(kp_funding_source_figures.year, 1, 1)) as arrived_this_year,
           sum(fa.amount_wan) as in_place
      from placed pl
      join fund_arrival fa on fa.project_id = pl.id
                          and fa.arrived_on <= (month_first + interval '1 month' - interval '1 day')::date
     group by 1, 2)
  select coalesce(pn.root, c.root, a.root)::varchar, coalesce(pn.source, c.source, a.source),
         pn.planned, c.completed, a.arrived_this_year, a.in_place
    from planned pn
    full join completed c on c.root = pn.root and c.source is not distinct from pn.source
    full join arrived a on a.root = coalesce(pn.root, c.root) and a.source is not distinct from coalesce(pn.source, c.source)
$$;

revoke execute on function kp_funding_source_figures(varchar[], integer, date, boolean) from public;
grant execute on function kp_funding_source_figures(varchar[], integer, date, boolean) to kp_app;
