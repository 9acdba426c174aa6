-- kp_rebuild_rollups: Recomputes every rollup from the raw rows: the sums, then the flag spans
-- (whose triggers rebuild the flag tables). Migrations call it after changing what a rollup
-- holds. It holds compaction's lock (see kp_compact_rollup_slot) while it truncates and refills:
-- run on a live database, a compaction folding a slot meanwhile deadlocked with it.
--
-- Called by: migrations (Rollups, ReportReview, RollupModel)

create or replace function kp_rebuild_rollups()
  returns void
  language plpgsql
  security definer
  set search_path = public
as $$
  begin
    perform pg_advisory_xact_lock(hashtext('kp_compact_rollup_slot'));
    perform kp_rebuild_rollup_sums();
    truncate rollup_flag_span, rollup_flag, rollup_flag_month;
    insert into rollup_flag_span (project_id, flag, from_on, to_on) select * from kp_flag_spans(null);
  end
$$;

revoke execute on function kp_rebuild_rollups() from public;
