-- kp_approval_office_figures: The pending preparatory approvals of each tenant subtree on a day,
-- per approving office (审批部门): pending, submitted, overdue (red) and warned (yellow) items, for
-- the office's approval light (审批信号灯). Placed and scoped as kp_approval_figures.
--
-- Called by: src/modules/approval/approval.loaders.ts

create or replace function kp_approval_office_figures(
  codes varchar[],
  as_of date,
  by_location boolean default false
)
  returns table (
    tenant_code varchar,
    office varchar,
    pending_count integer,
    submitted_count integer,
    overdue_count integer,
    warned_count integer
  )
  language sql
  stable security definer
  set search_path = public
as $$
  select r.code::varchar, it.office,
         count(*)::int,
         (count(*) filter (where it.is_submitted))::int,
         (count(*) filter (where it.is_overdue))::int,
         (count(*) filter (where it.is_warned and not it.is_overdue))::int
    from tenant r
    join kp_approval_items(as_of, by_location) it on it.place_path <@ r.path
   where r.code = any(codes) and r.path <@ kp_read_root()
   group by r.code, it.office
   order by r.code, count(*) filter (where it.is_overdue) desc, count(*) desc, it.office
$$;

revoke execute on function kp_approval_office_figures(varchar[], date, boolean) from public;
grant execute on function kp_approval_office_figures(varchar[], date, boolean) to kp_app;
