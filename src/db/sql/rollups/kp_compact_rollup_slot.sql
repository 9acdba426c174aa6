-- kp_compact_rollup_slot: Folds one slot of every rollup sum into slot 0 (see kp_rollup_slot) and
-- drops the rows of slot 0 whose sums are all zero (what is left of removed contributions), so a
-- figure is read from about one row per key again. Skips the slot while a transaction is writing
-- to it (its shared lock), and runs one at a time; while it runs, a new writer of the slot waits
-- for it at its first rollup write, before touching any rollup row: writers and compaction never
-- deadlock. Returns the rows folded. Scheduled housekeeping, one call per slot.
--
-- Called by: src/modules/rollup/rollup.jobs.ts (a housekeeping job)

create or replace function kp_compact_rollup_slot(slot smallint)
  returns integer
  language plpgsql
  security definer
  set search_path = public
as $$
  declare
    tables text[] := array['rollup_project', 'rollup_report_month', 'rollup_level_month', 'rollup_list', 'rollup_level_list',
                           'rollup_funds', 'rollup_milestone', 'rollup_milestone_month', 'rollup_target', 'rollup_flag',
                           'rollup_flag_month', 'rollup_report_source_month'];
    t text;
    keys text;
    sums text;
    summed text;
    added text;
    zero text;
    moved int;
    folded int := 0;
  begin
    if slot < 1 or not pg_try_advisory_xact_lock(hashtext('kp_rollup_slot'), slot)
       or not pg_try_advisory_xact_lock(hashtext('kp_compact_rollup_slot')) then
      return 0;
    end if;
    foreach t in array tables loop
      -- The key is the primary key without the slot; every other column is a sum.
      select string_agg(quote_ident(a.attname), ', ' order by a.attnum) filter (where k.key and a.attname <> 'slot'),
             string_agg(quote_ident(a.attname), ', ' order by a.attnum) filter (where not k.key),
             string_agg(format('sum(%I)', a.attname), ', ' order by a.attnum) filter (where not k.key),
             string_agg(format('%1$I = r.%1$I + excluded.%1$I', a.attname), ', ' order by a.attnum) filter (where not k.key),
             string_agg(format('%I = 0', a.attname), ' and ' order by a.attnum) filter (where not k.key)
        into keys, sums, summed, added, zero
        from pg_attribute a
        cross join lateral (select a.attnum = any(i.indkey::int2[]) as key from pg_index i
                             where i.indrelid = a.attrelid and i.indisprimary) k
       where a.attrelid = t::regclass and a.attnum > 0 and not a.attisdropped;
      execute format('with moved as (delete from %1$I where slot = $1 returning *)
                      insert into %1$I as r (%2$s, slot, %3$s) select %2$s, 0, %4$s from moved group by %2$s
                      on conflict (%2$s, slot) do update set %5$s', t, keys, sums, summed, added) using slot;
      get diagnostics moved = row_count;
      folded := folded + moved;
      if moved > 0 then
        execute format('delete from %I where slot = 0 and %s', t, zero);
      end if;
    end loop;
    return folded;
  end
$$;

revoke execute on function kp_compact_rollup_slot(smallint) from public;
grant execute on function kp_compact_rollup_slot(smallint) to kp_app;
