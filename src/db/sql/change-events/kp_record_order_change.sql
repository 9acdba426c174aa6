-- kp_record_order_change: Row trigger: the change_event row for a supervision order a viewer issues
-- or moves along, under the tenant the order concerns (so projectChanged and the tenant's live
-- events carry it as they carry a blocker's). Nothing without a subject: the overdue escalation
-- (kp_escalate_overdue_orders) writes its own event.
--
-- Called by: the trigger supervision_order_change_event on supervision_order

create or replace function kp_record_order_change()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  declare
    subject text := kp_subject();
    diff jsonb;
    the_kind text;
    owner record;
  begin
    if subject is null then
      return null;
    end if;
    diff := kp_changed_columns(case when tg_op <> 'INSERT' then to_jsonb(old) end, to_jsonb(new),
                               array['id', 'project_id', 'blocker_id', 'owner_tenant_code', 'updated_at', 'version']);
    if diff = '{}'::jsonb then
      return null;
    end if;
    the_kind := case
      when tg_op = 'INSERT' then 'ORDER_ISSUED'
      when diff ? 'status' and new.status = 'ACKNOWLEDGED' then 'ORDER_ACKNOWLEDGED'
      when diff ? 'status' and new.status = 'CLOSED' then 'ORDER_CLOSED'
      when diff ? 'status' and new.status = 'SENT_BACK' then 'ORDER_SENT_BACK'
      when diff ? 'latest_feedback' or (diff ? 'status' and new.status = 'FEEDBACK_GIVEN') then 'ORDER_FEEDBACK_GIVEN'
      else 'ORDER_CHANGED'
    end;
    diff := diff || jsonb_build_object('order', jsonb_build_object('before', null, 'after', new.id::text));
    select t.code, t.path into owner from tenant t where t.code = new.owner_tenant_code;
    insert into change_event (kind, tenant_code, tenant_path, project_id, actor_subject, actor_name, changes)
    values (the_kind, owner.code, owner.path, new.project_id, subject, kp_actor_name(), diff);
    return null;
  end
$$;

revoke execute on function kp_record_order_change() from public;
