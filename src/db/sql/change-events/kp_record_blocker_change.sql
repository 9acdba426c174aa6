-- kp_record_blocker_change: Row trigger: the change_event row for a blocker a viewer raises or
-- moves along.
--
-- Called by: the triggers blocker_change_event on blocker

create or replace function kp_record_blocker_change()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  declare
    subject text := kp_subject();
    before jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
    after jsonb := to_jsonb(new);
    diff jsonb;
    the_kind text;
    owner record;
  begin
    if subject is null then
      return null;
    end if;
    select coalesce(jsonb_object_agg(k, jsonb_build_object('before', kp_change_text(before -> k), 'after', kp_change_text(after -> k))), '{}'::jsonb)
      into diff
      from jsonb_object_keys(after) k
     where (before -> k) is distinct from (after -> k)
       and k not in ('id', 'project_id', 'updated_at', 'version');
    if diff = '{}'::jsonb then
      return null;
    end if;
    the_kind := case
      when tg_op = 'INSERT' then 'BLOCKER_RAISED'
      when diff ? 'escalated_to_code' and new.escalated_to_code is not null then 'BLOCKER_ESCALATED'
      when diff ? 'status' and new.status = 'RESOLVED' then 'BLOCKER_RESOLVED'
      when diff ? 'status' and new.status = 'CLOSED' then 'BLOCKER_CLOSED'
      when diff ? 'status' and old.status = 'RESOLVED' then 'BLOCKER_REOPENED'
      else 'BLOCKER_CHANGED'
    end;
    diff := diff || jsonb_build_object('blocker', jsonb_build_object('before', null, 'after', new.id::text));
    select t.code, t.path into owner from project p join tenant t on t.code = p.owner_tenant_code where p.id = new.project_id;
    insert into change_event (kind, tenant_code, tenant_path, project_id, actor_subject, actor_name, changes)
    values (the_kind, owner.code, owner.path, new.project_id, subject, kp_actor_name(), diff);
    return null;
  end
$$;

revoke execute on function kp_record_blocker_change() from public;
