import { Period } from '../../src/calendar/period';
import { addWan } from '../../src/money/wan';
import { CITY, CITY_LEADER, COUNTY_LEADER, DECHENG } from '../support/fixtures';
import { approvalClient, day, today } from '../modules/approval/approval-support';
import { startTestServer, type Caller, type TestServer } from '../support/test-server';

/**
 * A county's development and reform office (发改局, the county leader's role) as issue 18 tries it:
 * it pools a project, moves it through the reserve pool, promotes it into this year's list with its
 * funding sources, moves its approvals (前期手续), is refused the start while one is missing, and
 * starts it; at each step the county's figures move as its monthly meeting would expect, through
 * the same rollup the dashboard reads.
 */
const FIGURES = `query($code: String!, $period: Period!) { rollup(tenantCode: $code, period: $period) {
  listedCount annualPlanWan plannedToStartCount startedCount
  reservePool { pooledCount pooledInvestmentWan yearPooledCount yearPromotedCount conversionRate
    byMaturity { maturity count } }
  byFundingSource { source plannedWan }
  targetProgress { measure targetValue actualValue }
  approvals { pendingCount submittedCount overdueCount heldUpProjectCount byOffice { office pendingCount } } } }`;
const POOL = `mutation($input: PoolReserveProjectInput!) { poolReserveProject(input: $input) { id version } }`;
const UPDATE = `mutation($input: UpdateReserveProjectInput!) { updateReserveProject(input: $input) { id version maturity } }`;
const PROMOTE = `mutation($input: PromoteReserveProjectInput!) { promoteReserveProject(input: $input) {
  status project { id stage } } }`;
const SET_APPROVAL = `mutation($input: SetProjectApprovalInput!) { setProjectApproval(input: $input) { state light } }`;
const UPDATE_KIND = `mutation($input: UpdateApprovalKindInput!) { updateApprovalKind(input: $input) { code isRequiredToStart } }`;
const SET_TARGETS = `mutation($input: SetResponsibilityTargetsInput!) { setResponsibilityTargets(input: $input) { measure } }`;
const CHANGE_STAGE = `mutation($input: ChangeProjectStageInput!) { changeProjectStage(input: $input) { stage } }`;

const PERIOD = Period.current().toString();
const YEAR = Period.current().year;
const OFFICE = '德州市行政审批服务局';

type Figures = Record<string, any>;

