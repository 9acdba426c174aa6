import { adHocUser } from '../../../src/auth/dev-realm';
import { Role } from '../../../src/auth/roles';
import { Period } from '../../../src/calendar/period';
import { backdateRegistration, COUNTY_LEADER, createProject } from '../../support/fixtures';
import { startTestServer, type TestServer } from '../../support/test-server';

const REPORT = `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`;
const CHANGE_STAGE = `mutation($input: ChangeProjectStageInput!) { changeProjectStage(input: $input) { stage completedOn } }`;

interface Late {
  kind: string;
  deadlineOn: string;
  submittedOn: string | null;
  daysLate: number;
  project: { id: string };
}

interface Reporting {
  owedCount: number;
  submittedCount: number;
  onTimeCount: number;
  lateCount: number;
  missingCount: number;
  onTimeRate: number | null;
}

/** 德城区's towns, one per test, so that each town's duties are the test's own. */
const officerOf = (tenantCode: string) =>
  adHocUser({ subject: `officer-${tenantCode}`, name: '乡镇干部', tenantCode, roles: [Role.TOWN_OFFICER] });

/**
 * Who owes a monthly report, and when it is late (issue 13): a project on the year's list owes one
 * from the month it was registered until the month it was completed or put into operation; nothing
 * before registration is owed, so nothing there is late. `lateReports` and the rollup's reporting
 * figures count the same duties.
 */
