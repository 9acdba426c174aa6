import { CITY, CITY_LEADER, COUNTY_LEADER, createProject, PROJECT_LEADER, TOWN_OFFICER } from '../../support/fixtures';
import { startTestServer, type TestServer } from '../../support/test-server';

/** Names whose Chinese (pinyin) order differs from their code-point order: 乐 (U+4E50) sorts before 德 (U+5FB7) by code point. */
const PINYIN_ORDER = ['德城区', '乐陵市', '陵城区', '庆云县', '禹城市'];
const CODE_POINT_ORDER = [...PINYIN_ORDER].sort();

describe('lists ordered by name, in Chinese order', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', COUNTY_LEADER);
  });

  afterAll(async () => {
    await server.close();
  });

  it('differ from code-point order for these names (the test means something)', () => {
    expect(CODE_POINT_ORDER).not.toEqual(PINYIN_ORDER);
  });

  const ours = (names: string[]) => names.filter((name) => PINYIN_ORDER.includes(name));

  it("lists a city's counties by name in pinyin order with `orderBy: NAME`, by division code otherwise", async () => {
    const byName = await server.gql(`{ tenants(parentCode: "${CITY}", orderBy: NAME) { name } }`, {}, CITY_LEADER);
    expect(ours(byName.data!.tenants.map((t: { name: string }) => t.name))).toEqual(PINYIN_ORDER);
    const byCode = await server.gql<{ tenants: { code: string }[] }>(`{ tenants(parentCode: "${CITY}") { code } }`, {}, CITY_LEADER);
    const codes = byCode.data!.tenants.map((t) => t.code);
    expect(codes.length).toBeGreaterThanOrEqual(PINYIN_ORDER.length);
    expect(codes).toEqual([...codes].sort());
  });

  it("orders a tenant's children by name in pinyin order with `orderBy: NAME`", async () => {
    const result = await server.gql(`{ tenant(code: "${CITY}") { children(orderBy: NAME) { name } } }`, {}, CITY_LEADER);
    expect(ours(result.data!.tenant.children.map((t: { name: string }) => t.name))).toEqual(PINYIN_ORDER);
  });

  describe('projects', () => {
    const names = PINYIN_ORDER.map((place) => `${place}拼音排序测试项目`);

    beforeAll(async () => {
      // Created out of order, so that neither creation nor code-point order gives the expected one.
      for (const name of [...names].reverse()) {
        const { id } = await createProject(server, { name, code: null, ownerTenantCode: '371402001' }, TOWN_OFFICER);
        const assigned = await server.gql(`mutation($input: AssignLeaderInput!) { assignLeader(input: $input) { id } }`, {
          input: { projectId: id, subject: PROJECT_LEADER.subject, name: '刘洋', kind: 'LEAD_LEADER' },
        });
        expect(assigned.errors).toBeUndefined();
      }
    });

    it('pages through projects ordered by name (NAME_ASC) in pinyin order, the keyset cursor agreeing with the order', async () => {
      const page = (after: string | null) =>
        server.gql(
          `query($after: String) { projects(filter: { search: "拼音排序测试" }, orderBy: NAME_ASC, first: 2, after: $after) {
            nodes { name } pageInfo { hasNextPage endCursor } } }`,
          { after },
        );
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const result = await page(after);
        expect(result.errors).toBeUndefined();
        seen.push(...result.data!.projects.nodes.map((p: { name: string }) => p.name));
        after = result.data!.projects.pageInfo.hasNextPage ? result.data!.projects.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(names);
    });

    it("lists an assignee's projects (myProjects) by name in pinyin order", async () => {
      const result = await server.gql('{ myProjects { name } }', {}, PROJECT_LEADER);
      expect(result.data!.myProjects.map((p: { name: string }) => p.name)).toEqual(names);
    });
  });
});
