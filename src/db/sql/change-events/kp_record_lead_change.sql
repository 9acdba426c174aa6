-- kp_record_lead_change: Row trigger: the change_event row for an investment lead (招商线索) a viewer
-- records or moves along.
--
-- Called by: the triggers investment_lead_change_event on investment_lead

create or replace function kp_record_lead_change()
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
    diff := kp_changed_columns(before, after, array['id', 'project_id', 'created_at', 'created_by', 'created_by_name',
                                                    'updated_at', 'updated_by', 'updated_by_name', 'version']);
    if diff = '{}'::jsonb then
      return null;
    end if;
    the_kind := case
      when tg_op = 'INSERT' then 'LEAD_REGISTERED'
      when diff ? 'stage' then 'LEAD_ADVANCED'
      when diff ? 'funds_in_place_wan' then 'LEAD_FUNDS_RECORDED'
      else 'LEAD_CHANGED'
    end;
    diff := diff || jsonb_build_object('lead', jsonb_build_object('before', null, 'after', new.id::text));
    select t.code, t.path into owner from tenant t where t.code = new.owner_tenant_code;
    insert into change_event (kind, tenant_code, tenant_path, project_id, actor_subject, actor_name, changes)
    values (the_kind, owner.code, owner.path, new.project_id, subject, kp_actor_name(), diff);
    return null;
  end
$$;

revoke execute on function kp_record_lead_change() from public;
