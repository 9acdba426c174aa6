import { leanReadSettings } from '../../src/db/lean-read-transaction';
import { beginScopedTransaction, commitScopedTransaction, endScopedTransaction } from '../../src/db/scoped-transaction';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createProject, projectInput, TOWN_OFFICER } from '../support/fixtures';
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

  it('opens a read with its first statement (the scope, BEGIN READ ONLY, then the read, in one message) and ends it with the next read', async () => {
    const statements = await statementsOf('{ tenant(code: "371402") { code name } }');
    expect(statements[0]).toMatch(
      /^.*\[query\] (ROLLBACK; )?select .*set_config\('role', 'kp_app', true\).*set_config\('kp\.read_root', '[\d.]+', true\).*; BEGIN TRANSACTION READ ONLY; -- with the statement that follows, in one message$/,
    );
    expect(statements[1]).toMatch(/select code, name, .* from tenant where code = any\(\$1\)/);
    // Nothing to commit: the ROLLBACK goes in front of the next read's opening. (The housekeeping
    // jobs' statements may show in between: the log is the server's.)
    expect(statements.filter((line) => /\[query\] (commit|rollback)\b/i.test(line))).toEqual([]);
  });

  it("ends a read's transaction with the next read's opening, on the same connection, and never leaves one open in the pool", async () => {
    const scope = { readRoot: '371400', subject: TOWN_OFFICER.subject, tenantCode: '371400' };
    const read = async () => {
      const em = server.orm.em.fork();
      await beginScopedTransaction(em, scope, true);
      const [row] = await em.execute<{ pid: number; tx: string }[]>('select pg_backend_pid() as pid, txid_current_if_assigned() as tx');
      const [snapshot] = await em.execute<{ xmin: string }[]>('select pg_snapshot_xmin(pg_current_snapshot())::text as xmin');
      await endScopedTransaction(em, 'commit');
      return { pid: row!.pid, snapshot: snapshot!.xmin };
    };
    server.statements.length = 0;
    // Long enough for the second read to come in time on a loaded machine.
    leanReadSettings.lingerMs = 2_000;
    let first, second;
    try {
      first = await read();
      second = await read();
    } finally {
      leanReadSettings.lingerMs = 20;
    }
    expect(second.pid).toBe(first.pid);
    const openings = server.statements.filter((line) => line.includes('BEGIN TRANSACTION READ ONLY'));
    expect(openings[1]).toMatch(/\[query\] ROLLBACK; select set_config/);
    // Left alone, the connection ends its transaction and goes back to the pool: its session is
    // idle, not idle in a transaction (a loaded machine may take a while to run the timer).
    const stateOf = async () =>
      (await server.adminOrm.em.fork().execute<{ state: string }[]>('select state from pg_stat_activity where pid = ?', [second.pid]))[0]
        ?.state;
    const deadline = Date.now() + 5_000;
    while ((await stateOf()) !== 'idle' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await stateOf()).toBe('idle');
  });

  it("hands a read's connection, transaction open, to the next read waiting for the pool; a mutation waiting goes first; none is left open", async () => {
    const poolMax = 5; // the test server's pool (startTestServer)
    server.statements.length = 0;
    const reads = Array.from({ length: poolMax * 4 }, () => server.gql('{ tenant(code: "371402") { code } }'));
    const write = server.gql(CREATE, { input: projectInput({ name: '读写交替时登记的项目', code: null, annualPlans: [] }) });
    const results = await Promise.all([...reads, write]);
    expect(results.map((result) => result.errors?.[0]?.extensions?.['code'])).toEqual(results.map(() => undefined));
    // A ROLLBACK sent alone is a round trip: only a connection that nobody took in time (or that the
    // mutation needed) sends one; the reads waiting were each handed one with its transaction to end.
    const alone = server.statements.filter((line) => /\[query\] ROLLBACK$/.test(line));
    expect(alone.length).toBeLessThanOrEqual(poolMax + 1);
    const idleInTransaction = async () =>
      (
        await server.adminOrm.em
          .fork()
          .execute<{ n: string }[]>(
            "select count(*) as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%' and pid <> pg_backend_pid()",
          )
      )[0]!.n;
    const deadline = Date.now() + 5_000;
    while ((await idleInTransaction()) !== '0' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await idleInTransaction()).toBe('0');
  });

  it('sends nothing at all for a read that reads no table', async () => {
    server.statements.length = 0;
    const result = await server.gql('{ enumLabels(enum: "ProjectStage") { value } }');
    expect(result.errors).toBeUndefined();
    expect(server.statements.filter((line) => /\[query\].*(set_config|BEGIN|ROLLBACK|commit)/i.test(line))).toEqual([]);
  });

  it('asks whether a mutation wrote in the round trip of its COMMIT, not before it', async () => {
    const statements = await statementsOf(CREATE, { input: projectInput({ name: '一次往返提交的项目', code: null, annualPlans: [] }) });
    expect(statements[0]).toMatch(/; BEGIN; -- with the statement that follows, in one message$/);
    expect(statements.filter((line) => line.includes('pg_current_xact_id_if_assigned'))).toEqual([]);
    // (The housekeeping jobs' statements may come after it: the log is the server's.)
    expect(statements.filter((line) => /\[query\] commit/.test(line))).toHaveLength(1);
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

  describe('a unit of work (a mutation) in a writable transaction', () => {
    const OFFICER_SCOPE = { readRoot: '371400.371402.371402001', subject: TOWN_OFFICER.subject, tenantCode: '371402001' };
    let id: string;
    beforeAll(async () => {
      id = (await createProject(server, { name: '单一变更的项目', code: null, annualPlans: [] })).id;
    });
    const nameOf = async () =>
      (await server.adminOrm.em.fork().execute<{ name: string }[]>('select name from project where id = ?', [id]))[0]!.name;
    const renameThenFail = (em: EntityManager) =>
      em.transactional(async (tx) => {
        const renamed = await tx
          .getConnection()
          .execute(`update project set name = '改名未成' where id = ?`, [id], 'run', tx.getTransactionContext());
        expect(renamed).toMatchObject({ affectedRows: 1 });
        throw new Error('the mutation fails after its write');
      });

    it('of one mutation runs in the transaction itself: a failure leaves it aborted, and the whole transaction rolls back', async () => {
      const em = server.orm.em.fork();
      await beginScopedTransaction(em, OFFICER_SCOPE, false, true);
      await expect(renameThenFail(em)).rejects.toThrow('the mutation fails after its write');
      // No savepoint was rolled back to: the transaction is the mutation's, aborted by nothing but
      // still marked failed, so it must not commit what the mutation wrote.
      expect(await commitScopedTransaction(em)).toBeUndefined();
      expect(await nameOf()).toBe('单一变更的项目');
    });

    it('of several mutations runs in a savepoint each: a failure undoes only its own', async () => {
      const em = server.orm.em.fork();
      await beginScopedTransaction(em, OFFICER_SCOPE, false, false);
      await expect(renameThenFail(em)).rejects.toThrow('the mutation fails after its write');
      // The transaction goes on after the failed savepoint.
      await em.transactional((tx) =>
        tx.getConnection().execute(`update project set name = '第二个变更' where id = ?`, [id], 'run', tx.getTransactionContext()),
      );
      expect(await commitScopedTransaction(em)).toEqual(expect.any(String));
      expect(await nameOf()).toBe('第二个变更');
    });
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
