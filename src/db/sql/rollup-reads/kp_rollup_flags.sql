-- kp_rollup_flags: Projects with an overdue milestone / an open blocker per tenant on a day, from
-- the flag rollups.
--
-- Called by: src/modules/rollup/rollup.loaders.ts

create or replace function kp_rollup_flags(
  root varchar,
  with_children boolean,
  as_of date,
  by_location boolean default false
)
  returns json
  language sql
  stable security definer
  set search_path = public
as $$
  select json_object_agg(t.code, json_build_object('projects_with_overdue_milestone', coalesce(f.overdue, 0),
                                                   'projects_with_open_blocker', coalesce(f.blocked, 0)))
    from tenant t
    cross join lateral (
      select (sum(z.change) filter (where z.flag = 'OVERDUE_MILESTONE'))::int as overdue,
             (sum(z.change) filter (where z.flag = 'OPEN_BLOCKER'))::int as blocked
        from (select m.flag, m.change from rollup_flag_month m
               where m.tenant_code = t.code and m.month < date_trunc('month', as_of)::date and (by_location or not m.located)
              union all
              select d.flag, d.change from rollup_flag d
               where d.tenant_code = t.code and d.day between date_trunc('month', as_of)::date and as_of
                 and (by_location or not d.located)) z) f
   where (t.code = root or (with_children and t.parent_code = root)) and t.path <@ kp_read_root()
$$;

revoke execute on function kp_rollup_flags(varchar, boolean, date, boolean) from public;
grant execute on function kp_rollup_flags(varchar, boolean, date, boolean) to kp_app;
