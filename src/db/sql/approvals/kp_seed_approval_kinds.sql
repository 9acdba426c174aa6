-- kp_seed_approval_kinds: Row trigger: a city added to the tenant tree (tenants:import) gets the
-- default list of approval kinds (前期手续, issue 18), each with its usual approving office under
-- the city's name, time limit and warning days; none required to start until the city says so
-- (updateApprovalKind), as for the cities the PreparatoryApprovals migration seeded.
--
-- Called by: the trigger tenant_approval_kinds on tenant

create or replace function kp_seed_approval_kinds()
  returns trigger
  language plpgsql
  security definer
  set search_path = public
as $$
  begin
    insert into approval_kind (city_code, code, name, office, time_limit_days, warning_days, position)
    select new.code, d.code, d.name, new.name || d.office, d.days, d.warning, d.position
      from (values
        ('PROJECT_APPROVAL', '立项/可研批复', '行政审批服务局', 20, 5, 1),
        ('LAND_PRE_REVIEW', '用地预审与选址意见', '自然资源和规划局', 20, 5, 2),
        ('LAND_SUPPLY', '土地供应（划拨/出让）', '自然资源和规划局', 60, 10, 3),
        ('LAND_USE_PLANNING_PERMIT', '建设用地规划许可', '自然资源和规划局', 15, 5, 4),
        ('ENGINEERING_PLANNING_PERMIT', '建设工程规划许可', '自然资源和规划局', 15, 5, 5),
        ('ENVIRONMENTAL_IMPACT', '环境影响评价批复', '生态环境局', 30, 7, 6),
        ('ENERGY_ASSESSMENT', '节能审查', '行政审批服务局', 20, 5, 7),
        ('CONSTRUCTION_PERMIT', '施工许可', '行政审批服务局', 7, 2, 8)
      ) as d(code, name, office, days, warning, position)
    on conflict (city_code, code) do nothing;
    return null;
  end
$$;

revoke execute on function kp_seed_approval_kinds() from public;
