import { COUNTY_LEADER, DECHENG, NINGJIN, TOWN_OFFICER, XINHU } from '../../support/fixtures';
import { collect } from '../../support/live';
import { startTestServer, type TestServer } from '../../support/test-server';

const ROLLUP = `query($code: String!) { rollup(tenantCode: $code, period: "2026-10") {
  tenant { code } projectCount completedThisYearWan children { tenant { code } projectCount } } }`;

describe("rollups within the viewer's reach", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('demo', 'city-leader');
  });
  afterAll(() => server.close());

  it("gives the city leader the city's figures with one row per county-level unit", async () => {
    const result = await server.gql(ROLLUP, { code: '371400' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.rollup.children).toHaveLength(12);
    const sum = (result.data?.rollup.children as { projectCount: number }[]).reduce((n, c) => n + c.projectCount, 0);
    // The city's own projects are not in any child.
    expect(result.data?.rollup.projectCount).toBeGreaterThan(sum);
  });

  it("answers NOT_FOUND when a county leader asks for a sibling county's rollup or ranking", async () => {
    expect((await server.gql(ROLLUP, { code: NINGJIN }, COUNTY_LEADER)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const ranking = await server.gql(
      '{ ranking(parentCode: "371400", period: "2026-10", metric: COMPLETION_RATE) { position } }',
      {},
      COUNTY_LEADER,
    );
    expect(ranking.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('gives a town officer its own town only', async () => {
    const own = await server.gql(ROLLUP, { code: XINHU }, TOWN_OFFICER);
    expect(own.errors).toBeUndefined();
    expect(own.data?.rollup.tenant.code).toBe(XINHU);
    expect((await server.gql(ROLLUP, { code: DECHENG }, TOWN_OFFICER)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('gives a leader who only has assignments no rollup at all', async () => {
    expect((await server.gql(ROLLUP, { code: '371400' }, 'project-leader')).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('ranks the counties with positions, values and the change since last month', async () => {
    const result = await server.gql(`{ ranking(parentCode: "371400", period: "2026-10", metric: COMPLETION_RATE) {
      position previousPosition positionChange value rollup { tenant { code } completionRate } } }`);
    const rows = result.data?.ranking as { position: number; value: string; rollup: { completionRate: number } }[];
    expect(rows).toHaveLength(12);
    expect(rows.map((r) => r.position)).toEqual([...rows.map((r) => r.position)].sort((a, b) => a - b));
    expect(rows[0]!.rollup.completionRate).toBeGreaterThanOrEqual(rows.at(-1)!.rollup.completionRate);
    expect(rows.every((r) => r.value === String(r.rollup.completionRate))).toBe(true);
  });

  it('rejects a trend that runs backwards with BAD_USER_INPUT', async () => {
    const result = await server.gql(
      '{ rollup(tenantCode: "371400", period: "2026-10") { trend(from: "2026-10", to: "2026-01") { period } } }',
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });
});

describe('a dashboard read in one statement', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('demo', 'city-leader');
  });
  afterAll(() => server.close());

  const FIELDS = 'tenant { code } projectCount completedThisYearWan completionRate overdueMilestoneCount trafficLight { color }';
  const DASHBOARD = `{ rollup(tenantCode: "371400", period: "2026-10") { ${FIELDS}
    children { ${FIELDS} } trend(from: "2026-01", to: "2026-10") { period completedThisYearWan completionRate } } }`;

  it('reads the tenant, its children and its trend with one rollup statement, whatever the number of children', async () => {
    server.statements.length = 0;
    const result = await server.gql(DASHBOARD);
    expect(result.errors).toBeUndefined();
    expect(result.data?.rollup.children).toHaveLength(12);
    expect(result.data?.rollup.trend).toHaveLength(10);
    const queries = server.statements.filter((line) => line.includes('[query]'));
    // The request's transaction is its opening (scope and begin) sent with its one read, and nothing
    // at the end (the viewer's tenant is looked up before it, cached by the directory in
    // production): the projects with an overdue milestone or an open blocker that the lights count
    // come with the figures (kp_rollup_flags), for the tenant and every child at once.
    const transaction = queries.slice(queries.findIndex((q) => q.includes('BEGIN TRANSACTION READ ONLY')));
    expect(transaction).toHaveLength(2);
    expect(transaction[0]).toContain('with the statement that follows, in one message');
    expect(transaction[1]).toMatch(/kp_rollup_read\(.*kp_rollup_flags\(/);
  });

  it('reads the breakdowns by category and level of the tenant and its children in the same one statement', async () => {
    const BREAKDOWN =
      'byCategory { category count annualPlanWan completionRate } byDesignationLevel { level listedCount completedThisYearWan }';
    server.statements.length = 0;
    const result = await server.gql(
      `{ rollup(tenantCode: "371400", period: "2026-10") { ${FIELDS} ${BREAKDOWN} children { tenant { code } ${BREAKDOWN} } } }`,
    );
    expect(result.errors).toBeUndefined();
    const reads = server.statements.filter((line) => line.includes('[query]') && line.includes('kp_rollup_read'));
    expect(reads).toHaveLength(1);
    // Each child's breakdown is the one its own rollup gives.
    const decheng = (result.data?.rollup.children as { tenant: { code: string } }[]).find((c) => c.tenant.code === DECHENG);
    const own = await server.gql(`{ rollup(tenantCode: "${DECHENG}", period: "2026-10") { tenant { code } ${BREAKDOWN} } }`);
    expect(decheng).toEqual(own.data?.rollup);
  });

  it('sends a live update with its children and trend (the 总览 and the 大屏 select both) from one rollup statement', async () => {
    const SELECTION = `${FIELDS} children { ${FIELDS} } trend(from: $from, to: $p) { period completedThisYearWan completionRate }`;
    const asked = await server.gql(`query($p: Period!, $from: Period!) { rollup(tenantCode: "371400", period: $p) { ${SELECTION} } }`, {
      p: '2026-10',
      from: '2026-01',
    });
    const projects = await server.gql('{ projects(filter: { tenantCode: "371400" }, first: 100) { nodes { id owner { code } } } }');
    // The city leader manages the city's own projects.
    const cityProject = (projects.data?.projects.nodes as { id: string; owner: { code: string } }[]).find((p) => p.owner.code === '371400');
    const client = server.wsClient();
    const live = collect<unknown>(
      client,
      `subscription($p: Period!, $from: Period!) { rollupChanged(tenantCode: "371400", period: $p) { ${SELECTION} } }`,
      { p: '2026-10', from: '2026-01' },
      (d) => d.rollupChanged,
    );
    try {
      const [first] = await live.until(1);
      expect(first).toEqual(asked.data?.rollup);
      // The update a change sends: one read for the figures, the children and the trend (the first result came after the subscription's own check).
      server.statements.length = 0;
      const recorded = await server.gql('mutation($input: RecordFundArrivalInput!) { recordFundArrival(input: $input) { id } }', {
        input: { projectId: cityProject?.id, amountWan: '10', arrivedOn: '2026-10-15' },
      });
      expect(recorded.errors).toBeUndefined();
      const [, update] = await live.until(2);
      expect((update as { trend: unknown[] }).trend).toHaveLength(10);
      expect(server.statements.filter((line) => line.includes('[query]') && line.includes('kp_rollup_read'))).toHaveLength(1);
    } finally {
      live.stop();
      await client.dispose();
    }
  });

  it('answers the same whether the children and the trend are read ahead or one by one', async () => {
    // Two aliased trends and the children behind a fragment defeat nothing but the read-ahead of the trend.
    const oneByOne = await server.gql(`{ rollup(tenantCode: "371400", period: "2026-10") { ...own
      trend(from: "2026-01", to: "2026-10") { period completedThisYearWan completionRate }
      other: trend(from: "2026-03", to: "2026-04") { period } } }
      fragment own on Rollup { ${FIELDS} children { ${FIELDS} } }`);
    const ahead = await server.gql(DASHBOARD);
    expect(oneByOne.errors).toBeUndefined();
    const { other, ...rest } = oneByOne.data?.rollup as { other: { period: string }[] };
    expect(rest).toEqual(ahead.data?.rollup);
    expect(other.map((p) => p.period)).toEqual(['2026-03', '2026-04']);
    // Children of a child are read per child, and match that child's own rollup.
    const nested = await server.gql(
      `{ rollup(tenantCode: "371400", period: "2026-10") { children { tenant { code } children { ${FIELDS} } } } }`,
    );
    const decheng = (nested.data?.rollup.children as { tenant: { code: string }; children: unknown[] }[]).find(
      (c) => c.tenant.code === DECHENG,
    );
    const direct = await server.gql(`{ rollup(tenantCode: "${DECHENG}", period: "2026-10") { children { ${FIELDS} } } }`);
    expect(decheng?.children).toEqual(direct.data?.rollup.children);
    expect(decheng?.children.length).toBeGreaterThan(0);
  });
});
