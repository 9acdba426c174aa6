-- kp_located_project_ids: Projects built (属地) inside the viewer's read root, whoever owns them: the
-- location half of the read policies. SECURITY DEFINER: the assignment policy must not read
-- project, whose policy reads assignments.
--
-- Called by: the row-level security policies of project_assignment

create or replace function kp_located_project_ids()
  returns setof uuid
  language sql
  stable security definer
  set search_path = public
as $$
  select p.id from project p join tenant t on t.code = p.location_tenant_code where t.path <@ kp_read_root()
$$;

revoke execute on function kp_located_project_ids() from public;
grant execute on function kp_located_project_ids() to kp_app;
