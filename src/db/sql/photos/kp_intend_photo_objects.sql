-- kp_intend_photo_objects: Queues the keys of objects an upload is about to store, due for removal
-- after `grace`, before they are stored (committed on its own). The transaction that records the
-- photo takes them off the queue again (kp_forget_photo_objects); a server that dies in between
-- leaves them queued, so housekeeping removes what it stored. kp_discarded_photo_objects never
-- hands out the key of a live photo, whoever queued it.
--
-- Called by: src/modules/photo/site-photo-upload.route.ts

create or replace function kp_intend_photo_objects(object_keys varchar[], grace interval)
  returns void
  language sql
  security definer
  set search_path = public
as $$
  insert into site_photo_discard (object_key, due_at)
  select k, now() + grace from unnest(object_keys) k
  on conflict (object_key) do nothing
$$;

revoke execute on function kp_intend_photo_objects(varchar[], interval) from public;
grant execute on function kp_intend_photo_objects(varchar[], interval) to kp_app;
