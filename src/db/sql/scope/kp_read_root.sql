-- kp_read_root: The ltree path of the subtree the viewer reads (kp.read_root, set with
-- set_config(..., true) in each request's transaction); null without a scope, which makes every
-- policy false.
--
-- Called by: the row-level security policies of audit_record, investment_lead, project,
--   project_assignment, reporting_rule, rollup_flag, rollup_flag_month, rollup_funds,
--   rollup_level_list, rollup_level_month, rollup_list, rollup_milestone, rollup_milestone_month,
--   rollup_project, rollup_report_month, rollup_report_source_month, rollup_target,
--   traffic_light_rule; kp_attraction_read, kp_blocker_figures, kp_light_project_counts,
--   kp_located_project_ids, kp_project_writable, kp_reports_owed, kp_rollup_flags, kp_rollup_read

create or replace function kp_read_root()
  returns ltree
  language sql
  stable parallel safe
as $$
  select nullif(current_setting('kp.read_root', true), '')::ltree
$$;
