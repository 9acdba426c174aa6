-- kp_change_events_head: The newest readable outbox position and the horizon below which rows were
-- pruned: where a new replica starts and how a client learns it missed events.
--
-- Called by: src/realtime/change-relay.ts

create or replace function kp_change_events_head(
  out head_tx xid8,
  out head_id bigint,
  out horizon_tx xid8,
  out horizon_id bigint
)
  returns record
  language sql
  stable security definer
  set search_path = public
as $$
  select coalesce(e.tx, h.tx), coalesce(e.id, h.id), h.tx, h.id
    from change_event_horizon h
    left join lateral (select tx, id from change_event where tx < pg_snapshot_xmin(pg_current_snapshot())
                        order by tx desc, id desc limit 1) e on true
$$;

revoke execute on function kp_change_events_head() from public;
grant execute on function kp_change_events_head() to kp_app;
