-- kp_change_subject: The before/after pair that names the record an event is about (the id after,
-- or before a delete).
--
-- Called by: kp_record_change, kp_record_fund_change

create or replace function kp_change_subject(op text, id text)
  returns jsonb
  language sql
  immutable parallel safe
as $$
  select jsonb_build_object('before', case when op = 'DELETE' then id end, 'after', case when op <> 'DELETE' then id end)
$$;
