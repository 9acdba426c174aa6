import { CITY, CITY_LEADER, COUNTY_LEADER, createProject, DECHENG, TOWN_OFFICER, XINHUA_OFFICER } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The review queue (待审核, `reviewQueue`): each level sees the reports it decides on, and only
 * those, over HTTP with real tokens. A county reviews its towns' reports, a city its counties' and
 * its own; drafts, approved reports and other levels' reports never appear.
 */
describe('reviewQueue', () => {
  let server: TestServer;
  let townReport: string;
  let draft: string;
  let countyReport: string;
  let cityReport: string;

  const QUEUE = `query ($first: Int) { reviewQueue(first: $first) { id status period project { name owner { code } } } }`;
  const report = async (projectId: string, as: typeof TOWN_OFFICER, submit = true) => {
    const result = await server.gql<{ reportProgress: { id: string } }>(
      `mutation ($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`,
      { input: { projectId, period: '2026-10', completedInvestmentWan: '120', progressNote: '主体结构施工', submit } },
      as,
    );
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!.reportProgress.id;
  };
  const ids = async (as: typeof TOWN_OFFICER) => {
    const result = await server.gql<{ reviewQueue: { id: string }[] }>(QUEUE, {}, as);
    expect(result.errors).toBeUndefined();
    return result.data!.reviewQueue.map((r) => r.id);
  };

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER);
    const town = await createProject(server, { code: null, name: '新湖街道社区服务中心' });
    townReport = await report(town.id, TOWN_OFFICER);
    const xinhua = await createProject(server, { code: null, name: '新华街道老旧小区改造', ownerTenantCode: '371402002' }, XINHUA_OFFICER);
    draft = await report(xinhua.id, XINHUA_OFFICER, false);
    const county = await createProject(server, { code: null, name: '德城区道路改造', ownerTenantCode: DECHENG }, COUNTY_LEADER);
    countyReport = await report(county.id, COUNTY_LEADER);
    const city = await createProject(server, { code: null, name: '德州市体育中心', ownerTenantCode: CITY }, CITY_LEADER);
    cityReport = await report(city.id, CITY_LEADER);
  });
  afterAll(() => server.close());

  it("gives a county leader their towns' submitted reports, not drafts and not the county's own", async () => {
    expect(await ids(COUNTY_LEADER)).toEqual([townReport]);
    expect(await ids(COUNTY_LEADER)).not.toContain(draft);
  });

  it("gives a city leader the counties' reports (and the city's own), not the towns'", async () => {
    // The longest waiting first.
    expect(await ids(CITY_LEADER)).toEqual([countyReport, cityReport]);
  });

  it('gives a town officer, who reviews nothing, an empty queue', async () => {
    expect(await ids(TOWN_OFFICER)).toEqual([]);
  });

  it('drops a report once approved, and lists it again when resubmitted after a return', async () => {
    const approved = await server.gql(
      `mutation ($id: ID!) { approveProgressReport(id: $id) { status } }`,
      { id: townReport },
      COUNTY_LEADER,
    );
    expect(approved.errors).toBeUndefined();
    expect(await ids(COUNTY_LEADER)).toEqual([]);
    const returned = await server.gql(
      `mutation ($id: ID!) { returnProgressReport(id: $id, reason: "金额与台账不符") { status } }`,
      { id: townReport },
      COUNTY_LEADER,
    );
    expect(returned.errors).toBeUndefined();
    expect(await ids(COUNTY_LEADER)).toEqual([]);
    const resubmitted = await server.gql(
      `mutation ($id: ID!) { submitProgressReport(id: $id) { status } }`,
      { id: townReport },
      TOWN_OFFICER,
    );
    expect(resubmitted.data?.submitProgressReport.status).toBe('RESUBMITTED');
    expect(await ids(COUNTY_LEADER)).toEqual([townReport]);
  });

  it.each([0, -1, 1001])('answers first: %d with BAD_USER_INPUT on first', async (first) => {
    const result = await server.gql(QUEUE, { first }, COUNTY_LEADER);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('answers a request without a token with UNAUTHENTICATED', async () => {
    const result = await server.gql(QUEUE, {}, null);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
