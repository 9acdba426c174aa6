-- kp_change_event_location: Before insert on change_event: stamps where the project is built (属地)
-- when that is not its owner, so subscribers of the location's subtree receive the event too.
--
-- Called by: the triggers change_event_location on change_event

create or replace function kp_change_event_location()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  begin
    if new.project_id is not null and new.location_path is null then
      select l.path into new.location_path
        from project p join tenant l on l.code = p.location_tenant_code
       where p.id = new.project_id and p.location_tenant_code <> p.owner_tenant_code;
    end if;
    return new;
  end
$$;

revoke execute on function kp_change_event_location() from public;
