-- kp_record_reserve_change: Row trigger: the change_event row for a reserve project (储备项目) a
-- viewer pools, regrades, promotes or drops, under the tenant whose pool holds it, so the tenant's
-- live events (projectChanged over its subtree, the dashboards' feed) carry the pool's moves. A
-- promotion names the key project it became, which has its own PROJECT_CREATED event too.
--
-- Called by: the trigger reserve_project_change_event on reserve_project

create or replace function kp_record_reserve_change()
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
                               array['id', 'owner_tenant_code', 'created_at', 'created_by', 'created_by_name',
                                     'updated_at', 'updated_by', 'updated_by_name', 'version']);
    if diff = '{}'::jsonb then
      return null;
    end if;
    the_kind := case
      when tg_op = 'INSERT' then 'RESERVE_POOLED'
      when diff ? 'status' and new.status = 'PROMOTED' then 'RESERVE_PROMOTED'
      when diff ? 'status' and new.status = 'DROPPED' then 'RESERVE_DROPPED'
      else 'RESERVE_CHANGED'
    end;
    diff := diff || jsonb_build_object('reserve', jsonb_build_object('before', null, 'after', new.id::text));
    select t.code, t.path into owner from tenant t where t.code = new.owner_tenant_code;
    insert into change_event (kind, tenant_code, tenant_path, project_id, actor_subject, actor_name, changes)
    values (the_kind, owner.code, owner.path, new.project_id, subject, kp_actor_name(), diff);
    return null;
  end
$$;

revoke execute on function kp_record_reserve_change() from public;
