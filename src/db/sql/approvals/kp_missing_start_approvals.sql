-- kp_missing_start_approvals: The approvals a project still lacks before it may be confirmed
-- started (开工前置手续): the kinds its city requires to start that it has neither approved nor
-- marked NOT_NEEDED (never recorded counts as missing), in the list's order; nothing once a leader
-- recorded a start exception (容缺开工). Runs as the viewer: row-level security applies.
--
-- Called by: src/modules/project/start-gate.ts (a manager's stage change, a report's approval)

create or replace function kp_missing_start_approvals(the_project uuid)
  returns table (code varchar, name varchar)
  language sql
  stable
  set search_path = public
as $$
  select k.code, k.name
    from project p
    join tenant t on t.code = p.owner_tenant_code
    join approval_kind k on k.city_code = subpath(t.path, 0, 1)::text and k.is_required_to_start
   where p.id = the_project
     and not exists (select 1 from project_start_exception x where x.project_id = p.id)
     and not exists (select 1 from project_approval a
                      where a.project_id = p.id and a.kind_id = k.id and a.state in ('NOT_NEEDED', 'APPROVED'))
   order by k.position, k.code
$$;

revoke execute on function kp_missing_start_approvals(uuid) from public;
grant execute on function kp_missing_start_approvals(uuid) to kp_app;
