-- kp_rollup_flag_blockers: Statement trigger on blocker: refreshes the flag spans of the projects
-- it touched.
--
-- Called by: the triggers blocker_flag_delete, blocker_flag_update on blocker

create or replace function kp_rollup_flag_blockers()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  begin
    if tg_op = 'INSERT' then perform kp_refresh_flag_spans(array(select x.project_id from new_rows x));
    elsif tg_op = 'UPDATE' then perform kp_refresh_flag_spans(array(select x.project_id from (select m.* from old_rows m join new_rows o on o.id = m.id where (m.project_id) is distinct from (o.project_id)) x union select x.project_id from (select m.* from new_rows m join old_rows o on o.id = m.id where (m.project_id) is distinct from (o.project_id)) x));
    else perform kp_refresh_flag_spans(array(select x.project_id from old_rows x));
    end if;
    return null;
  end
$$;
