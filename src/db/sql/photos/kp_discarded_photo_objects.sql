-- kp_discarded_photo_objects: Up to `max_keys` keys of stored objects whose rows are gone, oldest
-- first, for the store to remove (then kp_forget_photo_objects).
--
-- Called by: src/modules/photo/site-photo.jobs.ts (a housekeeping job)

create or replace function kp_discarded_photo_objects(max_keys int)
  returns setof varchar
  language sql
  stable
  security definer
  set search_path = public
as $$
  select d.object_key from site_photo_discard d order by d.discarded_at, d.object_key limit max_keys
$$;

revoke execute on function kp_discarded_photo_objects(int) from public;
grant execute on function kp_discarded_photo_objects(int) to kp_app;
