import { devUser } from '../../../src/auth/dev-users';
import { chinaDate } from '../../../src/calendar/period';
import {
  CITY,
  CITY_LEADER,
  COUNTY_LEADER,
  countRows,
  createProject,
  DECHENG,
  NINGJIN_LEADER,
  TOWN_OFFICER,
  XINHU,
  XINHUA,
  XINHUA_OFFICER,
} from '../../support/fixtures';
import { startTestServer, type Caller, type TestServer } from '../../support/test-server';
import { ADVANCE, CREATE, FUNDS, leadClient, leadInput, ON, READ, START, UPDATE, type Lead } from './attraction-support';

const SUPERVISOR = devUser('supervisor')!;
const INTEGRATOR = devUser('integrator')!;

const PROJECT = `query($id: ID!) { project(id: $id) {
  id name category nature stage totalInvestmentWan fundsInPlaceWan ownerUnit owner { code } startedOn
  stageHistory { toStage changedOn } investmentLead { id stage } } }`;
const LIST = `query($tenant: String!, $stages: [LeadStage!], $search: String, $first: Int, $after: String) {
  investmentLeads(tenantCode: $tenant, stages: $stages, search: $search, first: $first, after: $after) {
    totalCount nodes { id stage } pageInfo { hasNextPage endCursor } } }`;
const TRAIL = `query($entity: AuditedEntity!, $id: ID!) { auditTrail(entity: $entity, id: $id) {
  nodes { operation actorSubject actorTenantCode changes { field before after } } } }`;

