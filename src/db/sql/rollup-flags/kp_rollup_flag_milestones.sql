-- kp_rollup_flag_milestones: Statement trigger on milestone: refreshes the flag spans of the
-- projects it touched.
--
-- Called by: the triggers milestone_flag_delete, milestone_flag_insert, milestone_flag_update on
--   milestone

create or replace function kp_rollup_flag_milestones()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  begin
    if tg_op = 'INSERT' then perform kp_refresh_flag_spans(array(select x.project_id from new_rows x));
    elsif tg_op = 'UPDATE' then perform kp_refresh_flag_spans(array(select x.project_id from (select m.* from old_rows m join new_rows o on o.id = m.id where (m.project_id, m.due_on, m.done_on) is distinct from (o.project_id, o.due_on, o.done_on)) x union select x.project_id from (select m.* from new_rows m join old_rows o on o.id = m.id where (m.project_id, m.due_on, m.done_on) is distinct from (o.project_id, o.due_on, o.done_on)) x));
    else perform kp_refresh_flag_spans(array(select x.project_id from old_rows x));
    end if;
    return null;
  end
$$;
