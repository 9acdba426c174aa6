-- kp_record_change: Row trigger: writes the change_event (outbox) row for a change a viewer makes
-- to a project, its reports, milestones, plans or assignments, in the same transaction.
--
-- Called by: the triggers ? on milestone, progress_report, project, project_annual_plan,
--   project_assignment

create or replace function kp_record_change()
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
    diff jsonb;
    the_project uuid;
    the_kind text;
    owner record;
  begin
    if subject is null then
      return null;
    end if;
    diff := kp_changed_columns(before, after, array['id', 'project_id', 'created_at', 'updated_at', 'recorded_at', 'started_on',
                                                    'version', 'overdue_announced_on']);
    if diff = '{}'::jsonb then
      return null;
    end if;
    the_project := (case when tg_table_name = 'project' then row_data ->> 'id' else row_data ->> 'project_id' end)::uuid;
    the_kind := case tg_table_name
      when 'project' then case when tg_op = 'INSERT' then 'PROJECT_CREATED' when diff ? 'stage' then 'STAGE_CHANGED'
                               else 'PROJECT_UPDATED' end
      when 'progress_report' then kp_report_event_kind(tg_op, after, diff)
      when 'milestone' then case when tg_op = 'INSERT' then 'MILESTONE_ADDED' when tg_op = 'DELETE' then 'MILESTONE_REMOVED'
                                 when diff ? 'done_on' and after ->> 'done_on' is not null then 'MILESTONE_DONE'
                                 when diff ? 'done_on' then 'MILESTONE_REOPENED'
                                 else 'MILESTONE_CHANGED' end
      when 'project_assignment' then 'ASSIGNMENT_CHANGED'
      when 'project_annual_plan' then 'ANNUAL_PLAN_CHANGED'
    end;
    -- Assignment events name whose rights changed, so that live streams can follow them.
    if tg_table_name = 'project_assignment' then
      diff := diff || jsonb_build_object('subject', jsonb_build_object('before', before ->> 'subject', 'after', row_data ->> 'subject'));
    end if;
    diff := diff || case tg_table_name
        when 'progress_report' then jsonb_build_object('report', kp_change_subject(tg_op, row_data ->> 'id'))
        when 'milestone' then jsonb_build_object('milestone', kp_change_subject(tg_op, row_data ->> 'id'))
        when 'project_assignment' then jsonb_build_object('assignment', kp_change_subject(tg_op, row_data ->> 'id'))
        when 'project_annual_plan' then jsonb_build_object('year', kp_change_subject(tg_op, row_data ->> 'year'))
        else '{}'::jsonb end;
    select t.code, t.path into owner from project p join tenant t on t.code = p.owner_tenant_code where p.id = the_project;
    insert into change_event (kind, tenant_code, tenant_path, project_id, actor_subject, actor_name, changes)
    values (the_kind, owner.code, owner.path, the_project, subject, kp_actor_name(), diff);
    return null;
  end
$$;

revoke execute on function kp_record_change() from public;
