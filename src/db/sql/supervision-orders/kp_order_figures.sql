-- kp_order_figures: Supervision order figures per tenant subtree on a day: issued, open, overdue,
-- closed. Each order counts from the day it was issued, in the status of its last step on or before
-- that day; it is placed at the tenant it concerns, or by location (属地) where its project is built.
-- Tenants outside the viewer's read root are left out, as in kp_blocker_figures.
--
-- Called by: src/modules/supervision-order/supervision-order.loaders.ts

create or replace function kp_order_figures(
  codes varchar[],
  as_of date,
  by_location boolean default false
)
  returns table (
    tenant_code varchar,
    issued_count integer,
    open_count integer,
    overdue_count integer,
    closed_count integer
  )
  language sql
  stable security definer
  set search_path = public
as $$
  with roots as (
    select t.code, t.path from tenant t where t.code = any(codes) and t.path <@ kp_read_root()),
  state as (
    select o.deadline_on, place.path as place_path, e.status_after as status
      from supervision_order o
      left join project p on p.id = o.project_id
      join tenant place on place.code = case when by_location and p.id is not null
                                             then coalesce(p.location_tenant_code, p.owner_tenant_code)
                                             else o.owner_tenant_code end
      join lateral (select ev.status_after from supervision_order_event ev
                     where ev.order_id = o.id and (ev.acted_at at time zone 'Asia/Shanghai')::date <= as_of
                     order by ev.seq desc limit 1) e on true
     where place.path <@ kp_read_root())
  select r.code::varchar,
         count(*)::int,
         (count(*) filter (where s.status <> 'CLOSED'))::int,
         (count(*) filter (where s.status <> 'CLOSED' and s.deadline_on < as_of))::int,
         (count(*) filter (where s.status = 'CLOSED'))::int
    from roots r join state s on s.place_path <@ r.path
   group by r.code
$$;

revoke execute on function kp_order_figures(varchar[], date, boolean) from public;
grant execute on function kp_order_figures(varchar[], date, boolean) to kp_app;
