-- kp_flag_spans: The spans of days a project had an overdue milestone or an open blocker (all
-- projects when `projects` is null).
--
-- Called by: kp_rebuild_rollups, kp_refresh_flag_spans

create or replace function kp_flag_spans(projects uuid[])
  returns table (project_id uuid, flag varchar, from_on date, to_on date)
  language sql
  stable
  set search_path = public
as $$
  with spells as (
    select m.project_id, 'OVERDUE_MILESTONE'::varchar as flag, m.due_on + 1 as from_on, m.done_on as to_on
      from milestone m
     where (projects is null or m.project_id = any(projects)) and (m.done_on is null or m.done_on > m.due_on + 1)
    union all
    -- A blocker's step standing at the end of each day it has steps: the latest by seq recorded by then.
    select d.project_id, 'OPEN_BLOCKER', d.day, d.next_day
      from (select s.project_id, s.day, lead(s.day) over (partition by s.blocker_id order by s.day) as next_day, e.status_after
              from (select g.project_id, g.blocker_id, g.day, max(g.seq) over (partition by g.blocker_id order by g.day) as seq
                      from (select b.project_id, ev.blocker_id, (ev.at at time zone 'Asia/Shanghai')::date as day, max(ev.seq) as seq
                              from blocker_event ev join blocker b on b.id = ev.blocker_id
                             where projects is null or b.project_id = any(projects)
                             group by 1, 2, 3) g) s
              join blocker_event e on e.blocker_id = s.blocker_id and e.seq = s.seq) d
     where d.status_after in ('OPEN', 'IN_PROGRESS')),
  reach as (
    select s.*, max(coalesce(s.to_on, 'infinity'::date)) over (partition by s.project_id, s.flag order by s.from_on, s.to_on
                                                                  rows between unbounded preceding and 1 preceding) as reached
      from spells s),
  islands as (
    select r.*, count(*) filter (where r.reached is null or r.from_on > r.reached)
                  over (partition by r.project_id, r.flag order by r.from_on, r.to_on rows unbounded preceding) as island
      from reach r)
  select i.project_id, i.flag, min(i.from_on), nullif(max(coalesce(i.to_on, 'infinity'::date)), 'infinity'::date)
    from islands i
   group by i.project_id, i.flag, i.island
$$;

revoke execute on function kp_flag_spans(uuid[]) from public;
