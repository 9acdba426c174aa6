import { chinaDate, Period } from '../../src/calendar/period';
import { COUNTY_LEADER, countRows, createProject, DECHENG, projectInput, TOWN_OFFICER } from '../support/fixtures';
import { startTestServer, type Caller, type GraphQLResponse, type TestServer } from '../support/test-server';

const EN = { 'accept-language': 'en' };

/**
 * The messages of projects, monthly reports, rollups, investment attraction and funds: Chinese
 * without Accept-Language, English with Accept-Language: en, and the same code, field and
 * problems' fields in both. The notes the system writes on stored records are Chinese.
 */
describe('messages of projects, reports, rollups, attraction and funds in both languages', () => {
  let server: TestServer;
  let projectId: string;
  const current = Period.current();

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER);
    projectId = (await createProject(server, { code: null, fundsInPlaceWan: '800' })).id;
  });
  afterAll(() => server.close());

  /** The same request in Chinese (no Accept-Language) and in English; everything but the messages the same. */
  async function inBothLanguages(query: string, variables: Record<string, unknown>, as: Caller = TOWN_OFFICER) {
    const zh = await server.gql(query, variables, as);
    const en = await server.gql(query, variables, as, EN);
    const shape = (result: GraphQLResponse) =>
      result.errors?.map(({ extensions: { problems, ...extensions } }) => ({
        ...extensions,
        problems: (problems as { field: string }[] | undefined)?.map((p) => p.field),
      }));
    expect(shape(zh)).toEqual(shape(en));
    expect(zh.errors).toHaveLength(1);
    return { zh: zh.errors![0]!, en: en.errors![0]! };
  }

  async function ok(query: string, variables: Record<string, unknown>, as: Caller = TOWN_OFFICER) {
    const result = await server.gql(query, variables, as);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }

  describe('projects', () => {
    it('refuses a malformed project code part by part, in Chinese or English, and registers nothing', async () => {
      const projects = await countRows(server, 'project');
      const { zh, en } = await inBothLanguages(`mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`, {
        input: projectInput({ code: '2413-371402-89-01-637015' }),
      });
      expect(zh.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
      expect(zh.message).toBe(
        '项目代码无效（GB/T 40058-2021）：时间码（第 1 段）2413 不符合格式：' +
          '应为 YYMM（月份 01-12，例如 2411），旧代码为 2000 年以后的年份（例如 2017）。格式应为 YYMM-RRRRRR-DD-TT-NNNNNN，例如 2411-371400-89-01-637015',
      );
      expect(en.message).toBe(
        'input.code is not a valid project code (GB/T 40058-2021): The time code (part 1) 2413 is not YYMM with a month from 01 to 12 ' +
          '(e.g. 2411) or, in older codes, a year from 2000 (e.g. 2017). Expected YYMM-RRRRRR-DD-TT-NNNNNN, e.g. 2411-371400-89-01-637015',
      );
      expect(await countRows(server, 'project')).toBe(projects);
    });

    it('names the stage a project is already at by its Chinese label', async () => {
      const { zh, en } = await inBothLanguages(
        `mutation($input: ChangeProjectStageInput!) { changeProjectStage(input: $input) { stage } }`,
        {
          input: { projectId, stage: 'PLANNED' },
        },
      );
      expect(zh).toMatchObject({ message: '项目已处于谋划储备阶段', extensions: { code: 'CONFLICT', field: 'input.stage' } });
      expect(en.message).toBe('the project is already at stage PLANNED');
    });
  });

  describe('monthly reports', () => {
    const REPORT = `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`;
    const report = (stageAtMonthEnd: string) => ({
      input: { projectId, period: current.toString(), completedInvestmentWan: '100', progressNote: '主体结构施工', stageAtMonthEnd },
    });
    let reportId: string;

    beforeAll(async () => {
      reportId = (await ok(REPORT, report('STARTED'))).reportProgress.id;
    });

    it('asks for the reason of a return, in Chinese or English, and leaves the report under review', async () => {
      const { zh, en } = await inBothLanguages(
        `mutation($id: ID!, $reason: String!) { returnProgressReport(id: $id, reason: $reason) { status } }`,
        { id: reportId, reason: '  ' },
        COUNTY_LEADER,
      );
      expect(zh).toMatchObject({ message: '退回月报须说明退回原因', extensions: { code: 'BAD_USER_INPUT', field: 'reason' } });
      expect(en.message).toBe('a returned report needs a reason');
      const read = await ok(`query($id: ID!) { progressReport(id: $id) { status } }`, { id: reportId });
      expect(read.progressReport.status).toBe('SUBMITTED');
    });

    it('refuses a second report for the month, in Chinese or English', async () => {
      const { zh, en } = await inBothLanguages(REPORT, report('STARTED'));
      expect(zh).toMatchObject({
        message: `本项目 ${current} 的月报已存在：请修改该月报`,
        extensions: { code: 'CONFLICT', field: 'input.period' },
      });
      expect(en.message).toBe(`a report for ${current} already exists for this project; correct it instead`);
    });

    it('writes the notes of the stage history in Chinese: the registration, and the stage an approved report confirmed', async () => {
      await ok('mutation($id: ID!) { approveProgressReport(id: $id) { status } }', { id: reportId }, COUNTY_LEADER);
      const read = await ok(
        `query($id: ID!) { project(id: $id) { stage stageHistory { toStage note } fundArrivals { amountWan note } } }`,
        { id: projectId },
      );
      expect(read.project.stage).toBe('STARTED');
      expect(read.project.stageHistory).toEqual([
        { toStage: 'PLANNED', note: '项目录入' },
        { toStage: 'STARTED', note: `${current.year}年${current.month}月月报审核通过` },
      ]);
      expect(read.project.fundArrivals).toEqual([{ amountWan: '800', note: '项目录入时已到位资金' }]);
    });
  });

  describe('rollups', () => {
    it('refuses a trend that ends before it begins, in Chinese or English', async () => {
      const { zh, en } = await inBothLanguages(
        `query($code: String!, $p: Period!) { rollup(tenantCode: $code, period: $p) { trend(from: "2026-06", to: "2026-01") { annualPlanWan } } }`,
        { code: DECHENG, p: current.toString() },
        COUNTY_LEADER,
      );
      expect(zh).toMatchObject({ message: 'from 不能晚于 to', extensions: { code: 'BAD_USER_INPUT', field: 'from' } });
      expect(en.message).toBe('from must not come after to');
    });

    it('refuses a red threshold below the yellow one, naming both values in Chinese', async () => {
      const { zh, en } = await inBothLanguages(
        `mutation($input: SetTrafficLightRulesInput!) { setTrafficLightRules(input: $input) { blockerRed } }`,
        { input: { cityCode: '371400', blockerYellow: 4, blockerRed: 2 } },
        'admin',
      );
      expect(zh).toMatchObject({
        message: 'blockerRed 须为 blockerYellow（4）至 1000，实际为 2',
        extensions: { code: 'BAD_USER_INPUT', field: 'input.blockerRed' },
      });
      expect(en.message).toBe('blockerRed must be from blockerYellow to 1000');
    });
  });

  describe('investment attraction', () => {
    const LEAD = 'id version stage';
    let lead: { id: string; version: number; stage: string };

    beforeAll(async () => {
      const created = await ok(`mutation($input: CreateInvestmentLeadInput!) { createInvestmentLead(input: $input) { ${LEAD} } }`, {
        input: {
          name: '德州新能源装备产业园项目',
          investorName: '江苏远景新能源科技有限公司',
          ownerTenantCode: '371402001',
          intendedWan: '50000',
        },
      });
      lead = created.createInvestmentLead;
    });

    const advance = (stage: string, extra: Record<string, unknown> = {}) =>
      server.gql(`mutation($input: AdvanceInvestmentLeadInput!) { advanceInvestmentLead(input: $input) { ${LEAD} } }`, {
        input: { id: lead.id, version: lead.version, stage, ...extra },
      });

    it('refuses a skipped step, naming the steps by their Chinese labels', async () => {
      const { zh, en } = await inBothLanguages(
        `mutation($input: AdvanceInvestmentLeadInput!) { advanceInvestmentLead(input: $input) { id } }`,
        {
          input: { id: lead.id, stage: 'CONTRACT_SIGNED', signedWan: '50000' },
        },
      );
      expect(zh).toMatchObject({
        message: '该线索当前处于达成意向阶段，下一步应为签订框架协议，不能跨步办理',
        extensions: { code: 'CONFLICT', field: 'input.stage' },
      });
      expect(en.message).toBe('the lead is at INTENT; the next step is FRAMEWORK_AGREEMENT, steps are not skipped');
    });

    it("keeps both languages of the project rules' errors when a start names the lead's fields", async () => {
      lead = (await advance('FRAMEWORK_AGREEMENT')).data!.advanceInvestmentLead;
      lead = (await advance('CONTRACT_SIGNED', { signedWan: '50000' })).data!.advanceInvestmentLead;
      const START = `mutation($input: StartInvestmentLeadInput!) { startInvestmentLead(input: $input) { id } }`;
      const missing = '0b9b2a52-8d3c-4c51-9a41-000000000000';
      const notFound = await inBothLanguages(START, { input: { id: lead.id, projectId: missing } });
      expect(notFound.zh).toMatchObject({ message: `未找到项目 ${missing}`, extensions: { code: 'NOT_FOUND', field: 'input.projectId' } });
      expect(notFound.en.message).toBe(`Project ${missing} was not found`);

      const badCode = await inBothLanguages(START, { input: { id: lead.id, code: '2411-381400-89-01-637015' } });
      expect(badCode.zh.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code', problems: [{ field: 'input.code' }] });
      const region = '区划代码（第 2 段）381400 不以省级代码';
      expect(badCode.zh.message).toContain(region);
      expect((badCode.zh.extensions.problems as { message: string }[])[0]!.message).toContain(region);
      expect((badCode.en.extensions.problems as { message: string }[])[0]!.message).toContain(
        'The region code (part 2) 381400 does not start with a province code',
      );
      const read = await ok(`query($id: ID!) { investmentLead(id: $id) { stage project { id } } }`, { id: lead.id });
      expect(read.investmentLead).toEqual({ stage: 'CONTRACT_SIGNED', project: null });
    });
  });

  describe('funds', () => {
    it('refuses funds beyond the total investment, in Chinese or English, and records nothing', async () => {
      const arrivals = await countRows(server, 'fund_arrival');
      const { zh, en } = await inBothLanguages(`mutation($input: RecordFundArrivalInput!) { recordFundArrival(input: $input) { id } }`, {
        input: { projectId, amountWan: '60000', arrivedOn: chinaDate() },
      });
      expect(zh).toMatchObject({
        message: '到位资金将达 60800 万元，超过总投资 52000 万元',
        extensions: { code: 'BAD_USER_INPUT', field: 'input.amountWan' },
      });
      expect(en.message).toBe('funds in place would be 60800 万元, more than the total investment of 52000 万元');
      expect(await countRows(server, 'fund_arrival')).toBe(arrivals);
    });
  });
});
