import { chinaDate, Period } from '../../src/calendar/period';
import { COUNTY_LEADER, countRows, createProject, TOWN_OFFICER, XINHU } from '../support/fixtures';
import { startTestServer, type GraphQLResponse, type TestServer } from '../support/test-server';

/**
 * Bad input through real HTTP (and graphql-ws): refused with BAD_USER_INPUT naming the field,
 * never an internal error or HTTP 5xx, and nothing stored. The text rule and the calendar's range
 * hold for every argument of every field (src/graphql/argument-checks.ts); these are the cases
 * issue 12 names, and the shapes of each rule.
 */
describe('bad input', () => {
  let server: TestServer;
  let projectId: string;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER);
    projectId = (await createProject(server, { code: null })).id;
  });
  afterAll(() => server.close());

  const refusal = (result: GraphQLResponse) => ({ status: result.status, ...result.errors?.[0]?.extensions });
  const nextMonth = () => Period.current().plusMonths(1).toString();
  const thisYear = () => Period.current().year;

  describe('text with control characters', () => {
    const RAISE = 'mutation($input: RaiseBlockerInput!) { raiseBlocker(input: $input) { id } }';
    const LEAD = 'mutation($input: CreateInvestmentLeadInput!) { createInvestmentLead(input: $input) { id } }';
    const MILESTONE = 'mutation($input: AddMilestoneInput!) { addMilestone(input: $input) { id title note } }';
    const ASSIGN = 'mutation($input: AssignLeaderInput!) { assignLeader(input: $input) { id } }';
    const blocker = () => ({
      projectId,
      type: 'LAND',
      description: '用地指标未落实',
      responsibleUnit: '区自然资源局',
      deadlineOn: chinaDate(),
    });
    const lead = () => ({
      name: '新能源装备产业园',
      investorName: '某某集团',
      investorOrigin: '江苏省',
      industry: '装备制造',
      responsibleUnit: '招商办',
      ownerTenantCode: XINHU,
      intendedWan: '100',
    });
    const milestone = () => ({ projectId, title: '主体封顶', note: '按期推进', dueOn: chinaDate() });
    const assignment = () => ({ projectId, subject: '7d3c1a52-0b1e-4c51-9a41-100000000004', name: '刘洋', kind: 'LEAD_LEADER' });

    const CASES: [string, string, string, string, () => Record<string, unknown>, 'town' | 'county'][] = [
      ['raiseBlocker', 'description', RAISE, 'blocker', blocker, 'town'],
      ['raiseBlocker', 'responsibleUnit', RAISE, 'blocker', blocker, 'town'],
      ['createInvestmentLead', 'name', LEAD, 'investment_lead', lead, 'town'],
      ['createInvestmentLead', 'investorName', LEAD, 'investment_lead', lead, 'town'],
      ['createInvestmentLead', 'investorOrigin', LEAD, 'investment_lead', lead, 'town'],
      ['createInvestmentLead', 'industry', LEAD, 'investment_lead', lead, 'town'],
      ['createInvestmentLead', 'responsibleUnit', LEAD, 'investment_lead', lead, 'town'],
      ['addMilestone', 'title', MILESTONE, 'milestone', milestone, 'town'],
      ['addMilestone', 'note', MILESTONE, 'milestone', milestone, 'town'],
      ['assignLeader', 'name', ASSIGN, 'project_assignment', assignment, 'county'],
      ['assignLeader', 'subject', ASSIGN, 'project_assignment', assignment, 'county'],
    ];

    it.each(CASES)(
      '%s refuses a NUL in input.%s: BAD_USER_INPUT naming it, HTTP 200, nothing stored',
      async (_, field, mutation, table, input, who) => {
        const rows = await countRows(server, table);
        const result = await server.gql(
          mutation,
          { input: { ...input(), [field]: 'a\u0000b' } },
          who === 'county' ? COUNTY_LEADER : TOWN_OFFICER,
        );
        expect(refusal(result)).toMatchObject({ status: 200, code: 'BAD_USER_INPUT', field: `input.${field}` });
        // Named by the field's Chinese term where its description gives one (问题描述), never by the API path.
        expect(result.errors?.[0]?.message).toMatch(/^\S+(?: \/ \S+)?(?: ID)? 第 2 个字符是控制字符 U\+0000/);
        expect(result.errors?.[0]?.message).not.toContain('input.');
        expect(await countRows(server, table)).toBe(rows);
      },
    );

    it('judges a literal written in the document as it judges a variable', async () => {
      const result = await server.gql(
        `mutation { addMilestone(input: { projectId: "${projectId}", title: "a\\u0007b", dueOn: "${chinaDate()}" }) { id } }`,
      );
      expect(refusal(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
      expect(result.errors?.[0]?.locations).toEqual([{ line: 1, column: 12 }]);
    });

    it('lists every refused place at once, in problems', async () => {
      const result = await server.gql(RAISE, { input: { ...blocker(), description: '\ud800', responsibleUnit: '\u007f' } });
      expect(result.errors?.[0]?.extensions.problems).toEqual([
        { field: 'input.description', message: expect.stringMatching(/孤立的代理码位 U\+D800/) },
        { field: 'input.responsibleUnit', message: expect.stringMatching(/控制字符 U\+007F/) },
      ]);
    });

    it('refuses it in a query argument and in a filter too', async () => {
      const tenant = await server.gql(`{ tenant(code: "3714\\u000002") { code } }`);
      expect(refusal(tenant)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
      const search = await server.gql('query($f: ProjectFilter) { projects(filter: $f) { totalCount } }', { f: { search: '\u0000' } });
      expect(refusal(search)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
    });

    it('refuses it in a subscription argument over graphql-ws', async () => {
      const client = server.wsClient(TOWN_OFFICER);
      const answer = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: 'subscription { projectChanged(tenantCode: "371402\\u0000") { kind } }' },
          { next: resolve, error: resolve, complete: () => resolve('complete') },
        );
      });
      expect(answer).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'tenantCode' } }] });
    });

    it('keeps Chinese, emoji, quotes, tabs and line breaks exactly as sent', async () => {
      const title = '主体封顶 🎉 "一期"\t第二阶段';
      const note = "O'Brien; drop table milestone; --\r\n第二行 👨‍👩‍👧‍👦";
      const result = await server.gql(MILESTONE, { input: { ...milestone(), title, note } });
      expect(result.data?.addMilestone).toMatchObject({ title, note });
    });
  });

  describe('text too long for its place', () => {
    it('refuses more than 10,000 characters in any argument, before the database sees it', async () => {
      const result = await server.gql('mutation($input: UpdateProjectInput!) { updateProject(input: $input) { id } }', {
        input: { id: projectId, constructionContent: '字'.repeat(10_001) },
      });
      expect(refusal(result)).toMatchObject({ status: 200, code: 'BAD_USER_INPUT', field: 'input.constructionContent' });
    });

    it.each([
      ['contactName', 51],
      ['contactPhone', 31],
      ['ownerUnit', 201],
    ])('refuses a %s longer than its column (%i characters)', async (field, length) => {
      const rows = await countRows(server, 'project');
      const created = await server.gql('mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }', {
        input: {
          name: '超长字段',
          category: 'OTHER',
          nature: 'NEW',
          ownerTenantCode: XINHU,
          totalInvestmentWan: '100',
          [field]: '字'.repeat(length),
        },
      });
      expect(refusal(created)).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.${field}` });
      expect(await countRows(server, 'project')).toBe(rows);
      const updated = await server.gql('mutation($input: UpdateProjectInput!) { updateProject(input: $input) { id } }', {
        input: { id: projectId, [field]: '😀'.repeat(length) },
      });
      expect(refusal(updated)).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.${field}` });
    });
  });

  describe('years, periods and dates out of range', () => {
    it('refuses an impossible year on a project field instead of failing inside', async () => {
      const result = await server.gql(`{ project(id: "${projectId}") { completedThisYearWan(year: 2147483647) } }`);
      expect(refusal(result)).toMatchObject({ status: 200, code: 'BAD_USER_INPUT', field: 'year' });
      expect(result.errors?.[0]?.path).toEqual(['project', 'completedThisYearWan']);
    });

    it('lets plans look ahead to 2100 but completed figures and reports only to this year', async () => {
      const ahead = await server.gql(`{ project(id: "${projectId}") { plannedInvestmentWan(year: 2100) } }`);
      expect(ahead.errors).toBeUndefined();
      const later = thisYear() + 1;
      for (const field of [
        `completedThisYearWan(year: ${later})`,
        `progressReports(year: ${later}) { id }`,
        'plannedInvestmentWan(year: 2101)',
        'completedThisYearWan(year: 1999)',
      ]) {
        const result = await server.gql(`{ project(id: "${projectId}") { ${field} } }`);
        expect(refusal(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
      }
      const list = await server.gql('{ projects(filter: { year: 1999 }) { totalCount } }');
      expect(refusal(list)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.year' });
      const removed = await server.gql(`mutation { removeAnnualPlan(projectId: "${projectId}", year: 99999) { id } }`);
      expect(refusal(removed)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
    });

    it('refuses a period that has not begun, as a literal and as a variable', async () => {
      const literal = await server.gql(`{ rollup(tenantCode: "${XINHU}", period: "${nextMonth()}") { projectCount } }`);
      expect(refusal(literal)).toMatchObject({ status: 200, code: 'BAD_USER_INPUT', field: 'period' });
      expect(literal.errors?.[0]?.message).toMatch(/尚未开始/);
      const variable = await server.gql(
        'query($p: Period!) { ranking(parentCode: "371402", period: $p, metric: COMPLETION_RATE) { position } }',
        { p: nextMonth() },
        COUNTY_LEADER,
      );
      expect(refusal(variable)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
      const trend = await server.gql(
        `{ rollup(tenantCode: "${XINHU}", period: "2026-01") { trend(from: "2026-01", to: "${nextMonth()}") { period } } }`,
      );
      expect(refusal(trend)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
      const light = await server.gql(`{ project(id: "${projectId}") { trafficLight(period: "${nextMonth()}") { color } } }`);
      expect(refusal(light)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    });

    it('refuses a period before 2000, where the previous month would not even be a period', async () => {
      const ranking = await server.gql(
        '{ ranking(parentCode: "371402", period: "1900-01", metric: COMPLETION_RATE) { position } }',
        {},
        COUNTY_LEADER,
      );
      expect(refusal(ranking)).toMatchObject({ status: 200, code: 'BAD_USER_INPUT', field: 'period' });
      const first = await server.gql(
        '{ ranking(parentCode: "371402", period: "2000-01", metric: COMPLETION_RATE) { position } }',
        {},
        COUNTY_LEADER,
      );
      expect(first.errors).toBeUndefined();
    });

    it('refuses a date outside 2000-01-01 .. 2100-12-31, naming the input field', async () => {
      const rows = await countRows(server, 'milestone');
      for (const dueOn of ['1999-12-31', '2101-01-01']) {
        const result = await server.gql('mutation($input: AddMilestoneInput!) { addMilestone(input: $input) { id } }', {
          input: { projectId, title: '竣工', dueOn },
        });
        expect(refusal(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dueOn' });
      }
      expect(await countRows(server, 'milestone')).toBe(rows);
    });
  });

  describe('amounts', () => {
    it('refuses an amount that would overflow the totals it joins, and takes the largest allowed', async () => {
      const create = (totalInvestmentWan: string) =>
        server.gql('mutation($input: CreateProjectInput!) { createProject(input: $input) { totalInvestmentWan } }', {
          input: { name: '巨额项目', category: 'OTHER', nature: 'NEW', ownerTenantCode: XINHU, totalInvestmentWan },
        });
      const rows = await countRows(server, 'project');
      for (const amount of ['99999999999999.9999', '1000000000']) {
        expect(refusal(await create(amount))).toMatchObject({ status: 200, code: 'BAD_USER_INPUT', field: 'input.totalInvestmentWan' });
      }
      expect(await countRows(server, 'project')).toBe(rows);
      expect((await create('999999999.9999')).data?.createProject).toEqual({ totalInvestmentWan: '999999999.9999' });
    });
  });

  describe('values their type refuses', () => {
    it('points at a bad Wan written inline: its location and its field', async () => {
      const line = `  setAnnualPlan(input: { projectId: "${projectId}", year: 2026, plannedInvestmentWan: "1e5" }) { id }`;
      const result = await server.gql(`mutation {\n${line}\n}`);
      expect(refusal(result)).toMatchObject({ status: 200, code: 'GRAPHQL_VALIDATION_FAILED', field: 'input.plannedInvestmentWan' });
      expect(result.errors?.[0]?.message).toBe('Wan 须为以万元计的非负十进制字符串，最多 4 位小数，例如 "3480.5"；实际为 "1e5"');
      expect(result.errors?.[0]?.locations).toEqual([{ line: 2, column: line.indexOf('"1e5"') + 1 }]);
    });

    it('names list positions inline and in variables alike, dotted as the services write them', async () => {
      const inline =
        await server.gql(`mutation { createProject(input: { name: "x", category: OTHER, nature: NEW, ownerTenantCode: "${XINHU}", totalInvestmentWan: "1",
        annualPlans: [{ year: 2026, plannedInvestmentWan: "1" }, { year: 2027, plannedInvestmentWan: "-1" }] }) { id } }`);
      expect(refusal(inline)).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', field: 'input.annualPlans.1.plannedInvestmentWan' });
      const variable = await server.gql('mutation($input: SetMonthlyTargetsInput!) { setMonthlyTargets(input: $input) { year } }', {
        input: { projectId, year: 2026, targetsWan: ['1', '1', 'x'] },
      });
      expect(refusal(variable)).toMatchObject({ status: 200, code: 'BAD_USER_INPUT', field: 'input.targetsWan.2' });
    });

    it('answers a flood of bad list items with BAD_USER_INPUT only, not an internal error for the overflow', async () => {
      const result = await server.gql('mutation($input: SetMonthlyTargetsInput!) { setMonthlyTargets(input: $input) { year } }', {
        input: { projectId, year: 2026, targetsWan: Array.from({ length: 1000 }, () => 'x') },
      });
      expect(result.status).toBe(200);
      expect(new Set(result.errors?.map((e) => e.extensions.code))).toEqual(new Set(['BAD_USER_INPUT']));
    });
  });
});
