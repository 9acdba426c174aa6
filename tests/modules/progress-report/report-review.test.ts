import {
  backdateRegistration,
  CITY,
  CITY_LEADER,
  COUNTY_LEADER,
  countRows,
  createProject,
  DECHENG,
  TOWN_OFFICER,
  XINHU,
  XINHUA_OFFICER,
} from '../../support/fixtures';
import { collect } from '../../support/live';
import { startTestServer, type TestServer } from '../../support/test-server';

const REPORT = `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id status } }`;
const SUBMIT = `mutation($id: ID!) { submitProgressReport(id: $id) { status submittedAt firstSubmittedAt } }`;
const APPROVE = `mutation($id: ID!) { approveProgressReport(id: $id) { status reviewedByName returnReason } }`;
const RETURN = `mutation($id: ID!, $reason: String!) { returnProgressReport(id: $id, reason: $reason) { status returnReason reviewedByName } }`;
const CORRECT = `mutation($input: CorrectProgressReportInput!) { correctProgressReport(input: $input) { completedInvestmentWan status } }`;
const REVIEWS = `query($id: ID!) { progressReport(id: $id) { status reviews { action reason actedByName } } }`;

describe('monthly report review (月报审核)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants');
  });
  afterAll(() => server.close());

  const cityFigures = async (period = '2026-10') =>
    (await server.gql(`{ rollup(tenantCode: "${CITY}", period: "${period}") { completedThisYearWan reportCount } }`, {}, CITY_LEADER)).data
      ?.rollup as { completedThisYearWan: string; reportCount: number };

  const file = async (projectId: string, period: string, amount: string, submit = true) => {
    const result = await server.gql(REPORT, {
      input: { projectId, period, completedInvestmentWan: amount, progressNote: '施工中', submit },
    });
    expect(result.errors).toBeUndefined();
    return result.data!.reportProgress as { id: string; status: string };
  };

  it('moves the city figures only when the county approves: submit, return with a reason, resubmit, approve', async () => {
    const project = await createProject(server, { code: null, stage: 'UNDER_CONSTRUCTION', stageSince: '2026-01-10' });
    const before = await cityFigures();
    const report = await file(project.id, '2026-10', '123.4567');
    expect(report.status).toBe('SUBMITTED');
    expect(await cityFigures()).toEqual(before);

    const returned = await server.gql(RETURN, { id: report.id, reason: '投资额与统计数据不符' }, COUNTY_LEADER);
    expect(returned.data?.returnProgressReport).toMatchObject({
      status: 'RETURNED',
      returnReason: '投资额与统计数据不符',
      reviewedByName: COUNTY_LEADER.name,
    });
    expect(await cityFigures()).toEqual(before);

    await server.gql(CORRECT, { input: { id: report.id, completedInvestmentWan: '120' } });
    const resubmitted = await server.gql(SUBMIT, { id: report.id });
    expect(resubmitted.data?.submitProgressReport.status).toBe('RESUBMITTED');
    expect(await cityFigures()).toEqual(before);

    const approved = await server.gql(APPROVE, { id: report.id }, COUNTY_LEADER);
    expect(approved.data?.approveProgressReport).toMatchObject({ status: 'APPROVED', returnReason: null });
    const after = await cityFigures();
    expect(after.reportCount).toBe(before.reportCount + 1);
    expect(Number(after.completedThisYearWan) - Number(before.completedThisYearWan)).toBeCloseTo(120, 4);

    const history = await server.gql(REVIEWS, { id: report.id });
    expect(history.data?.progressReport.reviews.map((r: { action: string }) => r.action)).toEqual([
      'SUBMITTED',
      'RETURNED',
      'RESUBMITTED',
      'APPROVED',
    ]);
    expect(history.data?.progressReport.reviews[1]).toMatchObject({ reason: '投资额与统计数据不符', actedByName: COUNTY_LEADER.name });

    // Approved is locked for the town; the county may return it, and the figures leave again.
    const locked = await server.gql(CORRECT, { input: { id: report.id, completedInvestmentWan: '1' } });
    expect(locked.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
    await server.gql(RETURN, { id: report.id, reason: '复核' }, COUNTY_LEADER);
    expect(await cityFigures()).toEqual(before);
  });

  it('streams each review step to a live dashboard as an event of its own', async () => {
    const project = await createProject(server, { code: null, stage: 'UNDER_CONSTRUCTION', stageSince: '2026-01-10' });
    const client = server.wsClient(COUNTY_LEADER);
    const streams = server.liveStreams();
    const events = collect<{ kind: string }>(
      client,
      `subscription { projectChanged(tenantCode: "${DECHENG}", projectId: "${project.id}") { kind } }`,
      {},
      (d) => d.projectChanged,
    );
    await server.untilLiveStreams(streams + 1);
    const draft = await file(project.id, '2026-06', '10', false);
    await server.gql(SUBMIT, { id: draft.id });
    await server.gql(RETURN, { id: draft.id, reason: '补充形象进度' }, COUNTY_LEADER);
    await server.gql(SUBMIT, { id: draft.id });
    await server.gql(APPROVE, { id: draft.id }, COUNTY_LEADER);
    // The project's own creation, committed just before, may also reach a stream opened right after it.
    const reviewSteps = () => events.items.map((e) => e.kind).filter((kind) => kind.startsWith('REPORT_'));
    for (let n = 5; reviewSteps().length < 5; n += 1) await events.until(n);
    expect(reviewSteps()).toEqual(['REPORT_DRAFTED', 'REPORT_SUBMITTED', 'REPORT_RETURNED', 'REPORT_RESUBMITTED', 'REPORT_APPROVED']);
    events.stop();
    await client.dispose();
  });

  it('keeps a draft out of review until it is submitted', async () => {
    const project = await createProject(server, { code: null, stage: 'UNDER_CONSTRUCTION', stageSince: '2026-01-10' });
    const draft = await file(project.id, '2026-09', '10', false);
    expect(draft.status).toBe('DRAFT');
    const early = await server.gql(APPROVE, { id: draft.id }, COUNTY_LEADER);
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    const submitted = await server.gql(SUBMIT, { id: draft.id });
    expect(submitted.data?.submitProgressReport.status).toBe('SUBMITTED');
    const again = await server.gql(SUBMIT, { id: draft.id });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
  });

  it('lets only the level above review, and asks a reason for a return', async () => {
    const project = await createProject(server, { code: null, stage: 'UNDER_CONSTRUCTION', stageSince: '2026-01-10' });
    const report = await file(project.id, '2026-08', '10');
    const reviews = await countRows(server, 'progress_report_review');
    const own = await server.gql(APPROVE, { id: report.id }, TOWN_OFFICER);
    expect(own.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const neighbour = await server.gql(APPROVE, { id: report.id }, XINHUA_OFFICER);
    expect(neighbour.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const noReason = await server.gql(RETURN, { id: report.id, reason: '  ' }, COUNTY_LEADER);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(await countRows(server, 'progress_report_review')).toBe(reviews);
    expect((await server.gql(REVIEWS, { id: report.id })).data?.progressReport.status).toBe('SUBMITTED');
  });

  it('lists missing and late reports after the deadline, and counts them in the rollup', async () => {
    // Projects on the 2026 list, registered in January, owe a report for every month from then on; July's was due on 5 August.
    const missing = await createProject(server, { code: null, stage: 'UNDER_CONSTRUCTION', stageSince: '2026-01-10' });
    const onTime = await createProject(server, { code: null, stage: 'UNDER_CONSTRUCTION', stageSince: '2026-01-10' });
    for (const project of [missing, onTime]) await backdateRegistration(server, project.id, '2026-01-10');
    await file(onTime.id, '2026-07', '5');
    const late = await server.gql(
      `{ lateReports(tenantCode: "${XINHU}", period: "2026-07") { kind deadlineOn submittedOn daysLate project { id } } }`,
    );
    expect(late.errors).toBeUndefined();
    const rows = late.data!.lateReports as { kind: string; deadlineOn: string; submittedOn: string | null; project: { id: string } }[];
    // Both were filed today, long after 5 August: the one never filed is missing, the other late.
    expect(rows.find((r) => r.project.id === missing.id)).toMatchObject({ kind: 'MISSING', deadlineOn: '2026-08-05', submittedOn: null });
    expect(rows.find((r) => r.project.id === onTime.id)).toMatchObject({ kind: 'LATE', deadlineOn: '2026-08-05' });
    const figures = (
      await server.gql(
        `{ rollup(tenantCode: "${XINHU}", period: "2026-07") { reporting { owedCount lateCount missingCount submittedCount pendingReviewCount } } }`,
      )
    ).data?.rollup.reporting;
    expect(figures.lateCount).toBe(rows.filter((r) => r.kind === 'LATE').length);
    expect(figures.missingCount).toBe(rows.filter((r) => r.kind === 'MISSING').length);
    expect(figures.owedCount).toBeGreaterThanOrEqual(2);
    expect(figures.submittedCount).toBeGreaterThanOrEqual(1);
    const denied = await server.gql(`{ lateReports(tenantCode: "${DECHENG}", period: "2026-07") { kind } }`);
    expect(denied.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('moves the deadline with the city rule its administrator sets', async () => {
    const admin = { ...CITY_LEADER, subject: 'city-admin', roles: ['admin'] };
    const set = await server.gql('mutation { setReportingRules(cityCode: "371400", deadlineDay: 10) { deadlineDay } }', {}, admin as never);
    expect(set.errors).toBeUndefined();
    const late = await server.gql(`{ lateReports(tenantCode: "${XINHU}", period: "2026-07") { deadlineOn } }`);
    expect(late.data?.lateReports[0]?.deadlineOn).toBe('2026-08-10');
    const bad = await server.gql('mutation { setReportingRules(cityCode: "371400", deadlineDay: 31) { deadlineDay } }', {}, admin as never);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deadlineDay' });
    const notAdmin = await server.gql(
      'mutation { setReportingRules(cityCode: "371400", deadlineDay: 3) { deadlineDay } }',
      {},
      CITY_LEADER,
    );
    expect(notAdmin.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    await server.gql('mutation { setReportingRules(cityCode: "371400", deadlineDay: 5) { deadlineDay } }', {}, admin as never);
  });
});

describe('plan decomposition (任务分解)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants');
  });
  afterAll(() => server.close());

  const SET = `mutation($input: SetMonthlyTargetsInput!) { setMonthlyTargets(input: $input) { targetsAreCustom monthlyTargets { period targetWan } } }`;
  const target = async (period: string) =>
    (await server.gql(`{ rollup(tenantCode: "${XINHU}", period: "${period}") { cumulativeTargetWan } }`)).data?.rollup
      .cumulativeTargetWan as string;

  it('splits a plan evenly to the last 0.0001 万元, takes targets by hand, and the rollup compares with the cumulative target', async () => {
    const baseJune = Number(await target('2026-06'));
    const project = await createProject(server, { code: null, annualPlans: [{ year: 2026, plannedInvestmentWan: '1000' }] });
    const plans = await server.gql(
      `query($id: ID!) { project(id: $id) { annualPlans { year targetsAreCustom monthlyTargets { period targetWan } } } }`,
      { id: project.id },
    );
    const even = plans.data?.project.annualPlans.find((p: { year: number }) => p.year === 2026);
    expect(even.targetsAreCustom).toBe(false);
    expect(even.monthlyTargets).toHaveLength(12);
    const months = even.monthlyTargets.map((t: { targetWan: string }) => t.targetWan) as string[];
    // Cumulative targets are the plan x m/12 truncated: 83.3333, 166.6666, 250 ... so every third month takes the remainder.
    expect(months.slice(0, 3)).toEqual(['83.3333', '83.3333', '83.3334']);
    expect(months.reduce((sum, t) => sum + BigInt(Math.round(Number(t) * 10_000)), 0n)).toBe(1000n * 10_000n);
    expect(Number(await target('2026-06')) - baseJune).toBeCloseTo(500, 4);

    const front = ['200', '200', '200', '100', '100', '100', '20', '20', '20', '20', '10', '10'];
    const set = await server.gql(SET, { input: { projectId: project.id, year: 2026, targetsWan: front } });
    expect(set.data?.setMonthlyTargets.targetsAreCustom).toBe(true);
    expect(Number(await target('2026-06')) - baseJune).toBeCloseTo(900, 4);

    const wrongSum = await server.gql(SET, { input: { projectId: project.id, year: 2026, targetsWan: front.map(() => '1') } });
    expect(wrongSum.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.targetsWan' });
    const tooFew = await server.gql(SET, { input: { projectId: project.id, year: 2026, targetsWan: ['1000'] } });
    expect(tooFew.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.targetsWan' });
    expect(Number(await target('2026-06')) - baseJune).toBeCloseTo(900, 4);

    const noPlan = await server.gql(SET, { input: { projectId: project.id, year: 2030, targetsWan: front } });
    expect(noPlan.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const neighbour = await server.gql(SET, { input: { projectId: project.id, year: 2026, targetsWan: front } }, XINHUA_OFFICER);
    expect(neighbour.errors?.[0]?.extensions.code).toBe('NOT_FOUND');

    // Changing the plan's amount returns to the even split of the new amount.
    await server.gql(`mutation($input: SetAnnualPlanInput!) { setAnnualPlan(input: $input) { id } }`, {
      input: { projectId: project.id, year: 2026, plannedInvestmentWan: '1200' },
    });
    expect(Number(await target('2026-06')) - baseJune).toBeCloseTo(600, 4);
  });
});
