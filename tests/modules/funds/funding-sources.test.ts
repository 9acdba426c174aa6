import { addWan } from '../../../src/money/wan';
import { adHocUser } from '../../../src/auth/dev-realm';
import { Role } from '../../../src/auth/roles';
import { CITY, CITY_LEADER, COUNTY_LEADER, createProject, DECHENG, TOWN_OFFICER } from '../../support/fixtures';
import { startTestServer, type TestServer } from '../../support/test-server';

const SET_PLAN = `mutation($input: SetAnnualPlanInput!) { setAnnualPlan(input: $input) {
  annualPlans { id year plannedInvestmentWan fundingSources { source amountWan } unsourcedWan } } }`;
const PLAN = `query($id: ID!) { project(id: $id) { annualPlans { id year plannedInvestmentWan fundingSources { source amountWan } unsourcedWan } } }`;
const RECORD = `mutation($input: RecordFundArrivalInput!) { recordFundArrival(input: $input) { id source } }`;
const BY_SOURCE = 'byFundingSource { source plannedWan plannedShare fundsArrivedThisYearWan fundsInPlaceWan arrivalRate }';
const TOTALS = 'annualPlanWan fundsArrivedThisYearWan fundsInPlaceWan';

interface SourceRow {
  source: string | null;
  plannedWan: string;
  plannedShare: number | null;
  fundsArrivedThisYearWan: string;
  fundsInPlaceWan: string;
  arrivalRate: number | null;
}

/** Exact sums of the API's Wan strings. */
const sum = (values: string[]) => values.reduce((total, v) => addWan(total, v), '0');

