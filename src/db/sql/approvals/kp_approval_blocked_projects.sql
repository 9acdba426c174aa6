-- kp_approval_blocked_projects: The projects held up by an approval (手续制约开工) on a day: before
-- the start by then (the latest step of its stage history recorded for a day up to it), without a
-- start exception (容缺开工) recorded by then, and with an approval its city requires to start
-- neither approved by then nor marked NOT_NEEDED (an item never recorded counts as not started).
-- The one rule behind the figure (kp_approval_figures) and the list it drills down to (the
-- projects' `heldUpByApprovals` filter), so the count and the list agree.
--
-- A set rather than a yes/no per project: a SQL function whose body has a subquery is never inlined
-- when called per row, so each of a city's projects paid a call of its own (with its own plan of
-- the row-level security subqueries) and the list took over 30 s at 10,000 projects. A set-returning
-- SQL function with no SET clause and no security definer is inlined into the caller's FROM, where
-- it keeps the caller's rights and the planner joins it like any subquery. Named to sort before its
-- first caller (the files are applied in path order and a SQL body is checked as it is created).
--
-- Under a viewer's row-level security, test membership as `(p.id in (select ... from
-- kp_approval_blocked_projects(day))) is true` (or `is false`): one hashed set per statement, not a
-- join planned on the set's estimated size, which the policies make far off (see heldUpCondition
-- in src/modules/project/project-list.ts). A security definer caller joins it (kp_approval_figures).
--
-- Called by: kp_approval_figures, src/modules/project/project-list.ts

create or replace function kp_approval_blocked_projects(as_of date)
  returns table (project_id uuid)
  language sql
  stable
as $$
  select p.id
    from public.project p
    join public.tenant owner on owner.code = p.owner_tenant_code
   where (select c.to_stage from public.project_stage_change c
           where c.project_id = p.id and c.changed_on <= as_of
           order by c.changed_on desc, c.recorded_at desc, c.id desc limit 1) < 'STARTED'
     and not exists (select 1 from public.project_start_exception x
                      where x.project_id = p.id and (x.recorded_at at time zone 'Asia/Shanghai')::date <= as_of)
     and exists (select 1 from public.approval_kind k
                  where k.city_code = subpath(owner.path, 0, 1)::text and k.is_required_to_start
                    and not exists (select 1 from public.project_approval a
                                     where a.project_id = p.id and a.kind_id = k.id
                                       and (a.state = 'NOT_NEEDED' or a.approved_on <= as_of)))
$$;

revoke execute on function kp_approval_blocked_projects(date) from public;
grant execute on function kp_approval_blocked_projects(date) to kp_app;
