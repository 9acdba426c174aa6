import type { TestServer } from './test-server';

/** Real division codes from the 德州市 tree: the city, a district, two of its sub-districts, another county. */
export const CITY = '371400';
export const DECHENG = '371402';
export const XINHU = '371402001';
export const XINHUA = '371402002';
export const NINGJIN = '371422';

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

export async function createProject(server: TestServer, overrides: Record<string, unknown> = {}) {
  const result = await server.gql<{ createProject: { id: string } & Record<string, any> }>(
    `mutation($input: CreateProjectInput!) { createProject(input: $input) { ${PROJECT_FIELDS} } }`,
    { input: projectInput(overrides) },
  );
  if (result.errors) throw new Error(`createProject failed: ${JSON.stringify(result.errors)}`);
  return result.data!.createProject;
}

export async function countRows(server: TestServer, table: string): Promise<number> {
  const rows: { n: string }[] = await server.orm.em.fork().getConnection().execute(`select count(*)::text as n from ${table}`);
  return Number(rows[0]?.n);
}
