import { startTestServer, type TestServer } from '../../support/test-server';
import {
  countRows,
  COUNTY_LEADER,
  createProject,
  DECHENG,
  NINGJIN,
  NINGJIN_LEADER,
  PROJECT_FIELDS,
  projectInput,
  TOWN_OFFICER,
  XINHU,
  XINHUA,
} from '../../support/fixtures';

const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { ${PROJECT_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { ${PROJECT_FIELDS} } }`;
const CHANGE_STAGE = `mutation($input: ChangeProjectStageInput!) { changeProjectStage(input: $input) { stage startedOn stageHistory { fromStage toStage changedOn note } } }`;

describe('projects', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants');
  });
  afterAll(() => server.close());

  describe('createProject', () => {
    it('registers a project with exact money, its plan and the first entry of its stage history', async () => {
      const project = await createProject(server, { code: '2411-371402-89-01-100001', totalInvestmentWan: '52000.1234' });
      expect(project).toMatchObject({
        name: '年产5万吨新型建材生产线项目',
        code: '2411-371402-89-01-100001',
        stage: 'PLANNED',
        totalInvestmentWan: '52000.1234',
        fundsInPlaceWan: '0',
        owner: { code: XINHU, name: '新湖街道' },
        annualPlans: [{ year: 2026, plannedInvestmentWan: '18000.5' }],
        isInStatisticsDatabase: false,
      });
      expect(project.stageHistory).toEqual([
        expect.objectContaining({ fromStage: null, toStage: 'PLANNED', recordedBy: TOWN_OFFICER.subject }),
      ]);
    });

    it('normalizes a code pasted with full-width digits and dashes', async () => {
      const project = await createProject(server, { code: '２４１１－371402－89－01－100002' });
      expect(project.code).toBe('2411-371402-89-01-100002');
    });

    it('rejects a malformed project code with BAD_USER_INPUT naming input.code, and creates nothing', async () => {
      const before = await countRows(server, 'project');
      const result = await server.gql(CREATE, { input: projectInput({ code: '2411-371402-89-637015' }) });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
      expect(result.errors?.[0]?.message).toMatch(/GB\/T 40058/);
      expect(await countRows(server, 'project')).toBe(before);
    });

    it('rejects a code another project has with CONFLICT naming input.code', async () => {
      await createProject(server, { code: '2411-371402-89-01-100003' });
      const result = await server.gql(CREATE, { input: projectInput({ code: '2411-371402-89-01-100003' }) });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.code' });
    });

    it.each([
      ['a float', 52000.5],
      ['text', 'fifty thousand'],
      ['five decimals', '1.23456'],
      ['a negative amount', '-5'],
    ])('rejects %s as total investment with BAD_USER_INPUT naming the field', async (_, amount) => {
      const result = await server.gql(CREATE, { input: projectInput({ code: null, totalInvestmentWan: amount }) });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.totalInvestmentWan' });
    });

    it('lists every problem of one input at once', async () => {
      const result = await server.gql(CREATE, {
        input: projectInput({
          code: null,
          name: '  ',
          totalInvestmentWan: '0',
          plannedStartOn: '2027-01-01',
          plannedCompletionOn: '2026-01-01',
          annualPlans: [],
        }),
      });
      const error = result.errors?.[0];
      expect(error?.extensions.code).toBe('BAD_USER_INPUT');
      expect(error?.extensions.field).toBe('input.name');
      expect((error?.extensions.problems as { field: string }[]).map((p) => p.field)).toEqual([
        'input.name',
        'input.totalInvestmentWan',
        'input.plannedCompletionOn',
      ]);
    });

    it('rejects an owner that does not exist with BAD_USER_INPUT naming input.ownerTenantCode', async () => {
      const result = await server.gql(CREATE, { input: projectInput({ code: null, ownerTenantCode: '371402999' }) });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.ownerTenantCode' });
    });

    it('rejects a location outside the owner with BAD_USER_INPUT naming input.locationTenantCode', async () => {
      const result = await server.gql(
        CREATE,
        { input: projectInput({ code: null, ownerTenantCode: DECHENG, locationTenantCode: '371422100' }) },
        COUNTY_LEADER,
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.locationTenantCode' });
    });

    it('rejects a yearly plan above the total investment, naming the plan', async () => {
      const result = await server.gql(CREATE, {
        input: projectInput({ code: null, totalInvestmentWan: '100', annualPlans: [{ year: 2026, plannedInvestmentWan: '100.01' }] }),
      });
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.annualPlans.0.plannedInvestmentWan',
      });
    });

    it('rejects a retired owner: a merged town takes no new projects', async () => {
      await server.adminOrm.em.fork().getConnection().execute(`update tenant set valid_to = '2020-01-01' where code = '371402002'`);
      const result = await server.gql(CREATE, { input: projectInput({ code: null, ownerTenantCode: XINHUA }) });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.ownerTenantCode' });
      await server.adminOrm.em.fork().getConnection().execute(`update tenant set valid_to = null where code = '371402002'`);
    });
  });

  describe('updateProject', () => {
    it('changes what is given, keeps what is omitted and clears what is null', async () => {
      const project = await createProject(server, { code: '2411-371402-89-01-100004', contactName: '王建国' });
      const result = await server.gql(UPDATE, {
        input: { id: project.id, name: '新型建材生产线（一期）', code: null, fundsInPlaceWan: '1200' },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data?.updateProject).toMatchObject({
        name: '新型建材生产线（一期）',
        code: null,
        fundsInPlaceWan: '1200',
        totalInvestmentWan: '52000',
        category: 'INDUSTRIAL_UPGRADE',
      });
    });

    it('rejects a total investment below a yearly plan and changes nothing', async () => {
      const project = await createProject(server, { code: null });
      const result = await server.gql(UPDATE, { input: { id: project.id, totalInvestmentWan: '100', name: 'renamed' } });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.totalInvestmentWan' });
      const after = await server.gql(`{ project(id: "${project.id}") { name totalInvestmentWan } }`);
      expect(after.data?.project).toEqual({ name: project.name, totalInvestmentWan: '52000' });
    });

    it('answers NOT_FOUND for an id that is not a uuid', async () => {
      const result = await server.gql(UPDATE, { input: { id: 'robert"); drop table project;--', name: 'x' } });
      expect(result.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    });
  });

  describe('changeProjectStage', () => {
    it('records each dated change and derives the actual start date', async () => {
      const project = await createProject(server, { code: null, stageSince: '2026-01-05' });
      await server.gql(CHANGE_STAGE, { input: { projectId: project.id, stage: 'PREPARATORY', changedOn: '2026-02-01' } });
      const result = await server.gql(CHANGE_STAGE, {
        input: { projectId: project.id, stage: 'STARTED', changedOn: '2026-03-18', note: '施工许可证已办理' },
      });
      expect(result.data?.changeProjectStage).toMatchObject({ stage: 'STARTED', startedOn: '2026-03-18' });
      expect(result.data?.changeProjectStage.stageHistory.map((c: any) => [c.fromStage, c.toStage, c.changedOn])).toEqual([
        [null, 'PLANNED', '2026-01-05'],
        ['PLANNED', 'PREPARATORY', '2026-02-01'],
        ['PREPARATORY', 'STARTED', '2026-03-18'],
      ]);
    });

    it('answers CONFLICT when the project is already at the stage', async () => {
      const project = await createProject(server, { code: null });
      const result = await server.gql(CHANGE_STAGE, { input: { projectId: project.id, stage: 'PLANNED' } });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.stage' });
    });

    it('rejects a change dated in the future or before the previous change', async () => {
      const project = await createProject(server, { code: null, stageSince: '2026-05-01' });
      const future = await server.gql(CHANGE_STAGE, { input: { projectId: project.id, stage: 'SIGNED', changedOn: '2099-01-01' } });
      expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.changedOn' });
      const early = await server.gql(CHANGE_STAGE, { input: { projectId: project.id, stage: 'SIGNED', changedOn: '2026-04-30' } });
      expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.changedOn' });
    });

    it('needs a note to move a project back', async () => {
      const project = await createProject(server, { code: null, stage: 'STARTED', stageSince: '2026-04-01' });
      const bare = await server.gql(CHANGE_STAGE, { input: { projectId: project.id, stage: 'PREPARATORY', changedOn: '2026-04-02' } });
      expect(bare.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.note' });
      const explained = await server.gql(CHANGE_STAGE, {
        input: { projectId: project.id, stage: 'PREPARATORY', changedOn: '2026-04-02', note: '开工误报，更正' },
      });
      expect(explained.data?.changeProjectStage.stage).toBe('PREPARATORY');
    });
  });

  describe('projects query', () => {
    let ids: Record<string, string>;

    beforeAll(async () => {
      const make = async (key: string, overrides: Record<string, unknown>, as = TOWN_OFFICER) =>
        [key, (await createProject(server, { code: null, ...overrides }, as)).id] as const;
      ids = Object.fromEntries(
        await Promise.all([
          make('xinhuSchool', {
            name: '新湖街道中学教学楼',
            ownerTenantCode: XINHU,
            category: 'SOCIAL_UNDERTAKING',
            annualPlans: [{ year: 2025, plannedInvestmentWan: '800' }],
          }),
          make(
            'dechengRoad',
            {
              name: '德城区国道改扩建工程',
              ownerTenantCode: DECHENG,
              category: 'TRANSPORT_INFRASTRUCTURE',
              stage: 'STARTED',
              stageSince: '2026-03-01',
            },
            COUNTY_LEADER,
          ),
          make(
            'ningjinPark',
            { name: '宁津县智能制造产业园', ownerTenantCode: NINGJIN, category: 'INDUSTRIAL_UPGRADE', totalInvestmentWan: '300000' },
            NINGJIN_LEADER,
          ),
        ]),
      );
    });

    const list = (args: string) =>
      server.gql(`{ projects(${args}) { totalCount nodes { id name } pageInfo { hasNextPage endCursor } } }`, {}, 'city-leader');

    it("lists a county's subtree (its own and its towns' projects) and nothing of another county", async () => {
      const result = await list(`filter: { tenantCode: "${DECHENG}" }, first: 200`);
      const found = (result.data?.projects.nodes as { id: string }[]).map((n) => n.id);
      expect(found).toEqual(expect.arrayContaining([ids.xinhuSchool, ids.dechengRoad]));
      expect(found).not.toContain(ids.ningjinPark);
      expect(result.data?.projects.totalCount).toBe(found.length);
    });

    it('filters by category, stage, year and search text', async () => {
      const byCategory = await list('filter: { categories: [SOCIAL_UNDERTAKING] }, first: 200');
      expect(byCategory.data?.projects.nodes.map((n: any) => n.id)).toEqual([ids.xinhuSchool]);
      const byStage = await list(`filter: { stages: [STARTED], tenantCode: "${DECHENG}" }, first: 200`);
      expect(byStage.data?.projects.nodes.map((n: any) => n.id)).toContain(ids.dechengRoad);
      expect(byStage.data?.projects.nodes.map((n: any) => n.id)).not.toContain(ids.xinhuSchool);
      const byYear = await list('filter: { year: 2025 }, first: 200');
      expect(byYear.data?.projects.nodes.map((n: any) => n.id)).toEqual([ids.xinhuSchool]);
      const bySearch = await list('filter: { search: "智能制造" }');
      expect(bySearch.data?.projects.nodes.map((n: any) => n.id)).toEqual([ids.ningjinPark]);
    });

    it('pages through every project exactly once with cursors, in each order', async () => {
      const total = (await list('first: 1')).data?.projects.totalCount as number;
      for (const order of ['CREATED_AT_DESC', 'NAME_ASC', 'TOTAL_INVESTMENT_DESC']) {
        const seen: string[] = [];
        let after: string | null = null;
        for (let page = 0; page < 100; page += 1) {
          const result: any = await list(`first: 3, orderBy: ${order}${after ? `, after: "${after}"` : ''}`);
          seen.push(...result.data.projects.nodes.map((n: any) => n.id));
          if (!result.data.projects.pageInfo.hasNextPage) break;
          after = result.data.projects.pageInfo.endCursor;
        }
        expect(seen).toHaveLength(total);
        expect(new Set(seen).size).toBe(total);
      }
    });

    it('rejects a page size out of range and a foreign cursor with BAD_USER_INPUT', async () => {
      expect((await list('first: 0')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect((await list('first: 100000')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect((await list('after: "bm90IGEgY3Vyc29y"')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it('answers NOT_FOUND for a subtree of a tenant that does not exist', async () => {
      expect((await list('filter: { tenantCode: "371499" }')).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    });

    it('rejects a forged cursor of the right order whose key or id would not cast with BAD_USER_INPUT, not a database error', async () => {
      const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
      const id = '00000000-0000-4000-8000-000000000000';
      for (const [order, cursor] of [
        ['TOTAL_INVESTMENT_DESC', forged(['TOTAL_INVESTMENT_DESC', 'a lot', id])],
        ['CREATED_AT_DESC', forged(['CREATED_AT_DESC', 'yesterday', id])],
        ['NAME_ASC', forged(['NAME_ASC', '德州', 'not-a-uuid'])],
      ]) {
        const result = await list(`orderBy: ${order}, after: "${cursor}"`);
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      }
    });
  });
});
