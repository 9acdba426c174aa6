-- kp_rollup_slot: The slot (1-16) this connection's rollup contributions go to. Every rollup sum
-- is kept per (key, slot) and read as the sum over its slots, so connections writing at once add to
-- rows of their own instead of queueing for the one row of each figure at each ancestor (the
-- city's row of a category, say, which every town's write used to lock until its commit). Slots
-- are dealt round-robin, one per connection for its lifetime: the connections of one pool (up to
-- 16) never share one. Slot 0 holds what kp_compact_rollup_slot folded in and the rebuilt sums;
-- no connection writes there. Callers ask once per statement (`(select kp_rollup_slot())`, an
-- init plan), not once per row. Each call also takes the slot's shared advisory lock for the
-- transaction, so compaction folds a slot only while no transaction is writing to it.
--
-- Called by: kp_rollup_flag_projects, kp_rollup_flag_spans, kp_rollup_funds, kp_rollup_milestones,
--   kp_rollup_plans, kp_rollup_projects, kp_rollup_reports, kp_rollup_targets

create or replace function kp_rollup_slot()
  returns smallint
  language plpgsql
  volatile
  security definer
  set search_path = public
as $$
  declare
    slot smallint := nullif(current_setting('kp.rollup_slot', true), '')::smallint;
  begin
    if slot is null then
      slot := 1 + nextval('rollup_slot_deal') % 16;
      -- For the session, not the transaction: the connection keeps its slot.
      perform set_config('kp.rollup_slot', slot::text, false);
    end if;
    perform pg_advisory_xact_lock_shared(hashtext('kp_rollup_slot'), slot);
    return slot;
  end
$$;

revoke execute on function kp_rollup_slot() from public;
