-- kp_changed_columns: The columns that differ between two row images, as {column: {before, after}},
-- minus the skipped ones.
--
-- Called by: kp_record_change, kp_record_fund_change, kp_record_lead_change

create or replace function kp_changed_columns(before jsonb, after jsonb, skipped text[])
  returns jsonb
  language sql
  immutable parallel safe
as $$
  select coalesce(jsonb_object_agg(k, jsonb_build_object('before', kp_change_text(before -> k), 'after', kp_change_text(after -> k))), '{}'::jsonb)
    from jsonb_object_keys(coalesce(after, before)) k
   where (before -> k) is distinct from (after -> k) and k <> all (skipped)
$$;
