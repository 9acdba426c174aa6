-- kp_prune_change_events: Deletes outbox rows older than `keep` and moves the horizon past them
-- (scheduled housekeeping).
--
-- Called by: src/realtime/change-retention.ts (a housekeeping job)

create or replace function kp_prune_change_events(keep interval)
  returns integer
  language plpgsql
  security definer
  set search_path = public
as $$
  declare
    removed int;
    last_tx xid8;
    last_id bigint;
  begin
    with gone as (delete from change_event where occurred_at < now() - keep returning tx, id)
    select count(*)::int, (array_agg(tx order by tx desc, id desc))[1], (array_agg(id order by tx desc, id desc))[1]
      into removed, last_tx, last_id from gone;
    if removed > 0 then
      update change_event_horizon set tx = last_tx, id = last_id where (tx, id) < (last_tx, last_id);
    end if;
    return removed;
  end
$$;

revoke execute on function kp_prune_change_events(interval) from public;
grant execute on function kp_prune_change_events(interval) to kp_app;
