-- kp_discard_photo_objects: Row trigger: queues a deleted site photo's stored objects (the image and
-- its thumbnail) in site_photo_discard, whatever deleted the row (deleteSitePhoto, its report's or
-- milestone's or project's deletion, housekeeping of an upload never attached). The store removes
-- them after commit; a rolled-back delete queues nothing, so no object of a live row is removed.
--
-- Called by: the trigger site_photo_discard_objects on site_photo

create or replace function kp_discard_photo_objects()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  begin
    insert into site_photo_discard (object_key) values (old.object_key), (old.thumbnail_key)
      on conflict (object_key) do nothing;
    return null;
  end
$$;

revoke execute on function kp_discard_photo_objects() from public;
