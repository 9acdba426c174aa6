-- kp_record_approval_change: Row trigger: the change_event row for a checklist item of a project's
-- preparatory approvals (前期手续) a viewer sets or clears, or a start exception (容缺开工) a leader
-- records, under the project's owner, so projectChanged carries it.
--
-- Called by: the triggers project_approval_change_event on project_approval and
--   project_start_exception_change_event on project_start_exception

create or replace function kp_record_approval_change()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  declare
    subject text := kp_subject();
    before jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
    after jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
    row_data jsonb := coalesce(after, before);
    the_project uuid := (row_data ->> 'project_id')::uuid;
    diff jsonb;
    owner record;
  begin
    if subject is null then
      return null;
    end if;
    diff := kp_changed_columns(before, after, array['id', 'project_id', 'created_at', 'updated_at', 'version', 'recorded_at']);
    if diff = '{}'::jsonb then
      return null;
    end if;
    select t.code, t.path into owner from project p join tenant t on t.code = p.owner_tenant_code where p.id = the_project;
    -- A project being deleted takes its checklist along: its own event says so.
    if owner.code is null then
      return null;
    end if;
    if tg_table_name = 'project_start_exception' then
      diff := diff || jsonb_build_object('startException', kp_change_subject(tg_op, row_data ->> 'id'));
      insert into change_event (kind, tenant_code, tenant_path, project_id, actor_subject, actor_name, changes)
      values ('START_EXCEPTION_RECORDED', owner.code, owner.path, the_project, subject, kp_actor_name(), diff);
    else
      diff := diff || jsonb_build_object('approval', kp_change_subject(tg_op, row_data ->> 'id'));
      insert into change_event (kind, tenant_code, tenant_path, project_id, actor_subject, actor_name, changes)
      values ('APPROVAL_CHANGED', owner.code, owner.path, the_project, subject, kp_actor_name(), diff);
    end if;
    return null;
  end
$$;

revoke execute on function kp_record_approval_change() from public;