describe('investment attraction leads (招商引资)', () => {
  let server: TestServer;
  let leads: ReturnType<typeof leadClient>;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER);
    leads = leadClient(server);
  });
  afterAll(() => server.close());

  /** What a failed request answered, and proof that it answered nothing else. */
  async function fails(query: string, input: Record<string, unknown>, as: Caller = TOWN_OFFICER) {
    const result = await server.gql(query, { input }, as);
    expect(result.data ?? null).toBeNull();
    return result.errors![0]!;
  }

  describe('the path from intent to funds in place', () => {
    it('takes a lead from intent through framework agreement, contract and start to funds in place, dating every step and keeping the amounts exact', async () => {
      const created = await leads.create();
      expect(created).toMatchObject({
        name: '德州新能源装备产业园项目',
        investorName: '江苏远景新能源科技有限公司',
        investorOrigin: '江苏省',
        industry: '新能源装备制造',
        responsibleUnit: '新湖街道招商办',
        owner: { code: XINHU },
        stage: 'INTENT',
        version: 1,
        intentOn: ON.intent,
        frameworkAgreedOn: null,
        signedOn: null,
        startedOn: null,
        fundsInPlaceOn: null,
        intendedWan: '12345.6789',
        signedWan: null,
        fundsInPlaceWan: '0',
        project: null,
        createdByName: TOWN_OFFICER.name,
      });
      expect(created.stageHistory).toEqual([
        {
          stage: 'INTENT',
          changedOn: ON.intent,
          amountWan: '12345.6789',
          note: null,
          recordedBy: TOWN_OFFICER.subject,
          recordedByName: TOWN_OFFICER.name,
        },
      ]);

      const framework = await leads.advance(created.id, 'FRAMEWORK_AGREEMENT', {
        on: ON.framework,
        version: 1,
        note: '框架协议 XH-KJ-2026-017',
      });
      expect(framework).toMatchObject({ stage: 'FRAMEWORK_AGREEMENT', frameworkAgreedOn: ON.framework, version: 2, signedWan: null });

      const signed = await leads.advance(created.id, 'CONTRACT_SIGNED', { on: ON.signed, version: 2, signedWan: '10000.5' });
      expect(signed).toMatchObject({ stage: 'CONTRACT_SIGNED', signedOn: ON.signed, signedWan: '10000.5', version: 3, project: null });

      const projects = await countRows(server, 'project');
      const started = await leads.start(created.id, { on: ON.started, version: 3 });
      expect(await countRows(server, 'project')).toBe(projects + 1);
      expect(started).toMatchObject({ stage: 'STARTED', startedOn: ON.started, version: 4, fundsInPlaceWan: '0' });
      // The key project carries the lead's data: nobody types it again.
      expect(started.project).toMatchObject({
        name: '德州新能源装备产业园项目',
        code: null,
        category: 'INVESTMENT_ATTRACTION',
        nature: 'NEW',
        stage: 'STARTED',
        startedOn: ON.started,
        totalInvestmentWan: '10000.5',
        fundsInPlaceWan: '0',
        ownerUnit: '江苏远景新能源科技有限公司',
        owner: { code: XINHU },
      });

      const some = await leads.ok(FUNDS, { id: created.id, version: 4, fundsInPlaceWan: '4000.2501', on: ON.firstFunds });
      expect(some).toMatchObject({
        stage: 'STARTED',
        fundsInPlaceWan: '4000.2501',
        fundsRecordedOn: ON.firstFunds,
        fundsInPlaceOn: null,
        version: 5,
      });
      expect(some.project.fundsInPlaceWan).toBe('4000.2501');
      // Reaching the signed amount closes the funding (资金到位) on that date.
      const all = await leads.ok(FUNDS, { id: created.id, version: 5, fundsInPlaceWan: '10000.5', on: ON.allFunds });
      expect(all).toMatchObject({
        stage: 'FUNDS_IN_PLACE',
        fundsInPlaceWan: '10000.5',
        fundsInPlaceOn: ON.allFunds,
        fundsRecordedOn: ON.allFunds,
        version: 6,
      });

      const lead = await leads.read(created.id);
      expect(lead).toMatchObject({
        stage: 'FUNDS_IN_PLACE',
        intentOn: ON.intent,
        frameworkAgreedOn: ON.framework,
        signedOn: ON.signed,
        startedOn: ON.started,
        fundsInPlaceOn: ON.allFunds,
        intendedWan: '12345.6789',
        signedWan: '10000.5',
        fundsInPlaceWan: '10000.5',
        version: 6,
        updatedByName: TOWN_OFFICER.name,
      });
      expect(
        lead.stageHistory.map((s: { stage: string; changedOn: string; amountWan: string | null }) => [s.stage, s.changedOn, s.amountWan]),
      ).toEqual([
        ['INTENT', ON.intent, '12345.6789'],
        ['FRAMEWORK_AGREEMENT', ON.framework, null],
        ['CONTRACT_SIGNED', ON.signed, '10000.5'],
        ['STARTED', ON.started, null],
        ['FUNDS_IN_PLACE', ON.allFunds, '10000.5'],
      ]);
      expect(lead.stageHistory[1].note).toBe('框架协议 XH-KJ-2026-017');

      // The project is a project like any other: its readers read it, with its lead.
      for (const as of [TOWN_OFFICER, COUNTY_LEADER, CITY_LEADER]) {
        const project = await server.gql(PROJECT, { id: lead.project.id }, as);
        expect(project.errors).toBeUndefined();
        expect(project.data?.project).toMatchObject({
          id: lead.project.id,
          stage: 'STARTED',
          startedOn: ON.started,
          totalInvestmentWan: '10000.5',
          fundsInPlaceWan: '10000.5',
          investmentLead: { id: created.id, stage: 'FUNDS_IN_PLACE' },
        });
        expect(project.data?.project.stageHistory).toEqual([{ toStage: 'STARTED', changedOn: ON.started }]);
      }
    });

    it("dates a step given without a date today, in China's time zone", async () => {
      const { intentOn: _omitted, ...input } = leadInput({ name: '今日意向项目' });
      const today = chinaDate();
      const lead = await leads.ok(CREATE, input);
      expect(lead.intentOn).toBe(today);
      const framework = await leads.advance(lead.id, 'FRAMEWORK_AGREEMENT');
      expect(framework.frameworkAgreedOn).toBe(today);
      expect(framework.stageHistory.map((s: { changedOn: string }) => s.changedOn)).toEqual([today, today]);
    });

    it('starts a lead by advancing it to STARTED, as startInvestmentLead does', async () => {
      const signed = await leads.signed({ name: '高端轴承生产基地项目' }, '8800');
      const started = await leads.advance(signed.id, 'STARTED', { on: ON.started, version: signed.version, note: '开工仪式' });
      expect(started).toMatchObject({ stage: 'STARTED', startedOn: ON.started, version: signed.version + 1 });
      expect(started.project).toMatchObject({
        name: '高端轴承生产基地项目',
        stage: 'STARTED',
        totalInvestmentWan: '8800',
        category: 'INVESTMENT_ATTRACTION',
      });
      expect(started.stageHistory.at(-1)).toMatchObject({ stage: 'STARTED', changedOn: ON.started, note: '开工仪式' });
    });

    it("closes the funding by advancing to FUNDS_IN_PLACE below the signed amount, moving the project's funds by the same amount", async () => {
      const signed = await leads.signed({ name: '智能仓储物流园项目' }, '6000');
      const started = await leads.start(signed.id, { on: ON.started });
      await leads.funds(signed.id, '1000', ON.firstFunds);
      const closed = await leads.advance(signed.id, 'FUNDS_IN_PLACE', { on: ON.allFunds, fundsInPlaceWan: '5500.0001' });
      expect(closed).toMatchObject({
        stage: 'FUNDS_IN_PLACE',
        fundsInPlaceOn: ON.allFunds,
        fundsInPlaceWan: '5500.0001',
        signedWan: '6000',
      });
      expect(closed.project).toMatchObject({ id: started.project.id, fundsInPlaceWan: '5500.0001' });
      expect(closed.stageHistory.at(-1)).toMatchObject({ stage: 'FUNDS_IN_PLACE', changedOn: ON.allFunds, amountWan: '5500.0001' });
    });

    it('links an existing project of the town at the start instead of creating one, moving it to STARTED', async () => {
      const existing = await createProject(server, {
        code: null,
        name: '既有生物医药产业园项目',
        totalInvestmentWan: '30000',
        annualPlans: [],
        stageSince: ON.intent,
      });
      expect(existing.stage).toBe('PLANNED');
      const signed = await leads.signed({ name: '生物医药产业园招商项目' }, '25000');
      const projects = await countRows(server, 'project');
      const started = await leads.start(signed.id, { on: ON.started, projectId: existing.id, note: '并入既有项目' });
      expect(await countRows(server, 'project')).toBe(projects);
      expect(started.project).toMatchObject({
        id: existing.id,
        name: '既有生物医药产业园项目',
        stage: 'STARTED',
        startedOn: ON.started,
        totalInvestmentWan: '30000',
      });

      // One project answers for one lead only.
      const other = await leads.signed({ name: '另一个招商项目' });
      const twice = await fails(START, { id: other.id, on: ON.started, projectId: existing.id });
      expect(twice.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.projectId' });
      // A linked project keeps its own code and nature.
      const free = await createProject(server, { code: null, name: '未关联项目', annualPlans: [], stageSince: ON.intent });
      const keepsCode = await fails(START, { id: other.id, on: ON.started, projectId: free.id, code: '2411-371402-89-01-637015' });
      expect(keepsCode.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
      const keepsNature = await fails(START, { id: other.id, on: ON.started, projectId: free.id, nature: 'CONTINUING' });
      expect(keepsNature.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.nature' });
      expect(await leads.read(other.id)).toEqual(other);
      const unlinked = await server.gql(PROJECT, { id: free.id });
      expect(unlinked.data?.project).toMatchObject({ stage: 'PLANNED', investmentLead: null });
    });

    it('answers NOT_FOUND on input.projectId when linking a project the town officer does not read, changing nothing', async () => {
      const county = await createProject(
        server,
        { code: null, name: '区级项目', ownerTenantCode: DECHENG, annualPlans: [] },
        COUNTY_LEADER,
      );
      const signed = await leads.signed({ name: '链接越界项目' });
      const result = await fails(START, { id: signed.id, on: ON.started, projectId: county.id });
      expect(result.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.projectId' });
      const lead = await leads.read(signed.id);
      expect(lead).toMatchObject({ stage: 'CONTRACT_SIGNED', project: null, version: signed.version });
    });

    it("lists a subtree's leads newest first, by step and by name or investor, a page at a time", async () => {
      const a = await leads.create({ name: '列表测试甲项目', investorName: '山东列表投资有限公司' });
      const b = await leads.create({ name: '列表测试乙项目', investorName: '山东列表投资有限公司' });
      const c = await leads.create({ name: '列表测试丙项目', investorName: '山东列表投资有限公司' });
      await leads.advance(b.id, 'FRAMEWORK_AGREEMENT', { on: ON.framework });
      const page1 = await server.gql(LIST, { tenant: XINHU, search: '山东列表', first: 2 });
      expect(page1.data?.investmentLeads).toMatchObject({
        totalCount: 3,
        nodes: [{ id: c.id }, { id: b.id }],
        pageInfo: { hasNextPage: true },
      });
      const page2 = await server.gql(LIST, {
        tenant: XINHU,
        search: '山东列表',
        first: 2,
        after: page1.data?.investmentLeads.pageInfo.endCursor,
      });
      expect(page2.data?.investmentLeads).toMatchObject({ nodes: [{ id: a.id }], pageInfo: { hasNextPage: false } });
      const framework = await server.gql(LIST, { tenant: CITY, search: '列表测试', stages: ['FRAMEWORK_AGREEMENT'] }, CITY_LEADER);
      expect(framework.data?.investmentLeads.nodes).toEqual([{ id: b.id, stage: 'FRAMEWORK_AGREEMENT' }]);
      const tooMany = await server.gql(LIST, { tenant: XINHU, first: 0 });
      expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      const badCursor = await server.gql(LIST, { tenant: XINHU, after: 'bm9wZQ' });
      expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });
  });

  describe('who reads and who changes a lead', () => {
    let lead: Lead;

    beforeAll(async () => {
      lead = await leads.signed({ name: '新湖街道精细化工新材料项目' });
    });

    it("answers NOT_FOUND to a neighbouring town's officer for reading the lead and for every change, changing nothing", async () => {
      const read = await server.gql(READ, { id: lead.id }, XINHUA_OFFICER);
      expect(read.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      const own = await server.gql(LIST, { tenant: XINHUA }, XINHUA_OFFICER);
      expect(own.data?.investmentLeads.totalCount).toBe(0);
      const theirs = await server.gql(LIST, { tenant: XINHU }, XINHUA_OFFICER);
      expect(theirs.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      for (const [query, input] of [
        [UPDATE, { id: lead.id, name: '改名' }],
        [ADVANCE, { id: lead.id, stage: 'STARTED', on: ON.started }],
        [START, { id: lead.id, on: ON.started }],
        [FUNDS, { id: lead.id, fundsInPlaceWan: '1', on: ON.firstFunds }],
      ] as const) {
        const result = await fails(query, input, XINHUA_OFFICER);
        expect(result.extensions.code).toBe('NOT_FOUND');
      }
      // Nor may they register a lead for the neighbour: its code is answered as unknown.
      const create = await fails(CREATE, leadInput({ ownerTenantCode: XINHU }), XINHUA_OFFICER);
      expect(create.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.ownerTenantCode' });
      expect(await leads.read(lead.id)).toEqual(lead);
    });

    it("answers NOT_FOUND to another county's leader", async () => {
      const read = await server.gql(READ, { id: lead.id }, NINGJIN_LEADER);
      expect(read.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      const unknown = await server.gql(READ, { id: 'not-a-uuid' });
      expect(unknown.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    });

    it("lets the county's and the city's leaders, the supervisor and an integrator read the town's lead", async () => {
      for (const as of [COUNTY_LEADER, CITY_LEADER, SUPERVISOR, INTEGRATOR]) {
        expect(await leads.read(lead.id, as)).toEqual(lead);
      }
      const county = await server.gql(LIST, { tenant: DECHENG, search: '精细化工' }, COUNTY_LEADER);
      expect(county.data?.investmentLeads.nodes).toEqual([{ id: lead.id, stage: 'CONTRACT_SIGNED' }]);
      const city = await server.gql(LIST, { tenant: CITY, search: '精细化工' }, CITY_LEADER);
      expect(city.data?.investmentLeads.nodes).toEqual([{ id: lead.id, stage: 'CONTRACT_SIGNED' }]);
    });

    it('answers FORBIDDEN to readers who do not own the lead (county and city leaders, the supervisor, an integrator) for every change, changing nothing', async () => {
      const projects = await countRows(server, 'project');
      for (const as of [COUNTY_LEADER, CITY_LEADER, SUPERVISOR, INTEGRATOR]) {
        for (const [query, input] of [
          [UPDATE, { id: lead.id, name: '改名' }],
          [ADVANCE, { id: lead.id, stage: 'STARTED', on: ON.started }],
          [START, { id: lead.id, on: ON.started }],
          [FUNDS, { id: lead.id, fundsInPlaceWan: '1', on: ON.firstFunds }],
        ] as const) {
          const result = await fails(query, input, as);
          expect(result.extensions.code).toBe('FORBIDDEN');
        }
      }
      expect(await countRows(server, 'project')).toBe(projects);
      expect(await leads.read(lead.id)).toEqual(lead);
    });

    it('answers FORBIDDEN to a county leader or supervisor registering a lead for a town, storing nothing', async () => {
      const rows = await countRows(server, 'investment_lead');
      for (const as of [COUNTY_LEADER, SUPERVISOR]) {
        const result = await fails(CREATE, leadInput({ ownerTenantCode: XINHU }), as);
        expect(result.extensions.code).toBe('FORBIDDEN');
      }
      expect(await countRows(server, 'investment_lead')).toBe(rows);
      // The county registers its own leads.
      const county = await leads.create({ ownerTenantCode: DECHENG, name: '区级招商项目' }, COUNTY_LEADER);
      expect(county.owner.code).toBe(DECHENG);
      const byTown = await server.gql(READ, { id: county.id }, TOWN_OFFICER);
      expect(byTown.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    });
  });

  describe('bad input', () => {
    it('rejects a zero or negative intended amount, a blank or missing investor, an over-long name and a future intent with BAD_USER_INPUT naming the field, storing nothing', async () => {
      const rows = await countRows(server, 'investment_lead');
      const steps = await countRows(server, 'investment_lead_stage_change');
      const cases: [Record<string, unknown>, string][] = [
        [{ intendedWan: '0' }, 'input.intendedWan'],
        [{ intendedWan: '-100' }, 'input.intendedWan'],
        [{ intendedWan: '1.23456' }, 'input.intendedWan'],
        [{ investorName: '   ' }, 'input.investorName'],
        [{ name: '' }, 'input.name'],
        [{ name: '项'.repeat(201) }, 'input.name'],
        [{ industry: '业'.repeat(101) }, 'input.industry'],
        [{ intentOn: '2099-01-01' }, 'input.intentOn'],
        [{ intentOn: '2026-02-30' }, 'input.intentOn'],
        [{ ownerTenantCode: '999999' }, 'input.ownerTenantCode'],
      ];
      for (const [overrides, field] of cases) {
        const result = await fails(CREATE, leadInput(overrides));
        expect({ overrides, extensions: result.extensions }).toMatchObject({ overrides, extensions: { code: 'BAD_USER_INPUT', field } });
      }
      const { investorName: _omitted, ...missing } = leadInput();
      const noInvestor = await fails(CREATE, missing);
      expect(noInvestor.extensions.code).toBe('BAD_USER_INPUT');
      // Named as a form names it (the Chinese term of the field's description), with the field's path beside it.
      expect(noInvestor).toMatchObject({ message: '投资方 / 客商 为必填项，不能省略', extensions: { field: 'input.investorName' } });
      // Every problem of one input is listed at once.
      const both = await fails(CREATE, leadInput({ investorName: '', intendedWan: '0' }));
      expect((both.extensions.problems as { field: string }[]).map((p) => p.field)).toEqual(['input.investorName', 'input.intendedWan']);
      expect(await countRows(server, 'investment_lead')).toBe(rows);
      expect(await countRows(server, 'investment_lead_stage_change')).toBe(steps);
    });

    it('answers CONFLICT on input.stage for skipping a step or going back, changing nothing', async () => {
      const lead = await leads.create({ name: '跳步测试项目' });
      const skip = await fails(ADVANCE, { id: lead.id, stage: 'CONTRACT_SIGNED', on: ON.signed, signedWan: '100' });
      expect(skip.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.stage' });
      const again = await fails(ADVANCE, { id: lead.id, stage: 'INTENT', on: ON.intent });
      expect(again.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.stage' });
      expect(await leads.read(lead.id)).toEqual(lead);

      await leads.advance(lead.id, 'FRAMEWORK_AGREEMENT', { on: ON.framework });
      await leads.advance(lead.id, 'CONTRACT_SIGNED', { on: ON.signed, signedWan: '100' });
      const started = await leads.start(lead.id, { on: ON.started });
      for (const stage of ['INTENT', 'FRAMEWORK_AGREEMENT', 'CONTRACT_SIGNED', 'STARTED']) {
        const back = await fails(ADVANCE, { id: lead.id, stage, on: ON.allFunds });
        expect(back.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.stage' });
      }
      const restart = await fails(START, { id: lead.id, on: ON.allFunds });
      expect(restart.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
      const unknown = await fails(ADVANCE, { id: lead.id, stage: 'COMPLETED' });
      expect(unknown.extensions.code).toBe('BAD_USER_INPUT');
      expect(await leads.read(lead.id)).toEqual(started);
    });

    it('answers CONFLICT on input.id for starting an unsigned lead or recording funds before the start, changing nothing', async () => {
      const lead = await leads.create({ name: '未签约开工测试项目' });
      const projects = await countRows(server, 'project');
      const early = await fails(START, { id: lead.id, on: ON.started });
      expect(early.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
      const funds = await fails(FUNDS, { id: lead.id, fundsInPlaceWan: '10', on: ON.firstFunds });
      expect(funds.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
      expect(await countRows(server, 'project')).toBe(projects);
      expect(await leads.read(lead.id)).toEqual(lead);
    });

    it('rejects steps dated before the previous one or in the future with BAD_USER_INPUT on input.on, changing nothing', async () => {
      const lead = await leads.create({ name: '日期顺序测试项目', intentOn: ON.framework });
      const beforeIntent = await fails(ADVANCE, { id: lead.id, stage: 'FRAMEWORK_AGREEMENT', on: ON.intent });
      expect(beforeIntent.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.on' });
      const future = await fails(ADVANCE, { id: lead.id, stage: 'FRAMEWORK_AGREEMENT', on: '2099-01-01' });
      expect(future.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.on' });
      expect(await leads.read(lead.id)).toEqual(lead);

      await leads.advance(lead.id, 'FRAMEWORK_AGREEMENT', { on: ON.signed });
      const signedEarly = await fails(ADVANCE, { id: lead.id, stage: 'CONTRACT_SIGNED', on: ON.framework, signedWan: '500' });
      expect(signedEarly.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.on' });
      const signed = await leads.advance(lead.id, 'CONTRACT_SIGNED', { on: ON.started, signedWan: '500' });

      const projects = await countRows(server, 'project');
      const startedEarly = await fails(START, { id: lead.id, on: ON.signed });
      expect(startedEarly.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.on' });
      const startedLater = await fails(START, { id: lead.id, on: '2099-01-01' });
      expect(startedLater.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.on' });
      expect(await countRows(server, 'project')).toBe(projects);
      expect(await leads.read(lead.id)).toEqual(signed);

      await leads.start(lead.id, { on: ON.firstFunds });
      await leads.funds(lead.id, '100', ON.allFunds);
      const recorded = await leads.read(lead.id);
      const fundsEarly = await fails(FUNDS, { id: lead.id, fundsInPlaceWan: '200', on: ON.firstFunds });
      expect(fundsEarly.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.on' });
      const fundsFuture = await fails(FUNDS, { id: lead.id, fundsInPlaceWan: '200', on: '2099-01-01' });
      expect(fundsFuture.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.on' });
      const closeEarly = await fails(ADVANCE, { id: lead.id, stage: 'FUNDS_IN_PLACE', on: ON.firstFunds });
      expect(closeEarly.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.on' });
      expect(await leads.read(lead.id)).toEqual(recorded);
    });

    it('rejects a missing, zero or negative signed amount and amounts given at the wrong step with BAD_USER_INPUT naming the field, changing nothing', async () => {
      const lead = await leads.create({ name: '签约金额测试项目' });
      const early = await fails(ADVANCE, { id: lead.id, stage: 'FRAMEWORK_AGREEMENT', on: ON.framework, signedWan: '100' });
      expect(early.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.signedWan' });
      const fundsEarly = await fails(ADVANCE, { id: lead.id, stage: 'FRAMEWORK_AGREEMENT', on: ON.framework, fundsInPlaceWan: '100' });
      expect(fundsEarly.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fundsInPlaceWan' });
      const framework = await leads.advance(lead.id, 'FRAMEWORK_AGREEMENT', { on: ON.framework });
      for (const signedWan of [undefined, '0', '-10000', 'abc']) {
        const result = await fails(ADVANCE, {
          id: lead.id,
          stage: 'CONTRACT_SIGNED',
          on: ON.signed,
          ...(signedWan === undefined ? {} : { signedWan }),
        });
        expect({ signedWan, extensions: result.extensions }).toMatchObject({
          signedWan,
          extensions: { code: 'BAD_USER_INPUT', field: 'input.signedWan' },
        });
      }
      expect(await leads.read(lead.id)).toEqual(framework);
      // A signed amount only comes with the signing: an update cannot give one to an unsigned lead.
      const notSigned = await fails(UPDATE, { id: lead.id, signedWan: '100' });
      expect(notSigned.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.signedWan' });
      expect(await leads.read(lead.id)).toEqual(framework);

      await leads.advance(lead.id, 'CONTRACT_SIGNED', { on: ON.signed, signedWan: '100' });
      const startWithAmount = await fails(ADVANCE, { id: lead.id, stage: 'STARTED', on: ON.started, signedWan: '200' });
      expect(startWithAmount.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.signedWan' });
      const startWithFunds = await fails(ADVANCE, { id: lead.id, stage: 'STARTED', on: ON.started, fundsInPlaceWan: '20' });
      expect(startWithFunds.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fundsInPlaceWan' });
      expect((await leads.read(lead.id)).stage).toBe('CONTRACT_SIGNED');
    });

    it("rejects funds that shrink, are negative, exceed the project's investment or close nothing with BAD_USER_INPUT, leaving the lead and its project as they were", async () => {
      const signed = await leads.signed({ name: '到位资金测试项目' }, '1000');
      await leads.start(signed.id, { on: ON.started });
      await leads.funds(signed.id, '300.5', ON.firstFunds);
      const recorded = await leads.read(signed.id);
      const cases: [Record<string, unknown>, string][] = [
        [{ fundsInPlaceWan: '300.4999' }, 'input.fundsInPlaceWan'],
        [{ fundsInPlaceWan: '-1' }, 'input.fundsInPlaceWan'],
        // The key project's own rule: funds in place never above its total investment (the signed amount).
        [{ fundsInPlaceWan: '1000.0001' }, 'input.fundsInPlaceWan'],
      ];
      for (const [overrides, field] of cases) {
        const result = await fails(FUNDS, { id: signed.id, on: ON.allFunds, ...overrides });
        expect({ overrides, extensions: result.extensions }).toMatchObject({ overrides, extensions: { code: 'BAD_USER_INPUT', field } });
      }
      const shrinkOnClose = await fails(ADVANCE, { id: signed.id, stage: 'FUNDS_IN_PLACE', on: ON.allFunds, fundsInPlaceWan: '100' });
      expect(shrinkOnClose.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fundsInPlaceWan' });
      expect(await leads.read(signed.id)).toEqual(recorded);
      expect(recorded.project.fundsInPlaceWan).toBe('300.5');

      // Closing with nothing in place is refused too.
      const empty = await leads.signed({ name: '零到位测试项目' }, '1000');
      await leads.start(empty.id, { on: ON.started });
      const none = await fails(ADVANCE, { id: empty.id, stage: 'FUNDS_IN_PLACE', on: ON.allFunds });
      expect(none.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fundsInPlaceWan' });
      expect((await leads.read(empty.id)).stage).toBe('STARTED');
    });

    it('rejects updates that blank the investor or the name or zero an amount with BAD_USER_INPUT naming the field, changing nothing', async () => {
      const lead = await leads.signed({ name: '修改测试项目' }, '700');
      for (const [input, field] of [
        [{ investorName: '' }, 'input.investorName'],
        [{ name: '  ' }, 'input.name'],
        [{ intendedWan: '0' }, 'input.intendedWan'],
        [{ intendedWan: '-5' }, 'input.intendedWan'],
        [{ signedWan: '0' }, 'input.signedWan'],
        [{ responsibleUnit: '单'.repeat(201) }, 'input.responsibleUnit'],
      ] as const) {
        const result = await fails(UPDATE, { id: lead.id, ...input });
        expect({ input, extensions: result.extensions }).toMatchObject({ input, extensions: { code: 'BAD_USER_INPUT', field } });
      }
      expect(await leads.read(lead.id)).toEqual(lead);
    });
  });

  describe('versions', () => {
    it('updates the descriptive fields and amounts with the current version, one version up; null clears an optional field', async () => {
      const lead = await leads.signed({ name: '版本测试项目' }, '900');
      const updated = await leads.ok(UPDATE, {
        id: lead.id,
        version: lead.version,
        name: '版本测试项目（二期）',
        investorOrigin: null,
        industry: '高端化工',
        intendedWan: '15000.0001',
        signedWan: '950.25',
      });
      expect(updated).toMatchObject({
        name: '版本测试项目（二期）',
        investorName: lead.investorName,
        investorOrigin: null,
        industry: '高端化工',
        intendedWan: '15000.0001',
        signedWan: '950.25',
        stage: 'CONTRACT_SIGNED',
        version: lead.version + 1,
      });
      // Without a version the check is skipped.
      const unchecked = await leads.ok(UPDATE, { id: lead.id, responsibleUnit: '区招商局' });
      expect(unchecked).toMatchObject({ responsibleUnit: '区招商局', version: lead.version + 2 });
      expect(await leads.read(lead.id)).toEqual(unchecked);
    });

    it('answers CONFLICT on input.version to every change sent with a stale version, changing nothing', async () => {
      const signed = await leads.signed({ name: '过期版本测试项目' }, '900');
      const stale = signed.version - 1;
      const projects = await countRows(server, 'project');
      for (const [query, input] of [
        [UPDATE, { id: signed.id, version: stale, name: '改名' }],
        [ADVANCE, { id: signed.id, version: stale, stage: 'STARTED', on: ON.started }],
        [START, { id: signed.id, version: stale, on: ON.started }],
      ] as const) {
        const result = await fails(query, input);
        expect(result.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
      }
      expect(await countRows(server, 'project')).toBe(projects);
      expect(await leads.read(signed.id)).toEqual(signed);

      const started = await leads.start(signed.id, { version: signed.version, on: ON.started });
      expect(started.version).toBe(signed.version + 1);
      const staleFunds = await fails(FUNDS, { id: signed.id, version: signed.version, fundsInPlaceWan: '10', on: ON.firstFunds });
      expect(staleFunds.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
      const staleClose = await fails(ADVANCE, {
        id: signed.id,
        version: signed.version,
        stage: 'FUNDS_IN_PLACE',
        on: ON.allFunds,
        fundsInPlaceWan: '10',
      });
      expect(staleClose.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
      expect(await leads.read(signed.id)).toEqual(started);
      const funded = await leads.ok(FUNDS, { id: signed.id, version: started.version, fundsInPlaceWan: '10', on: ON.firstFunds });
      expect(funded).toMatchObject({ version: started.version + 1, fundsInPlaceWan: '10' });
    });
  });

  describe('concurrent changes', () => {
    it('lets only one of two officers starting the same lead at once win: the other gets CONFLICT, and one project exists', async () => {
      const signed = await leads.signed({ name: '并发开工测试项目' }, '1234.5');
      const projects = await countRows(server, 'project');
      const results = await Promise.all(
        [0, 1].map(() => server.gql(START, { input: { id: signed.id, version: signed.version, on: ON.started } })),
      );
      const won = results.filter((r) => !r.errors);
      const lost = results.filter((r) => r.errors);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      // Whether it read the lead before or after the winner's commit, the loser's version is stale.
      expect(lost[0]!.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
      expect(await countRows(server, 'project')).toBe(projects + 1);
      const lead = await leads.read(signed.id);
      expect(lead).toMatchObject({
        stage: 'STARTED',
        version: signed.version + 1,
        project: { id: won[0]!.data?.startInvestmentLead.project.id },
      });
      expect(lead.stageHistory.filter((s: { stage: string }) => s.stage === 'STARTED')).toHaveLength(1);
    });

    it('keeps one step when two officers advance the same lead at once', async () => {
      const lead = await leads.create({ name: '并发推进测试项目' });
      const results = await Promise.all(
        [0, 1].map(() =>
          server.gql(ADVANCE, { input: { id: lead.id, version: lead.version, stage: 'FRAMEWORK_AGREEMENT', on: ON.framework } }),
        ),
      );
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.find((r) => r.errors)!.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
      const now = await leads.read(lead.id);
      expect(now).toMatchObject({ stage: 'FRAMEWORK_AGREEMENT', version: lead.version + 1 });
      expect(now.stageHistory.map((s: { stage: string }) => s.stage)).toEqual(['INTENT', 'FRAMEWORK_AGREEMENT']);
    });
  });

  describe('accountability', () => {
    it("keeps the audit trail of the key project a lead started as: created by the town officer with the lead's data, then its funds", async () => {
      const signed = await leads.signed({ name: '审计留痕招商项目' }, '2000.5');
      const started = await leads.start(signed.id, { on: ON.started });
      await leads.funds(signed.id, '800.125', ON.firstFunds);
      const trail = await server.gql(TRAIL, { entity: 'PROJECT', id: started.project.id }, COUNTY_LEADER);
      expect(trail.errors).toBeUndefined();
      const [created, dated, funded, ...rest] = trail.data?.auditTrail.nodes ?? [];
      expect(rest).toEqual([]);
      expect(created).toMatchObject({ operation: 'CREATE', actorSubject: TOWN_OFFICER.subject, actorTenantCode: XINHU });
      expect(created.changes).toEqual(
        expect.arrayContaining([
          { field: 'name', before: null, after: '审计留痕招商项目' },
          { field: 'totalInvestmentWan', before: null, after: '2000.5' },
          { field: 'ownerUnit', before: null, after: '江苏远景新能源科技有限公司' },
          { field: 'category', before: null, after: 'INVESTMENT_ATTRACTION' },
        ]),
      );
      // The project's start date follows its stage history, written in the same transaction.
      expect(dated).toMatchObject({ operation: 'UPDATE', changes: [{ field: 'startedOn', before: null, after: ON.started }] });
      expect(funded).toMatchObject({ operation: 'UPDATE', actorSubject: TOWN_OFFICER.subject });
      expect(funded.changes).toEqual([{ field: 'fundsInPlaceWan', before: '0', after: '800.125' }]);
    });

    it('records who took each step of a lead and who changed it last', async () => {
      const lead = await leads.create({ ownerTenantCode: DECHENG, name: '区级留痕项目' }, COUNTY_LEADER);
      const advanced = await leads.advance(lead.id, 'FRAMEWORK_AGREEMENT', { on: ON.framework }, COUNTY_LEADER);
      expect(advanced).toMatchObject({ createdByName: COUNTY_LEADER.name, updatedByName: COUNTY_LEADER.name });
      expect(advanced.stageHistory.map((s: { recordedBy: string }) => s.recordedBy)).toEqual([
        COUNTY_LEADER.subject,
        COUNTY_LEADER.subject,
      ]);
    });
  });
});
