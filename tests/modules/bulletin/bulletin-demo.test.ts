import { Period } from '../../../src/calendar/period';
import { TEST_DEMO_AS_OF } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/test-server';

/** The demo city's bulletin for the last whole month reads as one a city would circulate: names on both lists, lagging projects with reasons. */
describe('the demo city’s monthly bulletin', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('demo', 'city-leader');
  });
  afterAll(() => server.close());

  it('names counties and projects on the 红榜 and the 黑榜 and lists lagging projects with their reasons', async () => {
    const period = Period.ofDate(TEST_DEMO_AS_OF).plusMonths(-1);
    const result = await server.gql(
      `query($period: Period!) { monthlyBulletin(tenantCode: "371400", period: $period) {
        title overview { projectCount completionRate timeProgress trafficLight { color } }
        byTenant { rows { tenantName position positionChange } }
        redList { tenants { tenantName } projects { projectName reasons { message } } }
        blackList { tenants { tenantName } projects { projectName reasons { message } } }
        laggingProjectCount laggingProjects(first: 5) { nodes { projectName tenantName trafficLight { color reasons { message } } } }
        blockers { raisedInMonthCount openCount resolutionRate } reporting { total { owedCount onTimeRate } }
        attraction { signedCount fulfilmentRate } supervisionOrders { issuedCount closureRate } } }`,
      { period: period.toString() },
    );
    expect(result.errors).toBeUndefined();
    const b = result.data!.monthlyBulletin;
    expect(b.title).toBe(`德州市重点项目建设情况通报（${period.chineseName}）`);
    expect(b.overview.projectCount).toBeGreaterThan(100);
    expect(b.byTenant.rows.length).toBeGreaterThanOrEqual(10);
    expect(b.redList.tenants.length + b.redList.projects.length).toBeGreaterThan(0);
    expect(b.blackList.tenants.length + b.blackList.projects.length).toBeGreaterThan(0);
    expect(b.laggingProjectCount).toBeGreaterThan(0);
    for (const p of b.laggingProjects.nodes) expect(p.trafficLight.reasons.length).toBeGreaterThan(0);
    expect(b.reporting.total.owedCount).toBeGreaterThan(0);
  });
});
