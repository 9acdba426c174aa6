-- kp_record_fund_change: Row trigger: the change_event row for a fund arrival a viewer records or
-- removes.
--
-- Called by: the triggers fund_arrival_change_event on fund_arrival

create or replace function kp_record_fund_change()
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
    diff := kp_changed_columns(before, after, array['id', 'project_id', 'recorded_at'])
         || jsonb_build_object('arrival', kp_change_subject(tg_op, row_data ->> 'id'));
    select t.code, t.path into owner from tenant t
     where t.code = coalesce((select p.owner_tenant_code from project p where p.id = the_project),
                             (select l.owner_tenant_code from investment_lead l where l.id = (row_data ->> 'lead_id')::uuid));
    -- A project being deleted takes its arrivals along: its own event says so.
    if owner.code is null then
      return null;
    end if;
    insert into change_event (kind, tenant_code, tenant_path, project_id, actor_subject, actor_name, changes)
    values (case tg_op when 'INSERT' then 'FUNDS_ARRIVED' when 'DELETE' then 'FUNDS_ARRIVAL_REMOVED' else 'FUNDS_ARRIVAL_CHANGED' end,
            owner.code, owner.path, the_project, subject, kp_actor_name(), diff);
    return null;
  end
$$;

revoke execute on function kp_record_fund_change() from public;
