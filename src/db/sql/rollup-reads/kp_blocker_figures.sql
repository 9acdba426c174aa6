-- kp_blocker_figures: Blocker figures per tenant and blocker type on a day: open, overdue,
-- escalated, raised, resolved.
--
-- Called by: src/modules/blocker/blocker.loaders.ts

create or replace function kp_blocker_figures(
  codes varchar[],
  as_of date,
  by_location boolean default false
)
  returns table (
    tenant_code varchar,
    type blocker_type,
    open_count integer,
    overdue_count integer,
    escalated_count integer,
    raised_count integer,
    resolved_count integer
  )
  language sql
  stable security definer
  set search_path = public
as $$
  with roots as (
    select t.code, t.path from tenant t where t.code = any(codes) and t.path <@ kp_read_root()),
  state as (
    select b.type, b.deadline_on, o.path as place_path, e.status_after as status, e.escalated_to_after as escalated_to
      from blocker b
      join project p on p.id = b.project_id
      join tenant o on o.code = case when by_location then coalesce(p.location_tenant_code, p.owner_tenant_code) else p.owner_tenant_code end
      join lateral (select ev.status_after, ev.escalated_to_after from blocker_event ev
                     where ev.blocker_id = b.id and (ev.at at time zone 'Asia/Shanghai')::date <= as_of
                     order by ev.seq desc limit 1) e on true
     where o.path <@ kp_read_root())
  select r.code::varchar, s.type,
         (count(*) filter (where s.status in ('OPEN', 'IN_PROGRESS')))::int,
         (count(*) filter (where s.status in ('OPEN', 'IN_PROGRESS') and s.deadline_on < as_of))::int,
         (count(*) filter (where s.status in ('OPEN', 'IN_PROGRESS') and s.escalated_to is not null))::int,
         count(*)::int,
         (count(*) filter (where s.status in ('RESOLVED', 'CLOSED')))::int
    from roots r join state s on s.place_path <@ r.path
   group by r.code, s.type
$$;

revoke execute on function kp_blocker_figures(varchar[], date, boolean) from public;
grant execute on function kp_blocker_figures(varchar[], date, boolean) to kp_app;
