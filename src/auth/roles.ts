/**
 * Keycloak realm roles the product understands. Roles say what a person may do at their own
 * tenant; which projects a leader (包抓领导) or a responsible unit (责任单位) acts on is data
 * (project assignments), not a role.
 */
export enum Role {
  /** 市领导 / 市重点项目推进委员会: reads the whole city, manages city-level projects, assigns leaders. */
  CITY_LEADER = 'city-leader',
  /** 县（区）领导 / 发改局: reads the county, manages county-level projects, assigns leaders. */
  COUNTY_LEADER = 'county-leader',
  /** 乡镇（街道）工作人员: manages the town's own projects and reports; sees nothing of other towns. */
  TOWN_OFFICER = 'town-officer',
  /** 包抓领导: acts on the projects assigned to them. */
  PROJECT_LEADER = 'project-leader',
  /** 责任单位 / 牵头单位: acts on the projects assigned to the unit. */
  RESPONSIBLE_UNIT = 'responsible-unit',
  /** 督查室: reads everything in the subtree; writes supervision orders (督办) and nothing else. */
  SUPERVISOR = 'supervisor',
  /** Another government system's service account: reads the subtree it is bound to. */
  INTEGRATOR = 'integrator',
  /** 系统管理员: administers the tenants of the subtree. */
  ADMIN = 'admin',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/** Roles whose holder reads everything owned in their tenant's subtree. */
export const SUBTREE_READERS: ReadonlySet<Role> = new Set([
  Role.CITY_LEADER,
  Role.COUNTY_LEADER,
  Role.TOWN_OFFICER,
  Role.SUPERVISOR,
  Role.INTEGRATOR,
  Role.ADMIN,
]);

export type TenantLevelName = 'CITY' | 'COUNTY' | 'TOWN';

/**
 * The level a management role belongs to. A role held at another level (a `county-leader` bound to
 * a town) is a misconfiguration and grants nothing: failing closed beats guessing.
 */
export const MANAGER_LEVEL: Partial<Record<Role, TenantLevelName>> = {
  [Role.CITY_LEADER]: 'CITY',
  [Role.COUNTY_LEADER]: 'COUNTY',
  [Role.TOWN_OFFICER]: 'TOWN',
};
