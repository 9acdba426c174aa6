import { preparedName } from '../../src/db/pipelined-query';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The three reads the throughput benchmark drives (issue 15): what SQL each one costs. The page
 * query runs only when nodes are asked for, the count only when `totalCount` is.
 */
describe('the hot reads and their SQL statements', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('demo', 'city-leader');
  });
  afterAll(() => server.close());

  async function statementsFor(query: string, viewer?: string): Promise<string[]> {
    server.statements.length = 0;
    const result = await server.gql(query, {}, viewer);
    expect(result.errors).toBeUndefined();
    const queries = server.statements.filter((line) => line.includes('[query]'));
    if (process.env.SHOW_STATEMENTS) console.log(queries.map((q) => q.slice(0, 400)).join('\n'));
    return queries;
  }

  /** A logged statement's SQL, as it was sent. */
  const statementText = (line: string) => line.slice(line.indexOf('[query] ') + '[query] '.length).replace(/ \[took .*$/, '');

  it('one tenant by code', async () => {
    const statements = await statementsFor('{ tenant(code: "371402") { code name } }');
    // viewer's tenant + begin + scope + the tenant + commit
    expect(statements.length).toBeLessThanOrEqual(5);
  });

  it('the first 20 projects with their owner name', async () => {
    const statements = await statementsFor('{ projects(first: 20) { nodes { name owner { name } } } }');
    // The opening goes with one statement for the page and its owners: no second statement for
    // the owners' names, no count (nobody asked for it). (The log is the server's: a housekeeping
    // job's statement may show in between.)
    const pages = statements.filter((s) => s.includes('from project p'));
    expect(pages).toHaveLength(1);
    expect(statements.filter((s) => s.includes('from tenant where code'))).toEqual([]);
    // Prepared, not planned anew for every request: a page statement reading `*` was not, and
    // cost more in planning than its join to the owners saved (see pageStatement).
    expect(preparedName(statementText(pages[0]!))).toMatch(/^kp_/);
    expect(statements.filter((s) => s.includes('count('))).toEqual([]);
  });

  it("walks the order's index only for a city's viewer's unfiltered page; a filter or a smaller reach keeps its own plan", async () => {
    const page = async (query: string, viewer?: string) => {
      const pages = (await statementsFor(query, viewer)).filter((s) => s.includes('from project p'));
      expect(pages).toHaveLength(1);
      return pages[0]!;
    };
    const NODES = 'nodes { name owner { name } }';
    const unfiltered = await page(`{ projects(first: 20) { ${NODES} } }`);
    expect(unfiltered).not.toContain('offset 0');
    expect(unfiltered).not.toContain('any(array(');
    // A stage of a few projects is found through the stage's index, not by walking every project.
    expect(await page(`{ projects(first: 20, filter: { stages: [COMPLETED] }) { ${NODES} } }`)).toContain('offset 0');
    // A town's officer: their projects found by key (the policy's reach restated), then sorted.
    const town = await page(`{ projects(first: 20) { ${NODES} } }`, 'town-officer');
    expect(town).toContain('offset 0');
    expect(town).toContain('any(array(');
  });

  it('the count of projects in one stage', async () => {
    const statements = await statementsFor('{ projects(filter: { stages: [UNDER_CONSTRUCTION] }) { totalCount } }');
    // viewer's tenant + begin + scope + count + commit: no page, nobody asked for it
    expect(statements.length).toBeLessThanOrEqual(5);
    expect(statements.filter((s) => s.includes('order by'))).toEqual([]);
  });

  it.each(['city-leader', 'county-leader', 'town-officer', 'project-leader', 'responsible-unit'])(
    'counts what %s would page through, with the count alone or beside the page',
    async (viewer) => {
      const alone = await server.gql('{ projects(filter: { stages: [UNDER_CONSTRUCTION] }) { totalCount } }', {}, viewer);
      const paged = await server.gql(
        '{ projects(filter: { stages: [UNDER_CONSTRUCTION] }, first: 200) { totalCount nodes { stage } } }',
        {},
        viewer,
      );
      expect(alone.errors).toBeUndefined();
      expect(paged.errors).toBeUndefined();
      expect(alone.data?.projects.totalCount).toBe(paged.data?.projects.nodes.length);
      expect(paged.data?.projects.totalCount).toBe(paged.data?.projects.nodes.length);
    },
  );

  it.each([
    ['partial rows with owners', 'nodes { name owner { name } }'],
    ['whole rows', 'nodes { name nature }'],
  ])("counts a first page's matches in the page's own statement (%s), the number the count alone gives", async (_rows, nodes) => {
    const filters = ['stages: [UNDER_CONSTRUCTION]', 'lights: [RED, YELLOW, GREEN]', 'search: "没有这个项目"'];
    for (const [viewer, filter] of [...filters.map((f) => ['city-leader', f]), ['town-officer', filters[0]!]] as const) {
      const alone = await server.gql(`{ projects(filter: { ${filter} }) { totalCount } }`, {}, viewer);
      server.statements.length = 0;
      const paged = await server.gql(`{ projects(filter: { ${filter} }, first: 3) { totalCount ${nodes} } }`, {}, viewer);
      expect(paged.errors).toBeUndefined();
      expect([filter, viewer, paged.data?.projects.totalCount]).toEqual([filter, viewer, alone.data?.projects.totalCount]);
      const statements = server.statements.filter((line) => line.includes('[query]') && line.includes('from project p'));
      expect(statements).toHaveLength(1);
      expect(statements[0]).toContain('count(*) over ()');
    }
    // Every filter but the search has more matches than the page shows.
    const lights = await server.gql(`{ projects(filter: { ${filters[1]} }, first: 3) { totalCount ${nodes} } }`);
    expect(lights.data?.projects.nodes).toHaveLength(3);
    expect(lights.data?.projects.totalCount).toBeGreaterThan(3);
  });

  it("counts on its own where the page does not read every match: a city's unfiltered walk, a later page", async () => {
    const walked = await statementsFor('{ projects(first: 3) { totalCount nodes { name } } }');
    expect(walked.filter((s) => s.includes('count(*) over ()'))).toEqual([]);
    expect(walked.filter((s) => s.includes('select count(*) as count from project p'))).toHaveLength(1);
    const first = await server.gql(
      '{ projects(filter: { stages: [UNDER_CONSTRUCTION] }, first: 2) { totalCount pageInfo { endCursor } } }',
    );
    const later = await statementsFor(
      `{ projects(filter: { stages: [UNDER_CONSTRUCTION] }, first: 2, after: "${first.data?.projects.pageInfo.endCursor}") { totalCount nodes { name } } }`,
    );
    expect(later.filter((s) => s.includes('count(*) over ()'))).toEqual([]);
    const count = later.filter((s) => s.includes('select count(*) as count from project p'));
    expect(count).toHaveLength(1);
    const after = await server.gql(
      `{ projects(filter: { stages: [UNDER_CONSTRUCTION] }, first: 2, after: "${first.data?.projects.pageInfo.endCursor}") { totalCount } }`,
    );
    expect(after.data?.projects.totalCount).toBe(first.data?.projects.totalCount);
  });

  it.each([
    [
      'blockers',
      '{ blockers(filter: { isOpen: true }) { totalCount } }',
      '{ blockers(filter: { isOpen: true }, first: 200) { totalCount nodes { id } } }',
    ],
    [
      'leads',
      '{ investmentLeads(tenantCode: "371400") { totalCount } }',
      '{ investmentLeads(tenantCode: "371400", first: 200) { totalCount nodes { id } } }',
    ],
  ])('counts the %s alone without reading their page, and the same number as the page holds', async (_list, alone, paged) => {
    const statements = await statementsFor(alone);
    expect(statements.filter((s) => s.includes('count('))).toHaveLength(1);
    expect(statements.filter((s) => s.includes('order by'))).toEqual([]);
    const count = Object.values((await server.gql(alone)).data ?? {})[0] as { totalCount: number };
    const page = Object.values((await server.gql(paged)).data ?? {})[0] as { totalCount: number; nodes: unknown[] };
    expect(count.totalCount).toBeGreaterThan(0);
    expect(count.totalCount).toBe(page.nodes.length);
    expect(page.totalCount).toBe(page.nodes.length);
  });

  it('refuses a foreign cursor even when only the count is asked for', async () => {
    const result = await server.gql('{ projects(after: "bm90IGEgY3Vyc29y") { totalCount } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('reads the page for pageInfo alone', async () => {
    const result = await server.gql('{ projects(first: 1) { pageInfo { hasNextPage endCursor } } }');
    expect(result.data?.projects.pageInfo).toEqual({ hasNextPage: true, endCursor: expect.any(String) });
  });

  it('reads a page in part (only the columns asked for) with the same answer as whole entities', async () => {
    const fields = 'id code name category stage totalInvestmentWan plannedStartOn createdAt owner { code } location { code }';
    for (const orderBy of ['CREATED_AT_DESC', 'NAME_ASC', 'TOTAL_INVESTMENT_DESC']) {
      server.statements.length = 0;
      const part = await server.gql(`{ projects(first: 60, orderBy: ${orderBy}) { edges { cursor node { ${fields} } } } }`);
      expect(server.statements.find((s) => s.includes('from project p'))).not.toContain('construction_content');
      // nature has a resolver of its own: the page is read whole, every column named (not `*`), so
      // it is prepared as the page in part is.
      server.statements.length = 0;
      const whole = await server.gql(`{ projects(first: 60, orderBy: ${orderBy}) { edges { cursor node { ${fields} nature } } } }`);
      const wholePage = server.statements.find((s) => s.includes('[query]') && s.includes('from project p'))!;
      expect(wholePage).toContain('p.construction_content');
      expect(preparedName(statementText(wholePage))).toMatch(/^kp_/);
      expect(part.errors).toBeUndefined();
      const strip = (edges: { node: Record<string, unknown> }[]) =>
        edges.map(({ node: { nature: _, ...rest }, ...edge }) => ({ ...edge, node: rest }));
      expect(part.data?.projects.edges).toEqual(strip(whole.data?.projects.edges));
    }
  });

  it('never lets a page read in part stand for the whole project later in the same operation', async () => {
    const first = await server.gql('{ projects(first: 1) { nodes { id } } }');
    const id: string = first.data?.projects.nodes[0].id;
    const alone = await server.gql('query($id: ID!) { project(id: $id) { name constructionContent ownerUnit nature } }', { id });
    const after = await server.gql(
      'query($id: ID!) { projects(first: 1) { nodes { id name } } project(id: $id) { name constructionContent ownerUnit nature } }',
      { id },
    );
    expect(after.errors).toBeUndefined();
    expect(after.data?.project).toEqual(alone.data?.project);
    expect(alone.data?.project.constructionContent).toEqual(expect.any(String));
  });

  it('pages through projects registered within one millisecond without skipping any', async () => {
    // Microseconds apart, as a bulk import stores them: a cursor cut to the millisecond (a JS
    // Date's) skipped the later ones on the next page.
    const knex = server.adminOrm.em.getConnection().getKnex();
    const ids: { id: string }[] = (await knex.raw('select id from project order by id limit 5')).rows;
    await knex.raw(
      `update project set created_at = timestamptz '2030-01-01 00:00:00.123' + (interval '1 microsecond' * n)
         from unnest(?::uuid[]) with ordinality as chosen(id, n) where project.id = chosen.id`,
      [ids.map((row) => row.id)],
    );
    type IdPage = { nodes: { id: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const result = await server.gql<{ projects: IdPage }>(
        'query($after: String) { projects(first: 2, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } }',
        { after },
      );
      expect(result.errors).toBeUndefined();
      const page: IdPage = result.data!.projects;
      seen.push(...page.nodes.map((node) => node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after && seen.length < 6);
    expect(seen.slice(0, 5).sort()).toEqual(ids.map((row) => row.id).sort());
  });

  it('refuses a forged cursor whose date PostgreSQL could not read, as a foreign cursor', async () => {
    const forged = Buffer.from(
      JSON.stringify(['CREATED_AT_DESC', '2026-02-30T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']),
    ).toString('base64url');
    const result = await server.gql('query($after: String) { projects(after: $after) { nodes { id } } }', { after: forged });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
