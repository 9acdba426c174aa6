-- kp_record_photo_change: Row trigger: the change_event row for a site photo (形象进度照片) attached
-- to a monthly report or a milestone, or deleted, under the project's owner, so
-- projectChanged carries it. An upload not yet attached belongs to no project and is no event.
--
-- Called by: the trigger site_photo_change_event on site_photo

create or replace function kp_record_photo_change()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  declare
    subject text := kp_subject();
    before jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
    after jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
    the_project uuid := (coalesce(after, before) ->> 'project_id')::uuid;
    diff jsonb;
    the_kind text;
    owner record;
  begin
    if subject is null or the_project is null then
      return null;
    end if;
    diff := kp_changed_columns(before, after,
                               array['id', 'project_id', 'object_key', 'thumbnail_key', 'uploaded_at', 'updated_at', 'version',
                                     'attached_at', 'attached_by', 'uploaded_by']);
    -- Attached once, never changed after (no mutation does): the attachment and the deletion are the events.
    if tg_op = 'UPDATE' and (before ->> 'project_id') is not null then
      return null;
    end if;
    the_kind := case when tg_op = 'DELETE' then 'SITE_PHOTO_REMOVED' else 'SITE_PHOTO_ATTACHED' end;
    select t.code, t.path into owner from project p join tenant t on t.code = p.owner_tenant_code where p.id = the_project;
    -- A project being deleted takes its photos along: its own event says so.
    if owner.code is null then
      return null;
    end if;
    diff := diff || jsonb_build_object('photo', kp_change_subject(case when the_kind = 'SITE_PHOTO_ATTACHED' then 'INSERT' else tg_op end,
                                                                  coalesce(after, before) ->> 'id'));
    insert into change_event (kind, tenant_code, tenant_path, project_id, actor_subject, actor_name, changes)
    values (the_kind, owner.code, owner.path, the_project, subject, kp_actor_name(), diff);
    return null;
  end
$$;

revoke execute on function kp_record_photo_change() from public;
