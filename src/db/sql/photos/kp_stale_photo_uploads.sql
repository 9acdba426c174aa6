-- kp_stale_photo_uploads: Deletes uploads never attached to a report or a milestone that were
-- made before `stale_before` (their objects go to site_photo_discard through the row trigger);
-- returns how many. Housekeeping runs without a viewer, so row-level security would show it none.
--
-- Called by: src/modules/photo/site-photo.jobs.ts (a housekeeping job)

create or replace function kp_stale_photo_uploads(stale_before timestamptz)
  returns integer
  language sql
  security definer
  set search_path = public
as $$
  with gone as (delete from site_photo where project_id is null and uploaded_at < stale_before returning 1)
  select count(*)::int from gone
$$;

revoke execute on function kp_stale_photo_uploads(timestamptz) from public;
grant execute on function kp_stale_photo_uploads(timestamptz) to kp_app;
