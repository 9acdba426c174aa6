import { COUNTY_LEADER, createProject, TOWN_OFFICER } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

const REPORT = 'mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }';
const CORRECT = 'mutation($input: CorrectProgressReportInput!) { correctProgressReport(input: $input) { id } }';
const EN = { 'accept-language': 'en' };

/**
 * A variable that does not coerce, as an officer's form meets it: the message names the field in
 * Chinese (the term of its description) and says what it must be, without graphql-js's
 * `变量 $input 在 input.… 处的值` framing; the field's path is in `extensions.field` (for a missing or
 * unknown field, that field's own path) so the form shows it under the field; the code is
 * BAD_USER_INPUT in every case and nothing is written.
 */
describe('variable coercion errors in a form’s words', () => {
  let server: TestServer;
  let projectId: string;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', COUNTY_LEADER);
    projectId = (await createProject(server, { code: null }, TOWN_OFFICER)).id;
  });

  afterAll(async () => {
    await server.close();
  });

  const report = (changes: Record<string, unknown>, without: string[] = []) => {
    const input: Record<string, unknown> = {
      projectId,
      period: '2026-10',
      completedInvestmentWan: '120',
      progressNote: '主体封顶',
      ...changes,
    };
    for (const field of without) delete input[field];
    return { input };
  };

  it.each([
    [
      'a decimal amount that is not a number',
      () => report({ completedInvestmentWan: 'abc' }),
      '当月完成投资 须为以万元计的非负十进制字符串，最多 4 位小数，例如 "3480.5"；实际为 "abc"',
      'input.completedInvestmentWan',
    ],
    [
      'an amount sent as a JSON number (wrong type)',
      () => report({ completedInvestmentWan: 12.5 }),
      '当月完成投资 须为以万元计的非负十进制字符串，最多 4 位小数，例如 "3480.5"；实际为 12.5',
      'input.completedInvestmentWan',
    ],
    [
      'a yes/no sent as text (wrong type)',
      () => report({ submit: 'yes' }),
      '提交审核 须为 true（是）或 false（否），实际为 "yes"',
      'input.submit',
    ],
    [
      'a month that does not exist',
      () => report({ period: '2026-13' }),
      '报送月份 须为 YYYY-MM 格式的月份，实际为 "2026-13"',
      'input.period',
    ],
    ['a required field left out', () => report({}, ['progressNote']), '形象进度 为必填项，不能省略', 'input.progressNote'],
    ['a required field sent as null', () => report({ progressNote: null }), '形象进度 不能为空', 'input.progressNote'],
    [
      'a stage the API does not know',
      () => report({ stageAtMonthEnd: 'BUILDING' }),
      '月末所处阶段 没有 "BUILDING" 这一选项',
      'input.stageAtMonthEnd',
    ],
    ['a field the input does not have', () => report({ amount: '1' }), '不认识的输入项 "amount"：请删去或检查拼写', 'input.amount'],
  ])('says %s by the field’s Chinese name, with its path in extensions.field', async (_case, variables, message, field) => {
    // The variables are built when the test runs: the project exists only after beforeAll.
    const result = await server.gql(REPORT, variables(), TOWN_OFFICER);
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    const { message: said, extensions } = result.errors![0]!;
    expect({ said, extensions }).toEqual({ said: message, extensions: { code: 'BAD_USER_INPUT', field } });
  });

  it('names a field whose description gives no Chinese term as the API spells it', async () => {
    const result = await server.gql(CORRECT, { input: { id: projectId, version: 'v2' } }, TOWN_OFFICER);
    expect(result.errors?.[0]).toMatchObject({
      message: 'version 须为整数，实际为 "v2"',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.version' },
    });
  });

  it('keeps graphql-js’s wording for a bare variable, which no form field stands for', async () => {
    const result = await server.gql('query($p: Period!) { rollup(tenantCode: "371402", period: $p) { projectCount } }', { p: '2026-13' });
    expect(result.errors?.[0]).toMatchObject({
      message: '变量 $p 的值 "2026-13" 无效：Period 须为 YYYY-MM 格式的月份，实际为 "2026-13"',
      extensions: { code: 'BAD_USER_INPUT', field: 'p' },
    });
  });

  it('answers in English with graphql-js’s own sentence and the same code and field', async () => {
    const missing = await server.gql(REPORT, report({}, ['progressNote']), TOWN_OFFICER, EN);
    expect(missing.errors?.[0]).toMatchObject({
      message: expect.stringMatching(
        /^Variable "\$input" got invalid value .*; Field "progressNote" of required type "String!" was not provided\.$/s,
      ),
      extensions: { code: 'BAD_USER_INPUT', field: 'input.progressNote' },
    });
    const amount = await server.gql(REPORT, report({ completedInvestmentWan: 'abc' }), TOWN_OFFICER, EN);
    expect(amount.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.completedInvestmentWan' });
    expect(amount.errors?.[0]?.message).toContain('Wan must be a non-negative decimal string');
  });

  it('writes nothing for any of them', async () => {
    const result = await server.gql<{ project: { progressReports: unknown[] } }>(
      'query($id: ID!) { project(id: $id) { progressReports { id } } }',
      { id: projectId },
      TOWN_OFFICER,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.project.progressReports).toEqual([]);
  });
});