/** 资金来源: a year's plan by source, arrivals by source, and the rollups broken down by them. */
describe('funding sources (资金来源)', () => {
  let server: TestServer;
  const town = '371402009';
  const officer = adHocUser({ subject: 'yunhe-funds', name: '运河街道干部', tenantCode: town, roles: [Role.TOWN_OFFICER] });

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER);
  });
  afterAll(() => server.close());

  // The rollup's case counts a town of its own (宋官屯街道), untouched by the other cases' projects.
  const countedTown = '371402006';
  const countedOfficer = adHocUser({
    subject: 'songguantun-funds',
    name: '宋官屯街道干部',
    tenantCode: countedTown,
    roles: [Role.TOWN_OFFICER],
  });
  const newProject = (plan: Record<string, unknown> = { year: 2026, plannedInvestmentWan: '1000' }, as = officer) =>
    createProject(
      server,
      { code: null, ownerTenantCode: as.tenantCode, category: 'URBAN_CONSTRUCTION', totalInvestmentWan: '50000', annualPlans: [plan] },
      as,
    );
  const setPlan = (input: Record<string, unknown>) => server.gql(SET_PLAN, { input }, officer);
  const planOf = async (id: string) => (await server.gql(PLAN, { id }, officer)).data!.project.annualPlans[0];

  it('keeps a plan’s sources in the 调度表 order with what they leave unnamed, from registration and from setAnnualPlan', async () => {
    const project = await newProject({
      year: 2026,
      plannedInvestmentWan: '1000',
      fundingSources: [
        { source: 'ENTERPRISE_OWN', amountWan: '300.50' },
        { source: 'LOCAL_SPECIAL_BONDS', amountWan: '600' },
      ],
    });
    expect(await planOf(project.id)).toMatchObject({
      fundingSources: [
        { source: 'LOCAL_SPECIAL_BONDS', amountWan: '600' },
        { source: 'ENTERPRISE_OWN', amountWan: '300.5' },
      ],
      unsourcedWan: '99.5',
    });
    // Omitted: the plan keeps its sources; given: they replace the list; [] clears it.
    const kept = await setPlan({ projectId: project.id, year: 2026, plannedInvestmentWan: '950' });
    expect(kept.errors).toBeUndefined();
    expect(kept.data!.setAnnualPlan.annualPlans[0]).toMatchObject({ plannedInvestmentWan: '950', unsourcedWan: '49.5' });
    const replaced = await setPlan({
      projectId: project.id,
      year: 2026,
      plannedInvestmentWan: '950',
      fundingSources: [{ source: 'CENTRAL_BUDGET', amountWan: '950' }],
    });
    expect(replaced.data!.setAnnualPlan.annualPlans[0]).toMatchObject({
      fundingSources: [{ source: 'CENTRAL_BUDGET', amountWan: '950' }],
      unsourcedWan: '0',
    });
    const cleared = await setPlan({ projectId: project.id, year: 2026, plannedInvestmentWan: '950', fundingSources: [] });
    expect(cleared.data!.setAnnualPlan.annualPlans[0]).toMatchObject({ fundingSources: [], unsourcedWan: '950' });
  });

  it('shows a change of sources in the plan’s audit trail as the API writes them', async () => {
    const project = await newProject();
    const plan = await planOf(project.id);
    await setPlan({
      projectId: project.id,
      year: 2026,
      plannedInvestmentWan: '1000',
      fundingSources: [{ source: 'BANK_LOANS', amountWan: '250' }],
    });
    const trail = await server.gql(
      `query($id: ID!) { auditTrail(entity: ANNUAL_PLAN, id: $id) { nodes { operation changes { field before after } } } }`,
      { id: plan.id },
      officer,
    );
    const update = trail.data!.auditTrail.nodes.find((n: { operation: string }) => n.operation === 'UPDATE');
    const change = update.changes.find((c: { field: string }) => c.field === 'fundingSources');
    expect(JSON.parse(change.before)).toEqual([]);
    expect(JSON.parse(change.after)).toEqual([{ source: 'BANK_LOANS', amountWan: '250' }]);
  });

  describe('refuses sources that do not fit, naming the field, and changes nothing', () => {
    let projectId: string;
    beforeAll(async () => {
      projectId = (
        await newProject({
          year: 2026,
          plannedInvestmentWan: '1000',
          fundingSources: [{ source: 'LOCAL_SPECIAL_BONDS', amountWan: '800' }],
        })
      ).id;
    });

    it.each([
      [
        'a source listed twice',
        {
          plannedInvestmentWan: '1000',
          fundingSources: [
            { source: 'BANK_LOANS', amountWan: '100' },
            { source: 'BANK_LOANS', amountWan: '200' },
          ],
        },
        'input.fundingSources.1.source',
        '重复',
      ],
      [
        'an amount of zero',
        { plannedInvestmentWan: '1000', fundingSources: [{ source: 'BANK_LOANS', amountWan: '0' }] },
        'input.fundingSources.0.amountWan',
        '银行贷款的金额须大于零',
      ],
      [
        'sources beyond the plan',
        {
          plannedInvestmentWan: '1000',
          fundingSources: [
            { source: 'BANK_LOANS', amountWan: '600' },
            { source: 'ENTERPRISE_OWN', amountWan: '400.0001' },
          ],
        },
        'input.fundingSources',
        '不能超过年度计划投资',
      ],
      ['a plan lowered below the sources it keeps', { plannedInvestmentWan: '799.9999' }, 'input.plannedInvestmentWan', '不能超过'],
    ])('%s: BAD_USER_INPUT', async (_what, change, field, message) => {
      const before = await planOf(projectId);
      const result = await setPlan({ projectId, year: 2026, ...change });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0]?.message).toContain(message);
      expect(await planOf(projectId)).toEqual(before);
    });

    it('an unknown source: BAD_USER_INPUT on the field, in Chinese', async () => {
      const result = await setPlan({
        projectId,
        year: 2026,
        plannedInvestmentWan: '1000',
        fundingSources: [{ source: 'LOTTERY', amountWan: '1' }],
      });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fundingSources.0.source' });
      expect(result.errors?.[0]?.message).toMatch(/[\u4e00-\u9fa5]/);
    });

    it('the database holds the same rules for any other writer (check constraint)', async () => {
      const sql = (value: string) =>
        server.adminOrm.em
          .fork()
          .getConnection()
          .execute(`update project_annual_plan set funding_sources = ?::jsonb where project_id = ?`, [value, projectId]);
      for (const bad of [
        '{"source": "BANK_LOANS"}',
        '[{"source": "BANK_LOANS", "amountWan": "-1"}]',
        '[{"source": "LOTTERY", "amountWan": "1"}]',
        '[{"source": "BANK_LOANS", "amountWan": "1"}, {"source": "BANK_LOANS", "amountWan": "1"}]',
        '[{"source": "BANK_LOANS", "amountWan": "1000.0001"}]',
        '[{"source": "BANK_LOANS", "amountWan": "1", "note": "x"}]',
        '[{"source": "BANK_LOANS", "amountWan": "abc"}]',
        '[1]',
      ]) {
        await expect(sql(bad)).rejects.toMatchObject({ code: '23514' });
      }
    });
  });

  it('records the source of an arrival, and refuses one it does not know', async () => {
    const project = await newProject();
    const ok = await server.gql(RECORD, { input: { projectId: project.id, amountWan: '10', source: 'LOCAL_FISCAL' } }, officer);
    expect(ok.data!.recordFundArrival.source).toBe('LOCAL_FISCAL');
    const bad = await server.gql(RECORD, { input: { projectId: project.id, amountWan: '10', source: 'GIFT' } }, officer);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.source' });
  });

  it('breaks the rollup down by source at every level, each row adding up to the rollup, the children read together', async () => {
    const a = await newProject(
      {
        year: 2026,
        plannedInvestmentWan: '2000',
        fundingSources: [
          { source: 'LOCAL_SPECIAL_BONDS', amountWan: '1200' },
          { source: 'CENTRAL_BUDGET', amountWan: '500' },
        ],
      },
      countedOfficer,
    );
    await newProject(
      { year: 2026, plannedInvestmentWan: '400', fundingSources: [{ source: 'LOCAL_SPECIAL_BONDS', amountWan: '400' }] },
      countedOfficer,
    );
    for (const [amountWan, arrivedOn, source] of [
      ['300', '2025-12-20', 'LOCAL_SPECIAL_BONDS'],
      ['600', '2026-04-02', 'LOCAL_SPECIAL_BONDS'],
      ['100', '2026-05-10', 'CENTRAL_BUDGET'],
      ['50', '2026-06-01', undefined],
      ['70', '2026-11-20', 'CENTRAL_BUDGET'],
    ] as const) {
      const recorded = await server.gql(RECORD, { input: { projectId: a.id, amountWan, arrivedOn, source } }, countedOfficer);
      expect(recorded.errors).toBeUndefined();
    }
    const read = async (code: string, as = COUNTY_LEADER) => {
      const result = await server.gql(`{ rollup(tenantCode: "${code}", period: "2026-10") { ${TOTALS} ${BY_SOURCE} } }`, {}, as);
      expect(result.errors).toBeUndefined();
      return result.data!.rollup;
    };

    const own = await read(countedTown);
    const rows = own.byFundingSource as SourceRow[];
    expect(rows.map((r) => r.source)).toEqual([
      'CENTRAL_BUDGET',
      'ULTRA_LONG_TREASURY_BONDS',
      'LOCAL_SPECIAL_BONDS',
      'LOCAL_FISCAL',
      'BANK_LOANS',
      'ENTERPRISE_OWN',
      'FOREIGN_INVESTMENT',
      'OTHER',
      null,
    ]);
    const bonds = rows.find((r) => r.source === 'LOCAL_SPECIAL_BONDS')!;
    const central = rows.find((r) => r.source === 'CENTRAL_BUDGET')!;
    const unnamed = rows.find((r) => r.source === null)!;
    expect(bonds).toMatchObject({ plannedWan: '1600', fundsArrivedThisYearWan: '600', fundsInPlaceWan: '900', arrivalRate: 37.5 });
    // November's arrival is after the period: not counted in October's figures.
    expect(central).toMatchObject({ plannedWan: '500', fundsArrivedThisYearWan: '100', fundsInPlaceWan: '100', arrivalRate: 20 });
    expect(unnamed).toMatchObject({ plannedWan: '300', fundsArrivedThisYearWan: '50', fundsInPlaceWan: '50' });
    expect(rows.find((r) => r.source === 'OTHER')).toMatchObject({ plannedWan: '0', plannedShare: 0, arrivalRate: null });

    // Every level: the rows add up to the rollup's own figures.
    for (const [code, as] of [
      [countedTown, COUNTY_LEADER],
      [DECHENG, COUNTY_LEADER],
      [CITY, CITY_LEADER],
    ] as const) {
      const rollup = await read(code, as);
      const byRow = rollup.byFundingSource as SourceRow[];
      expect({
        annualPlanWan: sum(byRow.map((r) => r.plannedWan)),
        fundsArrivedThisYearWan: sum(byRow.map((r) => r.fundsArrivedThisYearWan)),
        fundsInPlaceWan: sum(byRow.map((r) => r.fundsInPlaceWan)),
      }).toEqual({
        annualPlanWan: rollup.annualPlanWan,
        fundsArrivedThisYearWan: rollup.fundsArrivedThisYearWan,
        fundsInPlaceWan: rollup.fundsInPlaceWan,
      });
    }

    // A ranking's children read their sources in one statement, and each equals the child's own.
    const before = server.statements.length;
    const ranked = await server.gql(
      `{ rollup(tenantCode: "${DECHENG}", period: "2026-10") { children { tenant { code } ${BY_SOURCE} } } }`,
      {},
      COUNTY_LEADER,
    );
    const sourceReads = server.statements.slice(before).filter((s) => s.includes('kp_funding_source_figures('));
    expect(sourceReads).toHaveLength(1);
    const child = ranked.data!.rollup.children.find((c: { tenant: { code: string } }) => c.tenant.code === countedTown);
    expect(child.byFundingSource).toEqual(rows);
  });

  describe('the sources of a month’s completed investment (月报的资金来源)', () => {
    const REPORT = `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id version fundingSources { source amountWan } } }`;
    const CORRECT = `mutation($input: CorrectProgressReportInput!) { correctProgressReport(input: $input) { fundingSources { source amountWan } } }`;
    const APPROVE = `mutation($id: ID!) { approveProgressReport(id: $id) { status } }`;
    const COMPLETED = `{ rollup(tenantCode: "371402003", period: "2026-10") { completedThisYearWan
      byFundingSource { source plannedWan completedThisYearWan completionRate } } }`;
    // A town of its own (天衢街道), so the rollup counts only this case's reports.
    const reportingTown = '371402003';
    const reporter = adHocUser({ subject: 'tianqu-funds', name: '天衢街道干部', tenantCode: reportingTown, roles: [Role.TOWN_OFFICER] });
    const report = (input: Record<string, unknown>) => server.gql(REPORT, { input: { progressNote: '主体结构施工', ...input } }, reporter);

    it('keeps them in the 调度表 order, breaks the rollup’s completion down by them, and the rows add up', async () => {
      const project = await newProject(
        { year: 2026, plannedInvestmentWan: '1000', fundingSources: [{ source: 'LOCAL_SPECIAL_BONDS', amountWan: '600' }] },
        reporter,
      );
      const filed = await report({
        projectId: project.id,
        period: '2026-09',
        completedInvestmentWan: '120',
        fundingSources: [
          { source: 'ENTERPRISE_OWN', amountWan: '20' },
          { source: 'LOCAL_SPECIAL_BONDS', amountWan: '90' },
        ],
      });
      expect(filed.errors).toBeUndefined();
      expect(filed.data!.reportProgress.fundingSources).toEqual([
        { source: 'LOCAL_SPECIAL_BONDS', amountWan: '90' },
        { source: 'ENTERPRISE_OWN', amountWan: '20' },
      ]);
      // Not approved yet: nothing counts.
      const pending = (await server.gql(COMPLETED, {}, COUNTY_LEADER)).data!.rollup;
      expect(pending.completedThisYearWan).toBe('0');
      expect((await server.gql(APPROVE, { id: filed.data!.reportProgress.id }, COUNTY_LEADER)).errors).toBeUndefined();
      const counted = (await server.gql(COMPLETED, {}, COUNTY_LEADER)).data!.rollup;
      const row = (source: string | null) => counted.byFundingSource.find((r: SourceRow) => r.source === source);
      expect(row('LOCAL_SPECIAL_BONDS')).toEqual({
        source: 'LOCAL_SPECIAL_BONDS',
        plannedWan: '600',
        completedThisYearWan: '90',
        completionRate: 15,
      });
      expect(row('ENTERPRISE_OWN')).toMatchObject({ completedThisYearWan: '20', plannedWan: '0', completionRate: null });
      expect(row(null)).toMatchObject({ completedThisYearWan: '10', plannedWan: '400', completionRate: 2.5 });
      expect(sum(counted.byFundingSource.map((r: { completedThisYearWan: string }) => r.completedThisYearWan))).toBe(
        counted.completedThisYearWan,
      );
    });

    it('refuses sources that do not fit the month, naming the field, and keeps the report as it was', async () => {
      const project = await newProject({ year: 2026, plannedInvestmentWan: '1000' }, reporter);
      const tooMuch = await report({
        projectId: project.id,
        period: '2026-08',
        completedInvestmentWan: '50',
        fundingSources: [{ source: 'BANK_LOANS', amountWan: '80' }],
      });
      expect(tooMuch.data).toBeNull();
      expect(tooMuch.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fundingSources' });
      expect(tooMuch.errors?.[0]?.message).toContain('各资金来源合计不能超过当月完成投资');
      const filed = await report({
        projectId: project.id,
        period: '2026-08',
        completedInvestmentWan: '50',
        fundingSources: [{ source: 'BANK_LOANS', amountWan: '40' }],
      });
      expect(filed.errors).toBeUndefined();
      const id = filed.data!.reportProgress.id;
      // Lowering the month below what its sources name is refused on the amount; the report stays.
      const lowered = await server.gql(CORRECT, { input: { id, completedInvestmentWan: '30' } }, reporter);
      expect(lowered.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.completedInvestmentWan' });
      const twice = await server.gql(
        CORRECT,
        {
          input: {
            id,
            fundingSources: [
              { source: 'BANK_LOANS', amountWan: '10' },
              { source: 'BANK_LOANS', amountWan: '10' },
            ],
          },
        },
        reporter,
      );
      expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fundingSources.1.source' });
      const corrected = await server.gql(CORRECT, { input: { id, completedInvestmentWan: '30', fundingSources: [] } }, reporter);
      expect(corrected.data!.correctProgressReport.fundingSources).toEqual([]);
    });
  });

  it('refuses the breakdown of a tenant out of the viewer’s reach: NOT_FOUND', async () => {
    const result = await server.gql(`{ rollup(tenantCode: "371422", period: "2026-10") { ${BY_SOURCE} } }`, {}, COUNTY_LEADER);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});