describe('who owes a report, and when it is late (应报月报)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants');
  });
  afterAll(() => server.close());

  const register = (town: string, overrides: Record<string, unknown> = {}) => {
    const year = Period.current().year;
    const plans = [...new Set([2026, year - 1, year])].map((y) => ({ year: y, plannedInvestmentWan: '1000' }));
    return createProject(
      server,
      { code: null, ownerTenantCode: town, stage: 'UNDER_CONSTRUCTION', stageSince: '2025-06-01', annualPlans: plans, ...overrides },
      officerOf(town),
    );
  };

  const file = async (town: string, projectId: string, period: string) => {
    const result = await server.gql(
      REPORT,
      { input: { projectId, period, completedInvestmentWan: '10', progressNote: '施工' } },
      officerOf(town),
    );
    expect(result.errors).toBeUndefined();
    return result.data!.reportProgress.id as string;
  };

  /** The late list and the rollup's figures of a town for a month, read together. */
  const duties = async (town: string, period: string) => {
    const result = await server.gql(
      `query($town: String!, $period: Period!) {
        lateReports(tenantCode: $town, period: $period) { kind deadlineOn submittedOn daysLate project { id } }
        rollup(tenantCode: $town, period: $period) { reporting { owedCount submittedCount onTimeCount lateCount missingCount onTimeRate } }
      }`,
      { town, period },
      COUNTY_LEADER,
    );
    expect(result.errors).toBeUndefined();
    const late = result.data!.lateReports as Late[];
    const reporting = result.data!.rollup.reporting as Reporting;
    // The rollup counts exactly what the list shows.
    expect(reporting.missingCount).toBe(late.filter((l) => l.kind === 'MISSING').length);
    expect(reporting.lateCount).toBe(late.filter((l) => l.kind === 'LATE').length);
    return { late, reporting };
  };

  it('a project registered this month owes nothing for earlier months', async () => {
    const town = '371402003';
    const project = await register(town);
    const current = Period.current();
    const earlier = current.plusMonths(-2).toString();

    const before = await duties(town, earlier);
    expect(before.late).toEqual([]);
    expect(before.reporting).toMatchObject({ owedCount: 0, missingCount: 0, lateCount: 0, onTimeRate: null });

    // This month's report is owed, and not missing before its deadline.
    const now = await duties(town, current.toString());
    expect(now.reporting).toMatchObject({ owedCount: 1, missingCount: 0 });

    // A report for a month before registration, filed today, is welcome but not late.
    await file(town, project.id, earlier);
    const filed = await duties(town, earlier);
    expect(filed.late).toEqual([]);
    expect(filed.reporting).toMatchObject({ owedCount: 0, submittedCount: 0, lateCount: 0 });
  });

  it('duties before registration are not late: a project registered in March owes from March', async () => {
    const town = '371402006';
    const project = await register(town);
    await backdateRegistration(server, project.id, '2026-03-15');
    const february = await duties(town, '2026-02');
    expect(february.late).toEqual([]);
    expect(february.reporting.owedCount).toBe(0);
    const march = await duties(town, '2026-03');
    expect(march.late).toEqual([
      expect.objectContaining({ kind: 'MISSING', deadlineOn: '2026-04-05', submittedOn: null, project: { id: project.id } }),
    ]);
    expect(march.reporting).toMatchObject({ owedCount: 1, missingCount: 1 });
  });

  it('a completed project owes no more reports', async () => {
    const town = '371402009';
    const completed = await register(town);
    const inOperation = await register(town);
    for (const p of [completed, inOperation]) await backdateRegistration(server, p.id, '2026-01-05');
    const done = await server.gql(
      CHANGE_STAGE,
      { input: { projectId: completed.id, stage: 'COMPLETED', changedOn: '2026-08-20' } },
      officerOf(town),
    );
    expect(done.data?.changeProjectStage).toEqual({ stage: 'COMPLETED', completedOn: '2026-08-20' });
    // Straight into operation (投产) ends the duty too.
    const running = await server.gql(
      CHANGE_STAGE,
      { input: { projectId: inOperation.id, stage: 'IN_OPERATION', changedOn: '2026-07-10' } },
      officerOf(town),
    );
    expect(running.data?.changeProjectStage).toEqual({ stage: 'IN_OPERATION', completedOn: '2026-07-10' });

    // July: both owe; August (the month of completion): only the completed one; September: neither.
    expect((await duties(town, '2026-07')).reporting).toMatchObject({ owedCount: 2, missingCount: 2 });
    const august = await duties(town, '2026-08');
    expect(august.late.map((l) => [l.kind, l.project.id])).toEqual([['MISSING', completed.id]]);
    expect(august.reporting).toMatchObject({ owedCount: 1, missingCount: 1 });
    const september = await duties(town, '2026-09');
    expect(september.late).toEqual([]);
    expect(september.reporting).toMatchObject({ owedCount: 0, missingCount: 0, onTimeRate: null });

    // A completion taken back (it stands under construction again) owes again from then on.
    const reopened = await server.gql(
      CHANGE_STAGE,
      { input: { projectId: completed.id, stage: 'UNDER_CONSTRUCTION', changedOn: '2026-09-10', note: '竣工验收未通过，继续整改' } },
      officerOf(town),
    );
    expect(reopened.data?.changeProjectStage).toEqual({ stage: 'UNDER_CONSTRUCTION', completedOn: null });
    expect((await duties(town, '2026-09')).reporting).toMatchObject({ owedCount: 1, missingCount: 1 });
  });

  it("the rollup's late and missing figures and its on-time rate agree with lateReports", async () => {
    const town = '371402100';
    const [onTime, late, missing, finished, registeredToday] = [
      await register(town),
      await register(town),
      await register(town),
      await register(town),
      await register(town),
    ];
    for (const p of [onTime, late, missing, finished]) await backdateRegistration(server, p.id, '2026-01-05');
    await server.gql(CHANGE_STAGE, { input: { projectId: finished.id, stage: 'COMPLETED', changedOn: '2026-09-30' } }, officerOf(town));
    const onTimeReport = await file(town, onTime.id, '2026-10');
    await file(town, late.id, '2026-10');
    await file(town, registeredToday.id, '2026-10');
    // Filed on 3 November in Beijing, before the deadline of 5 November.
    await server.adminOrm.em
      .fork()
      .getConnection()
      .execute(
        `update progress_report set first_submitted_at = timestamptz '2026-11-03 10:00+08', submitted_at = timestamptz '2026-11-03 10:00+08' where id = ?`,
        [onTimeReport],
      );

    const october = await duties(town, '2026-10');
    expect(october.late.map((l) => [l.kind, l.project.id])).toEqual([
      ['MISSING', missing.id],
      ['LATE', late.id],
    ]);
    expect(october.reporting).toEqual({
      owedCount: 3,
      submittedCount: 2,
      onTimeCount: 1,
      lateCount: 1,
      missingCount: 1,
      onTimeRate: 33.33,
    });
  });
});
