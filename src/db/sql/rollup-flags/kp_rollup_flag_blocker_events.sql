-- kp_rollup_flag_blocker_events: Statement trigger on blocker_event: refreshes the flag spans of
-- the projects it touched.
--
-- Called by: the triggers blocker_event_flag_delete, blocker_event_flag_insert,
--   blocker_event_flag_update on blocker_event

create or replace function kp_rollup_flag_blocker_events()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  begin
    if tg_op = 'INSERT' then perform kp_refresh_flag_spans(array(select b.project_id from new_rows x join blocker b on b.id = x.blocker_id));
    elsif tg_op = 'UPDATE' then perform kp_refresh_flag_spans(array(select b.project_id from (select m.* from old_rows m join new_rows o on o.id = m.id where (m.blocker_id, m.seq, m.at, m.status_after) is distinct from (o.blocker_id, o.seq, o.at, o.status_after)) x join blocker b on b.id = x.blocker_id union select b.project_id from (select m.* from new_rows m join old_rows o on o.id = m.id where (m.blocker_id, m.seq, m.at, m.status_after) is distinct from (o.blocker_id, o.seq, o.at, o.status_after)) x join blocker b on b.id = x.blocker_id));
    else perform kp_refresh_flag_spans(array(select b.project_id from old_rows x join blocker b on b.id = x.blocker_id));
    end if;
    return null;
  end
$$;
