import { COUNTY_LEADER, createProject, XINHU, XINHUA, XINHUA_OFFICER } from '../../support/fixtures';
import { startTestServer, type TestServer } from '../../support/test-server';

const REPORT = `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`;
const RETURN = `mutation($id: ID!, $reason: String!) { returnProgressReport(id: $id, reason: $reason) { status } }`;
const APPROVE = `mutation($id: ID!) { approveProgressReport(id: $id) { status } }`;

interface Figures {
  project: { completedThisYearWan: string; completedSinceStartWan: string; pendingWan: string };
  rollup: { completedThisYearWan: string; completedSinceStartWan: string };
}

/**
 * One truth per figure (issue 13): a project, its reports and its town's rollup count the same
 * reports, the approved ones; what waits for review is `pendingWan`, apart.
 */
describe('one truth per figure: which reports a figure counts (一个口径)', () => {
  let server: TestServer;

  beforeAll(async () => {
    // Its own database: the town's rollup holds this file's one project and nothing else.
    server = await startTestServer('dezhou-tenants');
  });
  afterAll(() => server.close());

  const figures = async (projectId: string): Promise<Figures> => {
    const result = await server.gql(`{
      project(id: "${projectId}") { completedThisYearWan completedSinceStartWan pendingWan }
      rollup(tenantCode: "${XINHU}", period: "2026-12") { completedThisYearWan completedSinceStartWan }
    }`);
    expect(result.errors).toBeUndefined();
    return result.data as Figures;
  };

  it("a project's completed figures count what its town's rollup counts: approved reports only", async () => {
    const project = await createProject(server, {
      code: null,
      stage: 'UNDER_CONSTRUCTION',
      stageSince: '2026-01-10',
      completedBeforeTrackingWan: '10',
    });
    const filed = await server.gql(REPORT, {
      input: { projectId: project.id, period: '2026-09', completedInvestmentWan: '100.5', progressNote: '主体施工' },
    });
    const draft = await server.gql(REPORT, {
      input: { projectId: project.id, period: '2026-10', completedInvestmentWan: '7', progressNote: '主体施工', submit: false },
    });
    expect(filed.errors ?? draft.errors).toBeUndefined();
    const id = filed.data!.reportProgress.id as string;

    const submitted = await figures(project.id);
    expect(submitted.project).toEqual({ completedThisYearWan: '0', completedSinceStartWan: '10', pendingWan: '100.5' });
    expect(submitted.rollup).toEqual({ completedThisYearWan: '0', completedSinceStartWan: '10' });

    await server.gql(APPROVE, { id }, COUNTY_LEADER);
    const approved = await figures(project.id);
    expect(approved.project).toEqual({ completedThisYearWan: '100.5', completedSinceStartWan: '110.5', pendingWan: '0' });
    expect(approved.rollup).toEqual({ completedThisYearWan: '100.5', completedSinceStartWan: '110.5' });

    // A returned report is in neither the completed figures nor the pending amount: it is with the town.
    const returned = await server.gql(RETURN, { id, reason: '投资额与统计数据不符' }, COUNTY_LEADER);
    expect(returned.data?.returnProgressReport.status).toBe('RETURNED');
    const back = await figures(project.id);
    expect(back.project).toEqual({ completedThisYearWan: '0', completedSinceStartWan: '10', pendingWan: '0' });
    expect(back.rollup).toEqual({ completedThisYearWan: '0', completedSinceStartWan: '10' });
  });

  it('the amount under review is its own figure, on the project and on each report', async () => {
    const as = XINHUA_OFFICER;
    const project = await createProject(
      server,
      { code: null, ownerTenantCode: XINHUA, stage: 'UNDER_CONSTRUCTION', stageSince: '2026-01-10' },
      as,
    );
    const ids: string[] = [];
    for (const [period, amount] of [
      ['2026-08', '20'],
      ['2026-09', '30'],
      ['2026-10', '40'],
    ] as const) {
      const filed = await server.gql(
        REPORT,
        { input: { projectId: project.id, period, completedInvestmentWan: amount, progressNote: '施工' } },
        as,
      );
      ids.push(filed.data!.reportProgress.id);
    }
    await server.gql(APPROVE, { id: ids[0] }, COUNTY_LEADER);
    const read = await server.gql(
      `{ project(id: "${project.id}") { completedThisYearWan pendingWan progressReports { period yearToDateWan pendingWan } } }`,
      {},
      as,
    );
    // Approved August counts; September and October wait, each report showing what waits through its month.
    expect(read.data?.project).toEqual({
      completedThisYearWan: '20',
      pendingWan: '70',
      progressReports: [
        { period: '2026-08', yearToDateWan: '20', pendingWan: '0' },
        { period: '2026-09', yearToDateWan: '20', pendingWan: '30' },
        { period: '2026-10', yearToDateWan: '20', pendingWan: '70' },
      ],
    });
  });
});
