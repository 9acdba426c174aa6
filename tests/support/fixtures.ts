import { adHocUser } from '../../src/auth/dev-realm';
import { devUser, type DevUser } from '../../src/auth/dev-users';
import { Role } from '../../src/auth/roles';
import type { Caller, TestServer } from './test-server';

/** Real division codes from the 德州市 tree: the city, a district, two of its sub-districts, another county. */
export const CITY = '371400';
export const DECHENG = '371402';
export const XINHU = '371402001';
export const XINHUA = '371402002';
export const NINGJIN = '371422';
/** 德城区黄河涯镇: where the city builds its district heating network (属地). */
export const HUANGHEYA = '371402101';

export const TOWN_OFFICER = devUser('town-officer')!;
export const COUNTY_LEADER = devUser('county-leader')!;
export const CITY_LEADER = devUser('city-leader')!;
/** 刘洋, assigned leader (包抓领导) of demo projects: a Keycloak user id as assignLeader takes it. */
export const PROJECT_LEADER = devUser('project-leader')!;
/** Leader of another county (宁津县): a sibling of 德城区. */
export const NINGJIN_LEADER: DevUser = adHocUser({
  subject: 'ningjin-leader',
  name: '宁津县领导',
  tenantCode: NINGJIN,
  roles: [Role.COUNTY_LEADER],
});
/** Officer of 新华街道, the neighbouring town of 新湖街道 in 德城区. */
export const XINHUA_OFFICER: DevUser = adHocUser({
  subject: 'xinhua-officer',
  name: '新华街道干部',
  tenantCode: XINHUA,
  roles: [Role.TOWN_OFFICER],
});

export const PROJECT_FIELDS = `
  id code name category nature stage totalInvestmentWan fundsInPlaceWan plannedStartOn plannedCompletionOn
  isInStatisticsDatabase designationLevels owner { code name } location { code }
  annualPlans { year plannedInvestmentWan }
  stageHistory { fromStage toStage changedOn note recordedBy }
`;

export function projectInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '年产5万吨新型建材生产线项目',
    code: '2411-371402-89-01-637015',
    category: 'INDUSTRIAL_UPGRADE',
    nature: 'NEW',
    ownerTenantCode: XINHU,
    totalInvestmentWan: '52000',
    plannedStartOn: '2026-03-01',
    plannedCompletionOn: '2027-12-31',
    annualPlans: [{ year: 2026, plannedInvestmentWan: '18000.5' }],
    ...overrides,
  };
}

/** Creates a project as its owner's officer (the town officer of 新湖街道 unless told otherwise). */
export async function createProject(server: TestServer, overrides: Record<string, unknown> = {}, as: Caller = TOWN_OFFICER) {
  const result = await server.gql<{ createProject: { id: string } & Record<string, any> }>(
    `mutation($input: CreateProjectInput!) { createProject(input: $input) { ${PROJECT_FIELDS} } }`,
    { input: projectInput(overrides) },
    as,
  );
  if (result.errors) throw new Error(`createProject failed: ${JSON.stringify(result.errors)}`);
  return result.data!.createProject;
}

/**
 * The city's 德州市集中供热管网改造工程 (25.6亿), built in 德城区黄河涯镇: owned (registered, reported)
 * by the city, read and counted by location by 德城区 and 黄河涯镇.
 */
export function createHeatingNetwork(server: TestServer, overrides: Record<string, unknown> = {}) {
  return createProject(
    server,
    {
      code: null,
      name: '德州市集中供热管网改造工程',
      category: 'URBAN_CONSTRUCTION',
      ownerTenantCode: CITY,
      locationTenantCode: HUANGHEYA,
      totalInvestmentWan: '256000',
      stage: 'UNDER_CONSTRUCTION',
      stageSince: '2026-03-15',
      annualPlans: [{ year: 2026, plannedInvestmentWan: '80000' }],
      ...overrides,
    },
    CITY_LEADER,
  );
}

/** Counts what is really in a table, through the owner's connection (row-level security does not hide rows from it). */
export async function countRows(server: TestServer, table: string): Promise<number> {
  const rows: { n: string }[] = await server.adminOrm.em.fork().getConnection().execute(`select count(*)::text as n from ${table}`);
  return Number(rows[0]?.n);
}

/**
 * Approves a monthly report as its reviewer would (the county for a town's project, the city for
 * a county's or its own): only approved reports count in the rollups.
 */
export async function approveReport(server: TestServer, reportId: string, as: Caller): Promise<void> {
  const result = await server.gql('mutation($id: ID!) { approveProgressReport(id: $id) { status } }', { id: reportId }, as);
  if (result.errors) throw new Error(`approval failed: ${JSON.stringify(result.errors)}`);
}

/**
 * Moves a blocker's deadline into the past through the owner's connection, as if the days had
 * passed: the API takes only deadlines from today on, and overdue blockers are what some tests need.
 */
export async function backdateBlockerDeadline(server: TestServer, blockerId: string, deadlineOn: string): Promise<void> {
  await server.adminOrm.em.fork().getConnection().execute('update blocker set deadline_on = ? where id = ?', [deadlineOn, blockerId]);
}

/**
 * Dates a project's registration back (its `created_at`, through the owner's connection), as if it
 * had been registered then: reports are owed only from the month of registration, and some tests
 * need duties from earlier months.
 */
export async function backdateRegistration(server: TestServer, projectId: string, registeredOn: string): Promise<void> {
  await server.adminOrm.em
    .fork()
    .getConnection()
    .execute(`update project set created_at = (?::date + time '09:00') at time zone 'Asia/Shanghai' where id = ?`, [
      registeredOn,
      projectId,
    ]);
}
