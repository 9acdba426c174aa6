-- kp_rollup_tenants: Where a project's figures count: every ancestor of its owner (located =
-- false), and for a project built elsewhere (属地) the location's ancestors added and the
-- owner-only ones taken away (located = true).
--
-- Called by: kp_rebuild_rollup_sums, kp_rollup_flag_projects, kp_rollup_flag_spans,
--   kp_rollup_funds, kp_rollup_milestones, kp_rollup_plans, kp_rollup_projects, kp_rollup_reports,
--   kp_rollup_targets

create or replace function kp_rollup_tenants(owner varchar, location varchar)
  returns table (tenant_code varchar, located boolean, sign integer)
  language sql
  stable parallel safe
as $$
  select o.ancestor, false, 1 from kp_ancestors(owner) o
  union all
  select l.ancestor, true, 1 from kp_ancestors(location) l
   where location is not null and location <> owner and l.ancestor not in (select a.ancestor from kp_ancestors(owner) a)
  union all
  select o.ancestor, true, -1 from kp_ancestors(owner) o
   where location is not null and location <> owner and o.ancestor not in (select a.ancestor from kp_ancestors(location) a)
$$;
