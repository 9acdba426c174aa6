import { beginScopedTransaction, commitScopedTransaction, endScopedTransaction } from '../../src/db/scoped-transaction';
import { projectInput, TOWN_OFFICER } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`;

/**
 * What every operation pays before and after its own statements: the scoped transaction opens in
 * one round trip with the viewer's scope, a mutation learns whether it wrote in its COMMIT's round
 * trip, and a query of the schema alone touches the database not at all.
 */
describe('the scoped transaction of an operation', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER);
  });
  afterAll(() => server.close());

  /**
   * The statements of the operation's transaction, from the one that opens it. (The test server
   * looks the viewer's tenant up for every request, outside the transaction: see TenantDirectory.)
   */
  async function statementsOf(query: string, variables?: Record<string, unknown>): Promise<string[]> {
    server.statements.length = 0;
    const result = await server.gql(query, variables);
    expect(result.errors).toBeUndefined();
    const statements = server.statements.filter((line) => line.includes('[query]'));
    const opening = statements.findIndex((line) => /\bbegin\b/i.test(line));
    return opening < 0 ? [] : statements.slice(opening);
  }

  it('opens no transaction for { __typename } or introspection', async () => {
    expect(await statementsOf('{ __typename }')).toEqual([]);
    expect(await statementsOf('{ __schema { queryType { name } } __type(name: "Project") { name } }')).toEqual([]);
  });

  it('opens a read in one statement that sets the scope and begins read only, then reads, then commits', async () => {
    const statements = await statementsOf('{ tenant(code: "371402") { code name } }');
    expect(statements[0]).toMatch(
      /set_config\('role', 'kp_app', true\).*set_config\('kp\.read_root', '[\d.]+', true\).*; BEGIN TRANSACTION READ ONLY$/,
    );
    expect(statements.at(-1)).toMatch(/\[query\] commit/);
    expect(statements).toHaveLength(3);
  });

  it('asks whether a mutation wrote in the round trip of its COMMIT, not before it', async () => {
    const statements = await statementsOf(CREATE, { input: projectInput({ name: '一次往返提交的项目', code: null, annualPlans: [] }) });
    expect(statements[0]).toMatch(/; BEGIN$/);
    expect(statements.filter((line) => line.includes('pg_current_xact_id_if_assigned'))).toEqual([]);
    expect(statements.at(-1)).toMatch(/\[query\] commit/);
  });

  it("learns from its COMMIT's round trip the id of a transaction that wrote (the replicas are woken for it), and none for one that did not", async () => {
    const scope = { readRoot: '371400', subject: TOWN_OFFICER.subject, tenantCode: '371400' };
    const wrote = server.orm.em.fork();
    await beginScopedTransaction(wrote, scope, false);
    // Assigning the transaction an id is what a first write does.
    const [assigned] = await wrote.execute<{ tx: string }[]>('select pg_current_xact_id()::text as tx');
    expect(await commitScopedTransaction(wrote)).toBe(assigned!.tx);
    const idle = server.orm.em.fork();
    await beginScopedTransaction(idle, scope, false);
    await idle.execute('select 1');
    expect(await commitScopedTransaction(idle)).toBeUndefined();
  });

  it('quotes the scope it sets: quotes, backslashes and NUL in a name reach PostgreSQL as text, nothing more', async () => {
    const em = server.orm.em.fork();
    const actorName = `O'Brien \\' ); drop table project; --\0名`;
    await beginScopedTransaction(em, { readRoot: '371400', subject: `s'\\`, actorName, tenantCode: '371400' }, true);
    try {
      const [row] = await em.execute<{ subject: string; actor: string; readOnly: string }[]>(
        `select current_setting('kp.subject') as subject, current_setting('kp.actor_name') as actor, current_setting('transaction_read_only') as "readOnly"`,
      );
      expect(row).toEqual({ subject: `s'\\`, actor: actorName.replace('\0', ''), readOnly: 'on' });
    } finally {
      await endScopedTransaction(em, 'rollback');
    }
  });
});
