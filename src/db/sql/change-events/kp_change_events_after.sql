-- kp_change_events_after: The outbox rows after a cursor (tx, id), only of transactions older than
-- every running one, so no row can appear behind the cursor: what every replica fans out, in the
-- same order.
--
-- Called by: src/realtime/change-relay.ts

create or replace function kp_change_events_after(after_tx xid8, after_id bigint, max_rows integer)
  returns setof change_event
  language sql
  stable security definer
  set search_path = public
as $$
  select * from change_event
   where (tx, id) > (after_tx, after_id) and tx < pg_snapshot_xmin(pg_current_snapshot())
   order by tx, id limit max_rows
$$;

revoke execute on function kp_change_events_after(xid8, bigint, integer) from public;
grant execute on function kp_change_events_after(xid8, bigint, integer) to kp_app;
