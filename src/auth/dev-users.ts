import { Role } from './roles';

/** A demo identity of the development realm (and of docker/keycloak/realm.json). */
export interface DevUser {
  readonly username: string;
  /** Stable Keycloak-style subject, so demo assignments can name it. */
  readonly subject: string;
  readonly name: string;
  readonly tenantCode: string;
  readonly roles: readonly Role[];
  /** The client the token is issued to (`azp`). */
  readonly clientId: string;
  readonly isServiceAccount?: boolean;
  readonly description: string;
}

export const DASHBOARD_CLIENT = 'key-projects-dashboard';
export const INTEGRATOR_CLIENT = 'key-projects-integrator';

/** One user per role of the matrix, at 德州市 (371400) and below. */
export const DEV_USERS: readonly DevUser[] = [
  {
    username: 'city-leader',
    subject: '7d3c1a52-0b1e-4c51-9a41-100000000001',
    name: '张伟',
    tenantCode: '371400',
    roles: [Role.CITY_LEADER],
    clientId: DASHBOARD_CLIENT,
    description: '德州市 city leader: reads the whole city, manages city-level projects',
  },
  {
    username: 'county-leader',
    subject: '7d3c1a52-0b1e-4c51-9a41-100000000002',
    name: '李娜',
    tenantCode: '371402',
    roles: [Role.COUNTY_LEADER],
    clientId: DASHBOARD_CLIENT,
    description: '德城区 county leader: reads the district and its towns, manages district projects',
  },
  {
    username: 'town-officer',
    subject: '7d3c1a52-0b1e-4c51-9a41-100000000003',
    name: '王磊',
    tenantCode: '371402001',
    roles: [Role.TOWN_OFFICER],
    clientId: DASHBOARD_CLIENT,
    description: "新湖街道 town officer: manages the sub-district's own projects only",
  },
  {
    username: 'project-leader',
    subject: '7d3c1a52-0b1e-4c51-9a41-100000000004',
    name: '刘洋',
    tenantCode: '371400',
    roles: [Role.PROJECT_LEADER],
    clientId: DASHBOARD_CLIENT,
    description: '包抓领导 at the city: acts on the projects assigned to him (see myProjects)',
  },
  {
    username: 'supervisor',
    subject: '7d3c1a52-0b1e-4c51-9a41-100000000005',
    name: '陈静',
    tenantCode: '371400',
    roles: [Role.SUPERVISOR],
    clientId: DASHBOARD_CLIENT,
    description: '督查室 supervisor: reads the whole city, issues and closes supervision orders (督办), changes nothing else',
  },
  {
    username: 'integrator',
    subject: '7d3c1a52-0b1e-4c51-9a41-100000000006',
    name: 'service-account-key-projects-integrator',
    tenantCode: '371400',
    roles: [Role.INTEGRATOR],
    clientId: INTEGRATOR_CLIENT,
    isServiceAccount: true,
    description: 'integrator service account (client credentials) bound to 德州市: read-only',
  },
  {
    username: 'admin',
    subject: '7d3c1a52-0b1e-4c51-9a41-100000000007',
    name: '赵敏',
    tenantCode: '371400',
    roles: [Role.ADMIN],
    clientId: DASHBOARD_CLIENT,
    description: '德州市 administrator: tenants of the city',
  },
  {
    username: 'responsible-unit',
    subject: '7d3c1a52-0b1e-4c51-9a41-100000000008',
    name: '德城区住房和城乡建设局',
    tenantCode: '371402',
    roles: [Role.RESPONSIBLE_UNIT],
    clientId: DASHBOARD_CLIENT,
    description: '责任单位 account: acts on the projects assigned to the unit',
  },
];

export function devUser(username: string): DevUser | undefined {
  return DEV_USERS.find((u) => u.username === username);
}
