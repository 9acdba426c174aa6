import { approveReport, CITY_LEADER, COUNTY_LEADER, createProject, DECHENG, NINGJIN, NINGJIN_LEADER } from '../../support/fixtures';
import { startTestServer, type TestServer } from '../../support/test-server';

/** The worked examples of the seeds, end to end: entered through the API, read from the rollup. */
describe("the seeds' figures through the API", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', COUNTY_LEADER);
  });
  afterAll(() => server.close());

  const rollup = async (period: string) =>
    (
      await server.gql(`{ rollup(tenantCode: "${DECHENG}", period: "${period}") {
      plannedToStartCount startedCount startRate newStartRate listedCount annualStartedCount annualStartRate annualPlanWan completedThisYearWan completionRate timeProgress progressGap
      trafficLight { color reasons { rule } } } }`)
    ).data?.rollup;

  it('counts 21 started of 28 planned to start as a 75% start rate, and 3.48亿 of 3.46亿 as 100.58%', async () => {
    const report = (projectId: string, period: string, amount: string) =>
      server.gql('mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }', {
        input: { projectId, period, completedInvestmentWan: amount, progressNote: '施工中' },
      });
    const ids: string[] = [];
    for (let i = 0; i < 28; i += 1) {
      const started = i < 21;
      const project = await createProject(
        server,
        {
          code: null,
          name: `重点项目${i + 1}`,
          ownerTenantCode: DECHENG,
          totalInvestmentWan: '100000',
          plannedStartOn: '2026-03-01',
          plannedCompletionOn: '2027-12-31',
          stage: started ? 'STARTED' : 'PREPARATORY',
          stageSince: started ? '2026-04-15' : '2026-01-05',
          // 3.46亿 planned over the 28 projects: 27 x 1,235.7142 + 1 x 1,235.7166
          annualPlans: [{ year: 2026, plannedInvestmentWan: i === 27 ? '1235.7166' : '1235.7142' }],
        },
        COUNTY_LEADER,
      );
      ids.push(project.id);
    }
    // 3.48亿 completed by October: 21 projects report 1,657.1428 (one of them 1,657.1440).
    // The county's own projects are reviewed by the city; only approved figures count.
    for (let i = 0; i < 21; i += 1) {
      const filed = await report(ids[i]!, '2026-10', i === 20 ? '1657.1440' : '1657.1428');
      await approveReport(server, filed.data!.reportProgress.id, CITY_LEADER);
    }

    const october = await rollup('2026-10');
    expect(october).toMatchObject({
      plannedToStartCount: 28,
      startedCount: 21,
      startRate: 75,
      newStartRate: 75,
      listedCount: 28,
      annualStartedCount: 21,
      annualStartRate: 75,
      annualPlanWan: '34600',
      completedThisYearWan: '34800',
      completionRate: 100.58,
      timeProgress: 83.29,
      progressGap: 17.29,
      trafficLight: { color: 'GREEN', reasons: [] },
    });
    // Before the starts (March), none of the 28 had started.
    expect((await rollup('2026-03')).startedCount).toBe(0);
  });

  it("counts 21 of the year's 28 projects started or continuing as a 75% annual start rate (年度项目开工率, seed 004), beside the new-start rate of its new projects", async () => {
    // 28 projects on 宁津县's 2026 list: 9 continuing from 2025, 19 new of which 12 have started:
    // 21 of 28 under way, as seed 004 counts them; 12 of 19 new starts (新开工项目开工率 63.16%).
    const county = NINGJIN;
    const leader = NINGJIN_LEADER;
    for (let i = 0; i < 28; i += 1) {
      const continuing = i < 9;
      const started = continuing || i < 21;
      await createProject(
        server,
        {
          code: null,
          name: `宁津重点项目${i + 1}`,
          ownerTenantCode: county,
          nature: continuing ? 'CONTINUING' : 'NEW',
          totalInvestmentWan: '50000',
          stage: started ? 'UNDER_CONSTRUCTION' : 'PREPARATORY',
          stageSince: continuing ? '2025-06-01' : started ? '2026-05-20' : '2026-01-05',
          annualPlans: [{ year: 2026, plannedInvestmentWan: '10000' }],
        },
        leader,
      );
    }
    const figures = (
      await server.gql(
        `{ rollup(tenantCode: "${county}", period: "2026-10") {
      listedCount annualStartedCount annualStartRate plannedToStartCount startedCount newStartRate } }`,
        {},
        leader,
      )
    ).data?.rollup;
    expect(figures).toEqual({
      listedCount: 28,
      annualStartedCount: 21,
      annualStartRate: 75,
      plannedToStartCount: 19,
      startedCount: 12,
      newStartRate: 63.16,
    });
  });
});
