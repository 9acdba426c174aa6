import { Period } from '../../../src/calendar/period';
import { startTestServer, type TestServer } from '../../support/test-server';
import { PROJECT_LEADER } from '../../support/fixtures';

/**
 * `projects(filter: { lights })`: the light judged in SQL (rollup/project-light-filter.ts) must be
 * the light the API shows on each project (`trafficLight`, judged in TypeScript), month by month,
 * so a page and its `totalCount` agree with what the rows say.
 */
const COLORS = ['GREEN', 'YELLOW', 'RED'] as const;

const ALL = `query ($period: Period, $after: String) {
  projects(filter: { tenantCode: "371400" }, first: 200, after: $after) {
    totalCount nodes { id trafficLight(period: $period) { color } } pageInfo { hasNextPage endCursor }
  }
}`;
const BY_LIGHT = `query ($f: ProjectFilter, $first: Int, $after: String) {
  projects(filter: $f, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
}`;

type Light = { id: string; trafficLight: { color: string } };

/** Every page of a list, and the totalCount each page gave. */
async function everyPage<T>(server: TestServer, query: string, variables: Record<string, unknown>, as: Parameters<TestServer['gql']>[2]) {
  const nodes: T[] = [];
  const counts = new Set<number>();
  let after: string | undefined;
  do {
    const page = await server.gql(query, { ...variables, after }, as);
    expect(page.errors).toBeUndefined();
    nodes.push(...page.data!.projects.nodes);
    counts.add(page.data!.projects.totalCount);
    after = page.data!.projects.pageInfo.hasNextPage ? page.data!.projects.pageInfo.endCursor : undefined;
  } while (after);
  return { nodes, counts: [...counts] };
}

describe('the project list filtered by traffic light', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('demo');
  });
  afterAll(() => server.close());

  const current = Period.current();
  const earlier = Period.of(current.year, 6);

  it.each([
    ['the current month', undefined],
    ['an earlier month', earlier.toString()],
  ])('selects by each colour exactly the projects whose trafficLight has it, in %s, counted alike', async (_, period) => {
    const { nodes, counts } = await everyPage<Light>(server, ALL, { period }, 'city-leader');
    expect(counts).toEqual([nodes.length]);
    const seen = new Set<string>();
    for (const color of COLORS) {
      const expected = nodes.filter((n) => n.trafficLight.color === color).map((n) => n.id);
      const f = { tenantCode: '371400', lights: [color], ...(period ? { lightPeriod: period } : {}) };
      const filtered = await everyPage<{ id: string }>(server, BY_LIGHT, { f, first: 200 }, 'city-leader');
      expect(filtered.nodes.map((n) => n.id).sort()).toEqual(expected.sort());
      expect(filtered.counts).toEqual([expected.length]);
      if (expected.length > 0) seen.add(color);
    }
    // The demo world has lights of more than one colour, or the comparison proves little.
    expect(seen.size).toBeGreaterThan(1);
  });

  it('judges by the thresholds the city set, as trafficLight does', async () => {
    const before = await everyPage<Light>(server, ALL, {}, 'city-leader');
    const set = await server.gql(
      `mutation ($input: SetTrafficLightRulesInput!) { setTrafficLightRules(input: $input) { cityCode } }`,
      {
        input: { cityCode: '371400', yellowGapPoints: 30, redGapPoints: 70, projectOverdueYellow: 2, projectOverdueRed: 5, blockerRed: 2 },
      },
      'admin',
    );
    expect(set.errors).toBeUndefined();
    const { nodes } = await everyPage<Light>(server, ALL, {}, 'city-leader');
    // The new thresholds changed some lights, so the filter below is tested against the city's rules, not the defaults.
    expect(nodes.map((n) => n.trafficLight.color)).not.toEqual(before.nodes.map((n) => n.trafficLight.color));
    for (const color of COLORS) {
      const filtered = await everyPage<{ id: string }>(
        server,
        BY_LIGHT,
        { f: { tenantCode: '371400', lights: [color] }, first: 200 },
        'city-leader',
      );
      const expected = nodes.filter((n) => n.trafficLight.color === color).map((n) => n.id);
      expect(filtered.nodes.map((n) => n.id).sort()).toEqual(expected.sort());
    }
  });

  it('takes several colours as either, and pages them with the count of them all', async () => {
    const { nodes } = await everyPage<Light>(server, ALL, {}, 'city-leader');
    const expected = nodes.filter((n) => n.trafficLight.color !== 'GREEN');
    const page = await server.gql(BY_LIGHT, { f: { tenantCode: '371400', lights: ['YELLOW', 'RED'] }, first: 5 }, 'city-leader');
    expect(page.errors).toBeUndefined();
    expect(page.data!.projects.totalCount).toBe(expected.length);
    expect(page.data!.projects.nodes.length).toBe(Math.min(5, expected.length));
  });

  it('keeps to what the viewer reads: a 包抓 leader filtering gets only assigned projects of that colour', async () => {
    const mine = await server.gql(`{ myProjects { id trafficLight { color } } }`, {}, PROJECT_LEADER);
    const reds: Light[] = mine.data!.myProjects.filter((p: Light) => p.trafficLight.color === 'RED');
    expect(reds.length).toBeGreaterThan(0);
    const filtered = await server.gql(BY_LIGHT, { f: { lights: ['RED'] }, first: 100 }, PROJECT_LEADER);
    expect(filtered.data!.projects.nodes.map((n: { id: string }) => n.id).sort()).toEqual(reds.map((p) => p.id).sort());
  });

  it('refuses a colour that does not exist with GraphQL validation, naming the value', async () => {
    const result = await server.gql(BY_LIGHT, { f: { lights: ['BLUE'] } }, 'city-leader');
    expect(result.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('BLUE');
  });

  it('refuses a month still to come with BAD_USER_INPUT naming filter.lightPeriod', async () => {
    const next = Period.of(current.year + 1, 1).toString();
    const result = await server.gql(BY_LIGHT, { f: { lights: ['RED'], lightPeriod: next } }, 'city-leader');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(String(result.errors?.[0]?.extensions.field)).toMatch(/lightPeriod/);
  });

  it('refuses lightPeriod without lights with BAD_USER_INPUT naming filter.lightPeriod, in Chinese', async () => {
    const result = await server.gql(BY_LIGHT, { f: { lightPeriod: earlier.toString() } }, 'city-leader');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.lightPeriod' });
    expect(result.errors?.[0]?.message).toMatch(/信号灯/);
  });
});
