-- kp_announce_overdue_milestones: Writes one MILESTONE_OVERDUE event per milestone that became
-- overdue (once each); one replica at a time (advisory lock). Scheduled housekeeping.
--
-- Called by: src/modules/milestone/milestone.jobs.ts (a housekeeping job)

create or replace function kp_announce_overdue_milestones(today date)
  returns integer
  language plpgsql
  security definer
  set search_path = public
as $$
  declare
    announced int;
  begin
    if not pg_try_advisory_xact_lock(hashtext('kp_announce_overdue_milestones')) then
      return 0;
    end if;
    with due as (
      update milestone m set overdue_announced_on = today
        from project p join tenant t on t.code = p.owner_tenant_code
       where p.id = m.project_id and m.due_on < today and m.done_on is null and m.overdue_announced_on is null
      returning m.id, m.project_id, m.title, m.due_on, t.code, t.path),
    recorded as (
      insert into change_event (kind, tenant_code, tenant_path, project_id, actor_subject, actor_name, changes)
      select 'MILESTONE_OVERDUE', code, path, project_id, null, null,
             jsonb_build_object('milestone', jsonb_build_object('before', null, 'after', id::text),
                                'title', jsonb_build_object('before', null, 'after', title),
                                'due_on', jsonb_build_object('before', null, 'after', due_on::text))
        from due returning 1)
    select count(*)::int into announced from recorded;
    return announced;
  end
$$;

revoke execute on function kp_announce_overdue_milestones(date) from public;
grant execute on function kp_announce_overdue_milestones(date) to kp_app;
