-- kp_light_project_counts: Projects with an overdue milestone / an open blocker per tenant on a
-- day, counted from the raw rows. Superseded by kp_rollup_flags (RollupProjectFlags), which left
-- it for the previous release's pods during a rolling update; nothing in this release calls it. A
-- later migration may drop it.
--
-- Called by: nothing in this release

create or replace function kp_light_project_counts(codes varchar[], as_of date)
  returns table (tenant_code varchar, with_overdue_milestone integer, with_open_blocker integer)
  language sql
  stable security definer
  set search_path = public
as $$
  with flags as (
    select m.project_id, true as overdue, false as blocked from milestone m
     where m.due_on < as_of and (m.done_on is null or m.done_on > as_of)
    union all
    select b.project_id, false, true from blocker b
      join lateral (select ev.status_after from blocker_event ev
                     where ev.blocker_id = b.id and (ev.at at time zone 'Asia/Shanghai')::date <= as_of
                     order by ev.seq desc limit 1) e on true
     where e.status_after in ('OPEN', 'IN_PROGRESS')),
  by_owner as (
    select p.owner_tenant_code as code, count(*) filter (where f.overdue) as overdue, count(*) filter (where f.blocked) as blocked
      from (select project_id, bool_or(overdue) as overdue, bool_or(blocked) as blocked from flags group by project_id) f
      join project p on p.id = f.project_id
     group by p.owner_tenant_code)
  select r.code::varchar, sum(o.overdue)::int, sum(o.blocked)::int
    from tenant r
    join tenant t on t.path <@ r.path
    join by_owner o on o.code = t.code
   where r.code = any(codes) and r.path <@ kp_read_root()
   group by r.code
$$;

revoke execute on function kp_light_project_counts(varchar[], date) from public;
grant execute on function kp_light_project_counts(varchar[], date) to kp_app;
