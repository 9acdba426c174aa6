-- kp_report_event_kind: The event kind of a progress report change (drafted, reported, removed, a
-- status step, corrected).
--
-- Called by: kp_record_change

create or replace function kp_report_event_kind(op text, after jsonb, diff jsonb)
  returns text
  language sql
  immutable parallel safe
as $$
  select case
    when op = 'INSERT' and after ->> 'status' = 'DRAFT' then 'REPORT_DRAFTED'
    when op = 'INSERT' then 'PROGRESS_REPORTED'
    when op = 'DELETE' then 'PROGRESS_REPORT_REMOVED'
    when diff ? 'status' then 'REPORT_' || (after ->> 'status')
    else 'PROGRESS_CORRECTED' end
$$;
