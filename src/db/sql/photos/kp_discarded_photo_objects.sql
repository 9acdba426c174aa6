-- kp_discarded_photo_objects: Up to `max_keys` keys of stored objects whose rows are gone and that
-- are due (an upload's are due an hour after it began: see kp_intend_photo_objects), oldest first,
-- for the store to remove (then kp_forget_photo_objects). A queued key that a live photo uses is
-- taken off the queue instead, never handed out: its objects stay.
--
-- Called by: src/modules/photo/site-photo.jobs.ts (a housekeeping job)

create or replace function kp_discarded_photo_objects(max_keys int)
  returns setof varchar
  language sql
  volatile
  security definer
  set search_path = public
as $$
  with live as (
    delete from site_photo_discard d
     where exists (select 1 from site_photo p where p.object_key = d.object_key)
        or exists (select 1 from site_photo p where p.thumbnail_key = d.object_key)
    returning d.object_key)
  select d.object_key
    from site_photo_discard d
   where d.due_at <= now()
     and d.object_key not in (select object_key from live)
   order by d.due_at, d.object_key
   limit max_keys
$$;

revoke execute on function kp_discarded_photo_objects(int) from public;
grant execute on function kp_discarded_photo_objects(int) to kp_app;
