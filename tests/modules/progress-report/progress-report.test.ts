import { Period } from '../../../src/calendar/period';
import { startTestServer, type TestServer } from '../../support/test-server';
import { approveReport, countRows, COUNTY_LEADER, createProject, TOWN_OFFICER } from '../../support/fixtures';

const REPORT = `mutation($input: ReportProgressInput!) {
  reportProgress(input: $input) { id period completedInvestmentWan yearToDateWan pendingWan sinceStartWan stageAtMonthEnd progressNote reportedBy }
}`;
const CORRECT = `mutation($input: CorrectProgressReportInput!) {
  correctProgressReport(input: $input) { completedInvestmentWan yearToDateWan pendingWan sinceStartWan }
}`;

describe('monthly progress reports', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants');
  });
  afterAll(() => server.close());

  const report = (projectId: string, period: string, completedInvestmentWan: string, extra: Record<string, unknown> = {}) =>
    server.gql(REPORT, { input: { projectId, period, completedInvestmentWan, progressNote: '主体结构施工', ...extra } });

  it('derives the year-to-date and since-start figures exactly from the approved reports and the opening balance', async () => {
    const project = await createProject(server, {
      code: null,
      stage: 'UNDER_CONSTRUCTION',
      stageSince: '2024-06-01',
      completedBeforeTrackingWan: '1000.0001',
    });
    const december = await report(project.id, '2025-12', '0.1');
    const january = await report(project.id, '2026-01', '0.2');
    const march = await report(project.id, '2026-03', '3480.7');
    expect(march.errors).toBeUndefined();
    // Waiting for review, the amounts are pending and in no completed figure yet.
    expect(march.data?.reportProgress).toMatchObject({
      period: '2026-03',
      completedInvestmentWan: '3480.7',
      yearToDateWan: '0',
      pendingWan: '3480.9',
      sinceStartWan: '1000.0001',
      stageAtMonthEnd: 'UNDER_CONSTRUCTION',
      reportedBy: TOWN_OFFICER.subject,
    });
    for (const filed of [december, january, march]) await approveReport(server, filed.data?.reportProgress.id, COUNTY_LEADER);
    const approved = await server.gql(
      `{ progressReport(id: "${march.data?.reportProgress.id}") { yearToDateWan pendingWan sinceStartWan } }`,
    );
    expect(approved.data?.progressReport).toEqual({ yearToDateWan: '3480.9', pendingWan: '0', sinceStartWan: '4481.0001' });
    const totals = await server.gql(`{ project(id: "${project.id}") {
      completedThisYearWan(year: 2026) lastYear: completedThisYearWan(year: 2025) completedSinceStartWan pendingWan
      latestReport { period } progressReports(year: 2026) { period }
    } }`);
    expect(totals.data?.project).toEqual({
      completedThisYearWan: '3480.9',
      lastYear: '0.1',
      completedSinceStartWan: '4481.0001',
      pendingWan: '0',
      latestReport: { period: '2026-03' },
      progressReports: [{ period: '2026-01' }, { period: '2026-03' }],
    });
  });

  it('answers a second report for the same month with CONFLICT and keeps one row', async () => {
    const project = await createProject(server, { code: null });
    expect((await report(project.id, '2026-02', '10')).errors).toBeUndefined();
    const before = await countRows(server, 'progress_report');
    const second = await report(project.id, '2026-02', '20');
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.period' });
    expect(await countRows(server, 'progress_report')).toBe(before);
  });

  it('rejects a month that has not begun with BAD_USER_INPUT naming input.period', async () => {
    const project = await createProject(server, { code: null });
    const result = await report(project.id, Period.current().plusMonths(1).toString(), '10');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.period' });
  });

  it.each([['2026-13'], ['2026-1'], ['202603'], ['0000-01']])('rejects the period %s with BAD_USER_INPUT', async (period) => {
    const project = await createProject(server, { code: null });
    const result = await report(project.id, period, '10');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.period' });
  });

  it('rejects an empty progress note', async () => {
    const project = await createProject(server, { code: null });
    const result = await report(project.id, '2026-01', '10', { progressNote: '   ' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.progressNote' });
  });

  it('answers NOT_FOUND for a report on a project that does not exist', async () => {
    const result = await report('00000000-0000-4000-8000-000000000000', '2026-01', '10');
    expect(result.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('does not move the project when a late report for an earlier month names an older stage', async () => {
    const project = await createProject(server, { code: null, stage: 'UNDER_CONSTRUCTION', stageSince: '2026-01-10' });
    await report(project.id, '2026-05', '500');
    await report(project.id, '2026-02', '300', { stageAtMonthEnd: 'STARTED' });
    const after = await server.gql(`{ project(id: "${project.id}") { stage } }`);
    expect(after.data?.project.stage).toBe('UNDER_CONSTRUCTION');
  });

  it('recomputes the derived figures after a correction', async () => {
    const project = await createProject(server, { code: null });
    const filed = await report(project.id, '2026-06', '100');
    await report(project.id, '2026-07', '50');
    const corrected = await server.gql(CORRECT, { input: { id: filed.data?.reportProgress.id, completedInvestmentWan: '120.5' } });
    expect(corrected.data?.correctProgressReport).toEqual({
      completedInvestmentWan: '120.5',
      yearToDateWan: '0',
      pendingWan: '120.5',
      sinceStartWan: '0',
    });
    const latest = await server.gql(`{ project(id: "${project.id}") { latestReport { pendingWan } pendingWan } }`);
    expect(latest.data?.project).toEqual({ latestReport: { pendingWan: '170.5' }, pendingWan: '170.5' });
    await approveReport(server, filed.data?.reportProgress.id, COUNTY_LEADER);
    const approved = await server.gql(
      `{ project(id: "${project.id}") { latestReport { yearToDateWan pendingWan } completedThisYearWan pendingWan } }`,
    );
    expect(approved.data?.project).toEqual({
      latestReport: { yearToDateWan: '120.5', pendingWan: '50' },
      completedThisYearWan: '120.5',
      pendingWan: '50',
    });
  });
});
