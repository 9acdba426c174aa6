import { adHocUser } from '../../../src/auth/dev-realm';
import { Role } from '../../../src/auth/roles';
import { approveReport, backdateRegistration, COUNTY_LEADER, createProject, DECHENG } from '../../support/fixtures';
import { startTestServer, type TestServer } from '../../support/test-server';
import { childFigures, EVALUATION, expectEntries } from './evaluation-support';
import { mulberry32 } from '../../support/random';

const REPORT = 'mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }';

/**
 * The towns of 德城区 in a world made up here: with nothing they all tie; then random projects,
 * plans, starts and approved reports in June and September, and two towns made to swap places,
 * so that ranks, ties and the change since the previous quarter all come from figures the test
 * recomputes the scores from.
 */
describe('quarterly evaluation of a generated county', () => {
  let server: TestServer;
  let towns: string[];
  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', COUNTY_LEADER);
    towns = (await childFigures(server, DECHENG, '2026-09')).map((c) => c.tenant.code);
  });
  afterAll(() => server.close());

  const evaluate = async () => {
    const result = await server.gql(EVALUATION, { parent: DECHENG, quarter: '2026Q3' });
    expect(result.errors).toBeUndefined();
    return result.data!.evaluation;
  };

  it('ties every town that has nothing to measure: full marks for the duties that did not arise, nothing else', async () => {
    const got = await evaluate();
    // A city that has set no scheme of its own is scored by the default.
    expect(got.scheme).toMatchObject({ cityCode: '371400', version: 0, isDefault: true, createdAt: null });
    expect(got.entries.length).toBe(towns.length);
    // Reporting 15, blockers 10 and orders 10 of the default scheme: nothing owed, raised or issued.
    expect(got.entries.every((e: { rank: number; totalScore: number }) => e.rank === 1 && e.totalScore === 35)).toBe(true);
    expect(got.entries.every((e: { previousRank: number; rankChange: number }) => e.previousRank === 1 && e.rankChange === 0)).toBe(true);
  });

  it('scores random towns as a recomputation from their rollups does, with ties and moves since the previous quarter', async () => {
    const random = mulberry32(0x2026_0917);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const officerOf = (town: string) => adHocUser({ tenantCode: town, roles: [Role.TOWN_OFFICER] });
    const project = async (town: string, started: boolean, plan: number) => {
      const created = await createProject(
        server,
        {
          code: null,
          ownerTenantCode: town,
          nature: pick(['NEW', 'NEW', 'CONTINUING']),
          stage: started ? 'STARTED' : 'PREPARATORY',
          stageSince: started ? '2026-04-15' : '2026-01-05',
          annualPlans: [{ year: 2026, plannedInvestmentWan: String(plan) }],
        },
        officerOf(town),
      );
      await backdateRegistration(server, created.id, '2026-01-05');
      return created.id;
    };
    const report = async (town: string, projectId: string, period: string, amount: number) => {
      const filed = await server.gql(
        REPORT,
        { input: { projectId, period, completedInvestmentWan: String(amount), progressNote: '施工中' } },
        officerOf(town),
      );
      if (filed.errors) throw new Error(JSON.stringify(filed.errors));
      await approveReport(server, filed.data!.reportProgress.id, COUNTY_LEADER);
    };

    // Two towns that swap places: ahead in June and behind in September, and the reverse.
    const [early, late, ...rest] = towns as [string, string, ...string[]];
    const earlyProject = await project(early, true, 1000);
    await report(early, earlyProject, '2026-06', 600);
    const lateProject = await project(late, true, 1000);
    await report(late, lateProject, '2026-09', 1000);
    // Random others.
    const [busy, idle] = [rest.slice(0, -2), rest.slice(-2)];
    for (const town of busy) {
      for (let i = 0; i < 1 + Math.floor(random() * 3); i += 1) {
        const id = await project(town, random() < 0.6, 100 + Math.floor(random() * 900));
        for (const period of ['2026-06', '2026-09']) if (random() < 0.6) await report(town, id, period, Math.floor(random() * 400));
      }
    }

    const got = await evaluate();
    expectEntries(
      got.entries,
      got.scheme.measures,
      await childFigures(server, DECHENG, '2026-09'),
      await childFigures(server, DECHENG, '2026-06'),
    );
    const entry = (code: string) => got.entries.find((e: { tenantCode: string }) => e.tenantCode === code);
    expect(entry(late).rank).toBeLessThan(entry(early).rank);
    expect(entry(late).rankChange).toBeGreaterThan(0);
    expect(entry(early).rankChange).toBeLessThan(0);
    // The towns left idle still share one rank.
    expect(idle).toHaveLength(2);
    expect(entry(idle[0]!).rank).toBe(entry(idle[1]!).rank);
  });
});
