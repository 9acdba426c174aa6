-- kp_refresh_started_on: After stage changes are recorded: keeps project.started_on, the day the
-- project last moved from before STARTED to STARTED or later (null while its latest stage is
-- before STARTED).
--
-- Called by: the triggers project_stage_change_started_on on project_stage_change

create or replace function kp_refresh_started_on()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  begin
      update project p set started_on = s.started_on
        from (select c.project_id,
                     case when last.to_stage >= 'STARTED' then (
                       select max(x.changed_on) from project_stage_change x
                        where x.project_id = c.project_id and x.to_stage >= 'STARTED'
                          and (x.from_stage is null or x.from_stage < 'STARTED')) end as started_on
                from (select distinct project_id from new_rows) c
                cross join lateral (select y.to_stage from project_stage_change y where y.project_id = c.project_id
                                     order by y.changed_on desc, y.recorded_at desc, y.id desc limit 1) last) s
       where p.id = s.project_id and p.started_on is distinct from s.started_on;
    return null;
  end
$$;
