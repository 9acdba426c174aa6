-- kp_refresh_flag_spans: Brings rollup_flag_span of the given projects in line with kp_flag_spans,
-- touching only what changed.
--
-- Called by: kp_rollup_flag_blocker_events, kp_rollup_flag_blockers, kp_rollup_flag_milestones

create or replace function kp_refresh_flag_spans(projects uuid[])
  returns void
  language plpgsql
  security definer
  set search_path = public
as $$
  begin
    if cardinality(projects) = 0 then
      return;
    end if;
    with fresh as materialized (select * from kp_flag_spans(projects))
    delete from rollup_flag_span s where s.project_id = any(projects) and not exists (select 1 from fresh f where f.project_id = s.project_id and f.flag = s.flag and f.from_on = s.from_on and f.to_on is not distinct from s.to_on);
    with fresh as materialized (select * from kp_flag_spans(projects))
    insert into rollup_flag_span (project_id, flag, from_on, to_on)
    select f.project_id, f.flag, f.from_on, f.to_on from fresh f
     where not exists (select 1 from rollup_flag_span s where f.project_id = s.project_id and f.flag = s.flag and f.from_on = s.from_on and f.to_on is not distinct from s.to_on);
  end
$$;

revoke execute on function kp_refresh_flag_spans(uuid[]) from public;
