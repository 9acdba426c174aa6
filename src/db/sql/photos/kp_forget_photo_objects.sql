-- kp_forget_photo_objects: Takes keys off the discard queue once the store removed their objects.
-- Only queued keys are affected: a key of a live photo is never in the queue.
--
-- Called by: src/modules/photo/site-photo.service.ts (after a deletion commits) and
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
