import { Period } from '../../../src/calendar/period';
import { generateWorld } from '../../support/random-world';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The bulletin is the rollups' figures put in an office's order: over random worlds (the rollup
 * property test's), every figure of every section must equal what `rollup`, `ranking` and the
 * project list give for the same tenant and month. The rollups are proven against the raw rows by
 * tests/modules/rollup/rollup-property.test.ts; this proves the bulletin reads them, not a copy.
 */
const LIST = `listedCount annualPlanWan completedThisYearWan completionRate completedSameTimeLastYearWan yearOverYearGrowth netIncreaseWan
  plannedToStartCount startedCount newStartRate annualStartedCount annualStartRate pendingWan`;
const FIGURES = `${LIST} projectCount totalInvestmentWan timeProgress progressGap fundsInPlaceWan fundsArrivedThisYearWan
  overdueMilestoneCount trafficLight { color reasons { rule color figure yellowFrom redFrom message } }`;
const BREAKDOWN = `byCategory { category count totalInvestmentWan fundsInPlaceWan fundsArrivedThisYearWan ${LIST} }
  byDesignationLevel { level ${LIST} }`;
const BLOCKERS = `openCount overdueCount escalatedCount raisedCount resolvedCount resolutionRate byType { type openCount overdueCount escalatedCount raisedCount resolvedCount }`;
const ORDERS = `issuedCount openCount overdueCount closedCount closureRate`;
const REPORTING = `deadlineOn owedCount onTimeCount lateCount missingCount onTimeRate`;
const ATTRACTION = `leadCount signedCount signedWan startedOfSignedCount fulfilmentRate fundsInPlaceWan fundsArrivedThisYearWan`;

const ROLLUPS = `query($code: String!, $period: Period!, $before: Period!) {
  rollup(tenantCode: $code, period: $period) {
    ${FIGURES} ${BREAKDOWN} blockers { ${BLOCKERS} } supervisionOrders { ${ORDERS} } reporting { ${REPORTING} } attraction { ${ATTRACTION} }
    children { tenant { code name } reporting { ${REPORTING} } }
  }
  before: rollup(tenantCode: $code, period: $before) { blockers { raisedCount resolvedCount } supervisionOrders { issuedCount closedCount } }
  ranking(parentCode: $code, period: $period, metric: COMPLETION_RATE) {
    position previousPosition positionChange rollup { tenant { code name } ${FIGURES} }
  }
}`;

const BULLETIN = `query($code: String!, $period: Period!) {
  monthlyBulletin(tenantCode: $code, period: $period) {
    tenantCode period overview { ${FIGURES} ${LIST} }
    byTenant { metric rows { tenantCode tenantName position previousPosition positionChange ${FIGURES} } }
    ${BREAKDOWN}
    blockers { raisedInMonthCount resolvedInMonthCount ${BLOCKERS} }
    supervisionOrders { issuedInMonthCount closedInMonthCount ${ORDERS} }
    reporting { total { ${REPORTING} } rows { tenantCode tenantName ${REPORTING} } }
    attraction { ${ATTRACTION} }
    laggingProjectCount
    laggingProjects(first: 200) { totalCount nodes { projectId tenantCode trafficLight { color reasons { rule color figure message } } } }
  }
}`;

const LAGGING = `query($code: String!, $period: Period!, $year: Int!) {
  projects(filter: { tenantCode: $code, year: $year, lights: [YELLOW, RED], lightPeriod: $period }, first: 200) {
    totalCount nodes { id trafficLight(period: $period) { color reasons { rule color figure message } } }
  }
}`;

const TENANTS = ['371400', '371402', '371402001'];
// Months over, and the month that runs (read to today).
const PERIODS = [Period.of(2026, 1), Period.of(2026, 10), Period.current()];

describe('the bulletin against the rollups over random worlds', () => {
  let server: TestServer;
  let tenants: { code: string; path: string }[];

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', 'city-leader');
    tenants = (await sql(`select code, path::text as path from tenant where code like '3714%' order by code`)) as typeof tenants;
  });
  afterAll(() => server.close());

  const sql = (query: string, params: unknown[] = []): Promise<Record<string, any>[]> =>
    server.adminOrm.em.fork().getConnection().execute(query, params);

  async function data(query: string, variables: Record<string, unknown>): Promise<Record<string, any>> {
    const result = await server.gql(query, variables);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }

  it.each([11, 12])('equals the rollups section by section for a city, a county and a town (seed %i)', async (seed) => {
    await generateWorld(sql, tenants, seed);
    for (const code of TENANTS) {
      for (const period of PERIODS) {
        const at = { code, period: period.toString() };
        const { rollup, before, ranking } = await data(ROLLUPS, { ...at, before: period.plusMonths(-1).toString() });
        const { monthlyBulletin: b } = await data(BULLETIN, at);
        const { children, blockers, supervisionOrders, reporting, attraction, byCategory, byDesignationLevel, ...figures } = rollup;
        expect({ ...at, ...b.overview }).toEqual({ ...at, ...figures });
        expect(b.byCategory).toEqual(byCategory);
        expect(b.byDesignationLevel).toEqual(byDesignationLevel);
        expect(b.byTenant.metric).toBe('COMPLETION_RATE');
        expect(b.byTenant.rows).toEqual(
          ranking.map(({ rollup: r, ...place }: Record<string, any>) => {
            const { tenant, ...rest } = r;
            return { tenantCode: tenant.code, tenantName: tenant.name, ...place, ...rest };
          }),
        );
        expect(b.blockers).toEqual({
          ...blockers,
          raisedInMonthCount: blockers.raisedCount - before.blockers.raisedCount,
          resolvedInMonthCount: blockers.resolvedCount - before.blockers.resolvedCount,
        });
        expect(b.supervisionOrders).toEqual({
          ...supervisionOrders,
          issuedInMonthCount: supervisionOrders.issuedCount - before.supervisionOrders.issuedCount,
          closedInMonthCount: supervisionOrders.closedCount - before.supervisionOrders.closedCount,
        });
        expect(b.reporting).toEqual({
          total: reporting,
          rows: children.map((c: Record<string, any>) => ({ tenantCode: c.tenant.code, tenantName: c.tenant.name, ...c.reporting })),
        });
        expect(b.attraction).toEqual(attraction);
        // 滞后项目: exactly the projects the list filters as yellow or red, each with the light its own page shows.
        const { projects } = await data(LAGGING, { ...at, year: period.year });
        expect(b.laggingProjectCount).toBe(projects.totalCount);
        expect(b.laggingProjects.totalCount).toBe(projects.totalCount);
        const lights = new Map(projects.nodes.map((p: Record<string, any>) => [p.id, p.trafficLight]));
        expect(b.laggingProjects.nodes.map((p: Record<string, any>) => p.projectId).sort()).toEqual([...lights.keys()].sort());
        for (const p of b.laggingProjects.nodes)
          expect({ ...at, id: p.projectId, light: p.trafficLight }).toEqual({ ...at, id: p.projectId, light: lights.get(p.projectId) });
      }
    }
  });
});
