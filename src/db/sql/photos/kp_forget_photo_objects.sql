-- kp_forget_photo_objects: Takes keys off the discard queue: once the store removed their objects,
-- or, in the transaction that records an upload, the keys its objects were queued under before
-- they were stored (kp_intend_photo_objects). Only queued keys are affected.
--
-- Called by: src/modules/photo/site-photo.service.ts (after a deletion commits),
--   src/modules/photo/site-photo-upload.route.ts (recording an upload) and
--   src/modules/photo/site-photo.jobs.ts (housekeeping)

create or replace function kp_forget_photo_objects(object_keys varchar[])
  returns void
  language sql
  security definer
  set search_path = public
as $$
  delete from site_photo_discard where object_key = any (object_keys)
$$;

revoke execute on function kp_forget_photo_objects(varchar[]) from public;
grant execute on function kp_forget_photo_objects(varchar[]) to kp_app;