describe("a county's 发改局 pools, promotes and starts a project, and sees the county's figures move", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants');
  });
  afterAll(() => server.close());

  const { ok, failure } = approvalClient(() => server);
  const figures = (as: Caller = COUNTY_LEADER): Promise<Figures> => ok(FIGURES, { code: DECHENG, period: PERIOD }, as);
  const planned = (f: Figures, source: string | null) => f.byFundingSource.find((s: Figures) => s.source === source).plannedWan;
  const target = (f: Figures, measure: string) => f.targetProgress.find((t: Figures) => t.measure === measure);
  const office = (f: Figures) => f.approvals.byOffice.find((o: Figures) => o.office === OFFICE)?.pendingCount ?? 0;

  it('counts each step: pooled, promoted with its sources, approvals moving, refused a start, then started', async () => {
    // The city requires the project approval (立项) and the construction permit before a start, and
    // signs the county's letter: two new starts this year.
    for (const code of ['PROJECT_APPROVAL', 'CONSTRUCTION_PERMIT']) {
      await ok(UPDATE_KIND, { input: { cityCode: CITY, code, isRequiredToStart: true } }, CITY_LEADER);
    }
    await ok(
      SET_TARGETS,
      { input: { tenantCode: DECHENG, year: YEAR, targets: [{ measure: 'NEW_PROJECTS_STARTED', value: '2' }] } },
      CITY_LEADER,
    );
    const start = await figures();
    expect(target(start, 'NEW_PROJECTS_STARTED')).toMatchObject({ targetValue: '2' });

    // 入库: the pool grows by the project, at its grade.
    const pooled = await ok(
      POOL,
      {
        input: {
          ownerTenantCode: DECHENG,
          name: '德城区城市更新片区综合开发项目',
          category: 'URBAN_CONSTRUCTION',
          estimatedInvestmentWan: '86000',
          intendedYear: YEAR,
          maturity: 'FEASIBILITY_DONE',
          promotingUnit: '德城区住房和城乡建设局',
          pooledOn: `${YEAR}-02-10`,
        },
      },
      COUNTY_LEADER,
    );
    const afterPool = await figures();
    expect(afterPool.reservePool).toMatchObject({
      pooledCount: start.reservePool.pooledCount + 1,
      pooledInvestmentWan: addWan(start.reservePool.pooledInvestmentWan, '86000'),
      yearPooledCount: start.reservePool.yearPooledCount + 1,
    });
    const graded = (f: Figures, maturity: string) => f.reservePool.byMaturity.find((m: Figures) => m.maturity === maturity).count;
    expect(graded(afterPool, 'FEASIBILITY_DONE')).toBe(graded(start, 'FEASIBILITY_DONE') + 1);

    // 升级: regraded as its approvals get under way.
    await ok(UPDATE, { input: { id: pooled.id, version: pooled.version, maturity: 'APPROVALS_UNDER_WAY' } }, COUNTY_LEADER);
    const afterRegrade = await figures();
    expect(graded(afterRegrade, 'FEASIBILITY_DONE')).toBe(graded(start, 'FEASIBILITY_DONE'));
    expect(graded(afterRegrade, 'APPROVALS_UNDER_WAY')).toBe(graded(start, 'APPROVALS_UNDER_WAY') + 1);

    // 转化: promoted into this year's list, 30,000 万元 planned of which 12,000 from special bonds.
    const promoted = await ok(
      PROMOTE,
      {
        input: {
          id: pooled.id,
          version: pooled.version + 1,
          year: YEAR,
          plannedInvestmentWan: '30000',
          nature: 'NEW',
          fundingSources: [{ source: 'LOCAL_SPECIAL_BONDS', amountWan: '12000' }],
        },
      },
      COUNTY_LEADER,
    );
    expect(promoted).toMatchObject({ status: 'PROMOTED', project: { stage: 'PREPARATORY' } });
    const projectId = promoted.project.id as string;
    const afterPromotion = await figures();
    expect(afterPromotion).toMatchObject({
      listedCount: start.listedCount + 1,
      annualPlanWan: addWan(start.annualPlanWan, '30000'),
      plannedToStartCount: start.plannedToStartCount + 1,
      startedCount: start.startedCount,
      reservePool: {
        pooledCount: start.reservePool.pooledCount,
        yearPooledCount: start.reservePool.yearPooledCount + 1,
        yearPromotedCount: start.reservePool.yearPromotedCount + 1,
      },
      approvals: { heldUpProjectCount: start.approvals.heldUpProjectCount + 1 },
    });
    expect(planned(afterPromotion, 'LOCAL_SPECIAL_BONDS')).toBe(addWan(planned(start, 'LOCAL_SPECIAL_BONDS'), '12000'));
    expect(planned(afterPromotion, null)).toBe(addWan(planned(start, null), '18000'));

    // 报审: the project approval submitted past its planned date, so it is overdue.
    const submitted = await ok(
      SET_APPROVAL,
      {
        input: { projectId, kindCode: 'PROJECT_APPROVAL', state: 'SUBMITTED', submittedOn: day(-3), plannedOn: day(-1), office: OFFICE },
      },
      COUNTY_LEADER,
    );
    expect(submitted).toEqual({ state: 'SUBMITTED', light: 'RED' });
    const afterSubmission = await figures();
    expect(afterSubmission.approvals).toMatchObject({
      pendingCount: start.approvals.pendingCount + 1,
      submittedCount: start.approvals.submittedCount + 1,
      overdueCount: start.approvals.overdueCount + 1,
      heldUpProjectCount: start.approvals.heldUpProjectCount + 1,
    });
    expect(office(afterSubmission)).toBe(office(start) + 1);

    // 开工 refused while the approvals a start needs are missing: nothing of the figures moves.
    const refused = await failure(CHANGE_STAGE, { input: { projectId, stage: 'STARTED' } }, COUNTY_LEADER);
    expect(refused.extensions).toMatchObject({ code: 'CONFLICT', reason: 'START_APPROVALS_MISSING', field: 'input.stage' });
    expect(await figures()).toEqual(afterSubmission);

    // 批复 and the permit: nothing pending of it, nothing holds it up, and the start counts.
    await ok(
      SET_APPROVAL,
      { input: { projectId, kindCode: 'PROJECT_APPROVAL', state: 'APPROVED', submittedOn: day(-3), approvedOn: today, office: OFFICE } },
      COUNTY_LEADER,
    );
    await ok(
      SET_APPROVAL,
      { input: { projectId, kindCode: 'CONSTRUCTION_PERMIT', state: 'APPROVED', submittedOn: day(-2), approvedOn: today } },
      COUNTY_LEADER,
    );
    const cleared = await figures();
    expect(cleared.approvals).toMatchObject({
      pendingCount: start.approvals.pendingCount,
      overdueCount: start.approvals.overdueCount,
      heldUpProjectCount: start.approvals.heldUpProjectCount,
    });
    expect(await ok(CHANGE_STAGE, { input: { projectId, stage: 'STARTED' } }, COUNTY_LEADER)).toEqual({ stage: 'STARTED' });
    const started = await figures();
    expect(started.startedCount).toBe(start.startedCount + 1);
    expect(target(started, 'NEW_PROJECTS_STARTED')).toEqual({
      measure: 'NEW_PROJECTS_STARTED',
      targetValue: '2',
      actualValue: String(start.startedCount + 1),
    });
    // The city reads the same county as the county does.
    const fromCity = await figures(CITY_LEADER);
    expect(fromCity).toEqual(started);
  });
});
