-- kp_record_letter_change: Row trigger: the change_event row for a target-responsibility letter
-- (目标责任书) the tenant above sets or changes, under the tenant it binds and with no project, so
-- projectChanged carries it to that tenant's dashboards and up the tree. Each setting writes the
-- letter's row (a new version), so a letter of four measures is announced once, not per measure.
-- The changes name the letter (`letter`), its year and the signing day when it moved.
--
-- Called by: the trigger responsibility_letter_change_event on responsibility_letter

create or replace function kp_record_letter_change()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  declare
    subject text := kp_subject();
    bound record;
    diff jsonb;
  begin
    if subject is null then
      return null;
    end if;
    diff := kp_changed_columns(case when tg_op <> 'INSERT' then to_jsonb(old) end, to_jsonb(new),
                               array['id', 'tenant_code', 'year', 'updated_at', 'updated_by', 'updated_by_name', 'version'])
            || jsonb_build_object('year', jsonb_build_object('before', null, 'after', new.year),
                                  'letter', jsonb_build_object('before', null, 'after', new.id::text));
    select t.code, t.path into bound from tenant t where t.code = new.tenant_code;
    insert into change_event (kind, tenant_code, tenant_path, project_id, actor_subject, actor_name, changes)
    values ('TARGETS_SET', bound.code, bound.path, null, subject, kp_actor_name(), diff);
    return null;
  end
$$;

revoke execute on function kp_record_letter_change() from public;
