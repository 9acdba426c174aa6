import { startTestServer, type TestServer } from '../support/test-server';

const LIST = `query($first: Int!) {
  projects(filter: { tenantCode: "371400" }, first: $first) {
    totalCount
    nodes {
      id name totalInvestmentWan plannedInvestmentWan
      owner { code name parent { code } }
      milestones { title dueOn isOverdue }
      latestReport { period yearToDateWan }
    }
  }
}`;

describe('listing projects with their tenant, milestones and latest report', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('demo', 'city-leader');
  });
  afterAll(() => server.close());

  async function statementsFor(first: number): Promise<number> {
    server.statements.length = 0;
    const result = await server.gql(LIST, { first });
    expect(result.errors).toBeUndefined();
    expect(result.data?.projects.nodes).toHaveLength(first);
    const queries = server.statements.filter((line) => line.includes('[query]'));
    if (process.env.SHOW_STATEMENTS) console.log(queries.map((q) => q.slice(0, 160)).join('\n'));
    return queries.length;
  }

  it('takes no more SQL statements for 100 projects than for 30, and few', async () => {
    const ten = await statementsFor(30);
    const hundred = await statementsFor(100);
    // Never more for a longer page; one fewer when every owner's parent is among the owners already loaded.
    expect(hundred).toBeLessThanOrEqual(ten);
    // viewer's tenant + begin + scope + subtree root + page + count + latest report ids + owners
    // + milestones + plans + latest reports + owners' parents + commit
    expect(hundred).toBeLessThanOrEqual(13);
  });
});
