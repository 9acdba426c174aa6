-- kp_approval_figures: Preparatory approval figures (前期手续) per tenant subtree on a day: items
-- pending (未批复), of which submitted (已报审) and overdue (超时限或超计划办结), and projects held
-- up by an approval (卡在手续): before the start on that day (their stage history), without a start
-- exception (容缺开工), and with an approval their city requires to start not approved by then
-- and not marked NOT_NEEDED (an item never recorded counts as not started). Placed and scoped as
-- kp_order_figures.
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
      join lateral (select c.to_stage from project_stage_change c
                     where c.project_id = p.id and c.changed_on <= as_of
                     order by c.changed_on desc, c.recorded_at desc, c.id desc limit 1) stage on true
     where place.path <@ kp_read_root()
       and stage.to_stage < 'STARTED'
       and not exists (select 1 from project_start_exception x
                        where x.project_id = p.id and (x.recorded_at at time zone 'Asia/Shanghai')::date <= as_of)
       and exists (select 1 from approval_kind k
                    where k.city_code = subpath(place.path, 0, 1)::text and k.is_required_to_start
                      and not exists (select 1 from project_approval a
                                       where a.project_id = p.id and a.kind_id = k.id
                                         and (a.state = 'NOT_NEEDED' or a.approved_on <= as_of))))
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
