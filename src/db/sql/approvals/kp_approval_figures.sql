-- kp_approval_figures: Preparatory approval figures (前期手续) per tenant subtree on a day: items
-- pending (未批复), of which submitted (已报审) and overdue (超时限或超计划办结), and projects held
-- up by an approval (卡在手续, kp_approval_blocked_projects: the rule the project list's filter uses
-- too). Placed and scoped as kp_order_figures.
--
-- Called by: src/modules/approval/approval.loaders.ts

create or replace function kp_approval_figures(
  codes varchar[],
  as_of date,
  by_location boolean default false
)
  returns table (
    tenant_code varchar,
    pending_count integer,
    submitted_count integer,
    overdue_count integer,
    held_up_project_count integer
  )
  language sql
  stable security definer
  set search_path = public
as $$
  with roots as (
    select t.code, t.path from tenant t where t.code = any(codes) and t.path <@ kp_read_root()),
  items as (select * from kp_approval_items(as_of, by_location)),
  held_up as (
    select place.path as place_path
      from project p
      join tenant place on place.code = case when by_location then coalesce(p.location_tenant_code, p.owner_tenant_code)
                                             else p.owner_tenant_code end
     where place.path <@ kp_read_root()
       -- A join here, unlike the project list's hashed set (heldUpCondition): with no row-level
       -- security in the way the planner estimates the subtree's projects well and drives the rule
       -- from them (a county of 544 among 10,000 projects: 2.4 ms; the hashed set of all: 40 ms).
       and p.id in (select b.project_id from kp_approval_blocked_projects(as_of) b))
  select r.code::varchar,
         coalesce(i.pending, 0), coalesce(i.submitted, 0), coalesce(i.overdue, 0), coalesce(h.held, 0)
    from roots r
    left join lateral (select count(*)::int as pending,
                              (count(*) filter (where it.is_submitted))::int as submitted,
                              (count(*) filter (where it.is_overdue))::int as overdue
                         from items it where it.place_path <@ r.path) i on true
    left join lateral (select count(*)::int as held from held_up hu where hu.place_path <@ r.path) h on true
$$;

revoke execute on function kp_approval_figures(varchar[], date, boolean) from public;
grant execute on function kp_approval_figures(varchar[], date, boolean) to kp_app;
