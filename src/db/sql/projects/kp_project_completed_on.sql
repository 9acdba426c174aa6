-- kp_project_completed_on: The day a project was completed, read from its stage history; null while
-- it is not completed.
--
-- Called by: kp_reports_owed; src/modules/project/stage-history.ts

create or replace function kp_project_completed_on(project uuid)
  returns date
  language sql
  stable parallel safe
  set search_path = public
as $$
  select case when last.to_stage >= 'COMPLETED' then (
           select max(x.changed_on) from project_stage_change x
            where x.project_id = kp_project_completed_on.project and x.to_stage >= 'COMPLETED'
              and (x.from_stage is null or x.from_stage < 'COMPLETED')) end
    from (select y.to_stage from project_stage_change y where y.project_id = kp_project_completed_on.project
           order by y.changed_on desc, y.recorded_at desc, y.id desc limit 1) last
$$;
