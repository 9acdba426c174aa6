import { adHocUser } from '../../../src/auth/dev-realm';
import { Role } from '../../../src/auth/roles';
import { approveReport, COUNTY_LEADER, createProject, DECHENG, TOWN_OFFICER, XINHU, XINHUA, XINHUA_OFFICER } from '../../support/fixtures';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The figures the way the officials count them (issue 13), each definition through the API: projects
 * entered and reported as a town would, figures read as its leaders read them.
 */
describe('the rollup definitions', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER);
  });
  afterAll(() => server.close());

  const rollup = async (tenantCode: string, period: string, fields: string, as = COUNTY_LEADER) => {
    const result = await server.gql(`{ rollup(tenantCode: "${tenantCode}", period: "${period}") { ${fields} } }`, {}, as);
    expect(result.errors).toBeUndefined();
    return result.data!.rollup;
  };
  const plan = (year: number, plannedInvestmentWan: string, nature?: string, designationLevels?: string[]) => ({
    year,
    plannedInvestmentWan,
    nature,
    designationLevels,
  });
  const report = async (projectId: string, period: string, amount: string, as = TOWN_OFFICER) => {
    const result = await server.gql(
      'mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id status } }',
      {
        input: { projectId, period, completedInvestmentWan: amount, progressNote: '施工中' },
      },
      as,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.reportProgress as { id: string; status: string };
  };

  describe("both start rates, of the year's list", () => {
    const START = 'listedCount plannedToStartCount startedCount newStartRate startRate annualStartedCount annualStartRate';

    beforeAll(async () => {
      const project = (name: string, nature: string, stage: string, stageSince: string, plans: object[]) =>
        createProject(
          server,
          { code: null, name, nature, stage, stageSince, ownerTenantCode: XINHUA, plannedStartOn: '2026-03-01', annualPlans: plans },
          XINHUA_OFFICER,
        );
      await project('新开工已开工', 'NEW', 'STARTED', '2026-04-15', [plan(2026, '100')]);
      await project('新开工未开工', 'NEW', 'PREPARATORY', '2026-01-10', [plan(2026, '100')]);
      await project('新开工十一月开工', 'NEW', 'STARTED', '2026-11-05', [plan(2026, '100')]);
      await project('续建在建', 'CONTINUING', 'UNDER_CONSTRUCTION', '2025-05-01', [plan(2025, '100', 'NEW'), plan(2026, '100')]);
      // Continuing by the list, whatever its stage history says: the list decides what is 续建.
      await project('续建未录开工', 'CONTINUING', 'PLANNED', '2025-02-01', [plan(2026, '100')]);
      await project('前期项目', 'PREPARATORY', 'PREPARATORY', '2026-02-01', [plan(2026, '100')]);
      // Planned to start this year but not on this year's list: in neither rate.
      await project('未列入年度计划', 'NEW', 'STARTED', '2026-05-01', [plan(2025, '100')]);
    });

    it("counts the new-start rate (新开工项目开工率): new projects of the year's list started by the end of the period / new projects of the list", async () => {
      expect(await rollup(XINHUA, '2026-10', START)).toMatchObject({
        plannedToStartCount: 3,
        startedCount: 1,
        newStartRate: 33.33,
        startRate: 33.33,
      });
      expect(await rollup(XINHUA, '2026-11', START)).toMatchObject({ plannedToStartCount: 3, startedCount: 2, newStartRate: 66.67 });
      // Before the year's first start, none.
      expect(await rollup(XINHUA, '2026-03', START)).toMatchObject({ startedCount: 0, newStartRate: 0 });
    });

    it("counts the annual start rate (年度项目开工率): projects of the year's list started or continuing / all projects on the list", async () => {
      expect(await rollup(XINHUA, '2026-10', START)).toMatchObject({ listedCount: 6, annualStartedCount: 3, annualStartRate: 50 });
      expect(await rollup(XINHUA, '2026-11', START)).toMatchObject({ listedCount: 6, annualStartedCount: 4, annualStartRate: 66.67 });
      // Last year's list: the continuing project was new then, and started in May; the other started only this year.
      expect(await rollup(XINHUA, '2025-12', START)).toMatchObject({
        listedCount: 2,
        plannedToStartCount: 2,
        startedCount: 1,
        annualStartRate: 50,
      });
    });

    it('ranks the towns by either start rate', async () => {
      for (const [metric, rate] of [
        ['NEW_START_RATE', 33.33],
        ['ANNUAL_START_RATE', 50],
      ] as const) {
        const result = await server.gql(
          `{ ranking(parentCode: "${DECHENG}", period: "2026-10", metric: ${metric}) { position rate rollup { tenant { code } } } }`,
          {},
          COUNTY_LEADER,
        );
        expect(result.errors).toBeUndefined();
        expect(result.data!.ranking.find((e: { rollup: { tenant: { code: string } } }) => e.rollup.tenant.code === XINHUA)).toMatchObject({
          position: 1,
          rate,
        });
      }
    });
  });

  describe("per-year facts: a plan's nature and designation levels are its year's", () => {
    const LEVELS = 'byDesignationLevel { level listedCount annualPlanWan completedThisYearWan plannedToStartCount }';
    let projectId: string;

    beforeAll(async () => {
      const project = await createProject(server, {
        code: null,
        name: '年度性质项目',
        nature: 'NEW',
        designationLevels: ['COUNTY'],
        stage: 'STARTED',
        stageSince: '2025-03-01',
        plannedStartOn: '2025-03-01',
        annualPlans: [plan(2025, '500'), plan(2026, '800', 'CONTINUING', ['COUNTY', 'CITY'])],
      });
      projectId = project.id;
      await approveReport(server, (await report(projectId, '2025-06', '200')).id, COUNTY_LEADER);
      await approveReport(server, (await report(projectId, '2026-06', '300')).id, COUNTY_LEADER);
    });

    const level = (figures: { byDesignationLevel: { level: string }[] }, name: string) =>
      figures.byDesignationLevel.find((l) => l.level === name);

    it("next year's list leaves this year's figures as they were", async () => {
      const before2026 = await rollup(XINHU, '2026-10', `plannedToStartCount annualStartedCount ${LEVELS}`);
      const before2025 = await rollup(XINHU, '2025-12', `plannedToStartCount annualStartedCount ${LEVELS}`);
      expect(before2025.plannedToStartCount).toBe(1);
      expect(before2026.plannedToStartCount).toBe(0);
      expect(level(before2026, 'CITY')).toMatchObject({ listedCount: 1, annualPlanWan: '800', completedThisYearWan: '300' });
      expect(level(before2025, 'CITY')).toMatchObject({ listedCount: 0, completedThisYearWan: '0' });
      expect(level(before2025, 'COUNTY')).toMatchObject({ listedCount: 1, annualPlanWan: '500', completedThisYearWan: '200' });

      // The 2027 list is drawn up: provincial now, and this year's nature and levels given anew.
      const set = await server.gql(
        'mutation($input: SetAnnualPlanInput!) { setAnnualPlan(input: $input) { annualPlans { year nature designationLevels } } }',
        {
          input: { projectId, year: 2027, plannedInvestmentWan: '900', nature: 'CONTINUING', designationLevels: ['PROVINCIAL'] },
        },
      );
      expect(set.errors).toBeUndefined();
      expect(set.data!.setAnnualPlan.annualPlans).toEqual([
        { year: 2025, nature: 'NEW', designationLevels: ['COUNTY'] },
        { year: 2026, nature: 'CONTINUING', designationLevels: ['COUNTY', 'CITY'] },
        { year: 2027, nature: 'CONTINUING', designationLevels: ['PROVINCIAL'] },
      ]);
      expect(await rollup(XINHU, '2026-10', `plannedToStartCount annualStartedCount ${LEVELS}`)).toEqual(before2026);
      expect(await rollup(XINHU, '2025-12', `plannedToStartCount annualStartedCount ${LEVELS}`)).toEqual(before2025);
    });

    it("changes only this year's plan when the project's nature or levels are edited, and shows this year's on the project", async () => {
      const before2025 = await rollup(XINHU, '2025-12', `plannedToStartCount ${LEVELS}`);
      const updated = await server.gql(
        'mutation($input: UpdateProjectInput!) { updateProject(input: $input) { nature designationLevels annualPlans { year nature designationLevels } } }',
        { input: { id: projectId, designationLevels: ['PROVINCIAL', 'COUNTY'] } },
      );
      expect(updated.errors).toBeUndefined();
      expect(updated.data!.updateProject).toMatchObject({
        nature: 'CONTINUING',
        designationLevels: ['PROVINCIAL', 'COUNTY'],
        annualPlans: [
          { year: 2025, nature: 'NEW', designationLevels: ['COUNTY'] },
          { year: 2026, nature: 'CONTINUING', designationLevels: ['PROVINCIAL', 'COUNTY'] },
          { year: 2027, nature: 'CONTINUING', designationLevels: ['PROVINCIAL'] },
        ],
      });
      expect(await rollup(XINHU, '2025-12', `plannedToStartCount ${LEVELS}`)).toEqual(before2025);
      expect(level(await rollup(XINHU, '2026-10', LEVELS), 'PROVINCIAL')).toMatchObject({ listedCount: 1, completedThisYearWan: '300' });
      expect(level(await rollup(XINHU, '2026-10', LEVELS), 'CITY')).toMatchObject({ listedCount: 0, completedThisYearWan: '0' });
    });

    it("filters the project list by a year's nature and designation level", async () => {
      const list = async (filter: object) => {
        const result = await server.gql('query($filter: ProjectFilter) { projects(filter: $filter, first: 50) { nodes { name } } }', {
          filter: { tenantCode: XINHU, ...filter },
        });
        expect(result.errors).toBeUndefined();
        return (result.data!.projects.nodes as { name: string }[]).map((n) => n.name);
      };
      expect(await list({ year: 2025, natures: ['NEW'] })).toContain('年度性质项目');
      expect(await list({ year: 2026, natures: ['NEW'] })).not.toContain('年度性质项目');
      expect(await list({ year: 2027, designationLevel: 'PROVINCIAL' })).toContain('年度性质项目');
      expect(await list({ year: 2025, designationLevel: 'PROVINCIAL' })).not.toContain('年度性质项目');
      // Without a year: as the project stands this year.
      expect(await list({ natures: ['CONTINUING'], designationLevel: 'PROVINCIAL' })).toContain('年度性质项目');
    });

    it('refuses a designation level listed twice on a plan with BAD_USER_INPUT', async () => {
      const result = await server.gql('mutation($input: SetAnnualPlanInput!) { setAnnualPlan(input: $input) { id } }', {
        input: { projectId, year: 2027, plannedInvestmentWan: '900', designationLevels: ['CITY', 'CITY'] },
      });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.designationLevels' });
    });
  });

  describe('money by category and by designation level', () => {
    const GROUP = `listedCount annualPlanWan completedThisYearWan completionRate completedSameTimeLastYearWan yearOverYearGrowth netIncreaseWan
      plannedToStartCount startedCount newStartRate annualStartedCount annualStartRate pendingWan`;
    const FIELDS = `projectCount totalInvestmentWan fundsInPlaceWan ${GROUP}
      byCategory { category count totalInvestmentWan fundsInPlaceWan fundsArrivedThisYearWan ${GROUP} }
      byDesignationLevel { level ${GROUP} }`;
    const TOWN = '371402003';
    const officer = adHocUser({ subject: 'tianqu-officer', name: '天衢街道干部', tenantCode: TOWN, roles: [Role.TOWN_OFFICER] });

    beforeAll(async () => {
      const road = await createProject(
        server,
        {
          code: null,
          name: '镇村道路',
          category: 'TRANSPORT_INFRASTRUCTURE',
          ownerTenantCode: TOWN,
          totalInvestmentWan: '3000.0001',
          designationLevels: ['COUNTY'],
          stage: 'UNDER_CONSTRUCTION',
          stageSince: '2026-02-01',
          annualPlans: [plan(2025, '900', 'PREPARATORY'), plan(2026, '1200.0003', 'NEW', ['COUNTY', 'CITY'])],
        },
        officer,
      );
      const school = await createProject(
        server,
        {
          code: null,
          name: '中学扩建',
          category: 'SOCIAL_UNDERTAKING',
          ownerTenantCode: TOWN,
          totalInvestmentWan: '8000',
          designationLevels: ['CITY'],
          stage: 'UNDER_CONSTRUCTION',
          stageSince: '2025-04-01',
          annualPlans: [plan(2025, '2000', 'NEW'), plan(2026, '3000', 'CONTINUING')],
        },
        officer,
      );
      for (const [id, period, amount] of [
        [road.id, '2026-05', '400.0001'],
        [school.id, '2025-05', '700'],
        [school.id, '2026-05', '1000'],
      ] as const) {
        await approveReport(server, (await report(id, period, amount, officer)).id, COUNTY_LEADER);
      }
      await report(school.id, '2026-06', '250.5', officer);
    });

    it('gives each category and level the money figures and rates of the rollup, computed exactly; categories add up to the rollup', async () => {
      const figures = await rollup(TOWN, '2026-10', FIELDS);
      const road = figures.byCategory.find((c: { category: string }) => c.category === 'TRANSPORT_INFRASTRUCTURE');
      const school = figures.byCategory.find((c: { category: string }) => c.category === 'SOCIAL_UNDERTAKING');
      expect(road).toMatchObject({
        count: 1,
        totalInvestmentWan: '3000.0001',
        listedCount: 1,
        annualPlanWan: '1200.0003',
        completedThisYearWan: '400.0001',
        completionRate: 33.33,
        completedSameTimeLastYearWan: '0',
        yearOverYearGrowth: null,
        netIncreaseWan: '400.0001',
        plannedToStartCount: 1,
        startedCount: 1,
        newStartRate: 100,
        annualStartedCount: 1,
        annualStartRate: 100,
        pendingWan: '0',
      });
      expect(school).toMatchObject({
        count: 1,
        annualPlanWan: '3000',
        completedThisYearWan: '1000',
        completionRate: 33.33,
        completedSameTimeLastYearWan: '700',
        yearOverYearGrowth: 42.86,
        netIncreaseWan: '300',
        plannedToStartCount: 0,
        newStartRate: null,
        annualStartRate: 100,
        pendingWan: '250.5',
      });
      expect(figures).toMatchObject({
        projectCount: 2,
        annualPlanWan: '4200.0003',
        completedThisYearWan: '1400.0001',
        pendingWan: '250.5',
        completionRate: 33.33,
      });
      const others = figures.byCategory.filter((c: { count: number }) => c.count === 0);
      expect(others).toHaveLength(5);
      expect(
        others.every((c: { annualPlanWan: string; completionRate: null }) => c.annualPlanWan === '0' && c.completionRate === null),
      ).toBe(true);

      const level = (name: string) => figures.byDesignationLevel.find((l: { level: string }) => l.level === name);
      // The school is on the county's list only by its project's levels (its plans took them); the road on both this year.
      expect(level('CITY')).toMatchObject({
        listedCount: 2,
        annualPlanWan: '4200.0003',
        completedThisYearWan: '1400.0001',
        completedSameTimeLastYearWan: '700',
        pendingWan: '250.5',
      });
      expect(level('COUNTY')).toMatchObject({
        listedCount: 1,
        annualPlanWan: '1200.0003',
        completedThisYearWan: '400.0001',
        completedSameTimeLastYearWan: '0',
        completionRate: 33.33,
      });
      expect(level('NATIONAL')).toMatchObject({ listedCount: 0, annualPlanWan: '0', completionRate: null });
    });
  });

  describe('amounts under review', () => {
    it('keeps pendingWan (待审核) apart from the approved figures: a submitted report in it, an approved one out of it and counted, a returned one in neither', async () => {
      const town = '371402006';
      const officer = adHocUser({ subject: 'guangchuan-officer', name: '广川街道干部', tenantCode: town, roles: [Role.TOWN_OFFICER] });
      const project = await createProject(
        server,
        { code: null, ownerTenantCode: town, stage: 'UNDER_CONSTRUCTION', stageSince: '2026-01-05' },
        officer,
      );
      const figures = () => rollup(town, '2026-10', 'completedThisYearWan pendingWan reportCount byCategory { category pendingWan }');
      const submitted = await report(project.id, '2026-09', '120.25', officer);
      expect(await figures()).toMatchObject({ completedThisYearWan: '0', pendingWan: '120.25' });
      await approveReport(server, submitted.id, COUNTY_LEADER);
      expect(await figures()).toMatchObject({ completedThisYearWan: '120.25', pendingWan: '0' });

      const october = await report(project.id, '2026-10', '80', officer);
      expect(await figures()).toMatchObject({ completedThisYearWan: '120.25', pendingWan: '80', reportCount: 0 });
      const returned = await server.gql(
        'mutation($id: ID!) { returnProgressReport(id: $id, reason: "数据有误") { status } }',
        { id: october.id },
        COUNTY_LEADER,
      );
      expect(returned.errors).toBeUndefined();
      expect(await figures()).toMatchObject({ completedThisYearWan: '120.25', pendingWan: '0' });
      const resubmitted = await server.gql('mutation($id: ID!) { submitProgressReport(id: $id) { status } }', { id: october.id }, officer);
      expect(resubmitted.data?.submitProgressReport.status).toBe('RESUBMITTED');
      const after = await figures();
      expect(after).toMatchObject({ completedThisYearWan: '120.25', pendingWan: '80' });
      expect(after.byCategory.find((c: { pendingWan: string }) => c.pendingWan !== '0')).toMatchObject({
        category: 'INDUSTRIAL_UPGRADE',
        pendingWan: '80',
      });
    });
  });
});
