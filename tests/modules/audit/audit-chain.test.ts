import type { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { GENESIS_HASH, verifyAuditChain } from '../../../src/modules/audit/audit-chain';
import { createProject, TOWN_OFFICER, XINHU, XINHUA, XINHUA_OFFICER } from '../../support/fixtures';
import { startTestServer, type TestServer } from '../../support/test-server';

const ADD = `mutation($input: AddMilestoneInput!) { addMilestone(input: $input) { id } }`;
const UPDATE = `mutation($input: UpdateMilestoneInput!) { updateMilestone(input: $input) { id } }`;

/** Runs `work` in an owner's transaction that is rolled back, so every test sees the same chain. */
async function inRolledBack<T>(server: TestServer, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const em = server.adminOrm.em.fork();
  await em.begin();
  try {
    return await work(em);
  } finally {
    await em.rollback();
  }
}

async function recordIds(em: EntityManager): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>('select id::text as id from audit_record order by audit_record.id');
  return rows.map((r) => r.id);
}

describe('audit chain', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants');
    const project = await createProject(server, { code: null });
    for (const title of ['环评批复', '规划许可', '主体封顶']) {
      const added = await server.gql(ADD, { input: { projectId: project.id, title, dueOn: '2026-12-31' } });
      await server.gql(UPDATE, { input: { id: added.data?.addMilestone.id, note: `${title}备注` } });
    }
  });
  afterAll(() => server.close());

  it('verifies an untouched chain: each record follows the one before, the first the start', async () => {
    const report = await verifyAuditChain(server.adminOrm.em.fork());
    expect(report).toMatchObject({ ok: true });
    expect(report.count).toBeGreaterThanOrEqual(9);
    const [first] = await server.adminOrm.em
      .fork()
      .execute<{ prev_hash: string }[]>('select prev_hash from audit_record order by id limit 1');
    expect(first?.prev_hash).toBe(GENESIS_HASH);
  });

  it('verifies across pages as in one', async () => {
    expect(await verifyAuditChain(server.adminOrm.em.fork(), 2)).toMatchObject({ ok: true });
  });

  it('reports a record edited with direct SQL as broken', async () => {
    const report = await inRolledBack(server, async (em) => {
      const ids = await recordIds(em);
      const target = ids[4]!;
      await em.execute(`update audit_record set after = jsonb_set(coalesce(after, '{}'), '{note}', '"改过的"') where id = ?`, [target]);
      return { target, report: await verifyAuditChain(em) };
    });
    expect(report.report).toMatchObject({ ok: false, brokenId: report.target });
    expect(report.report.ok || report.report.problem).toMatch(/altered/);
  });

  it('reports an edit whose hash was recomputed too, at the record after it', async () => {
    const report = await inRolledBack(server, async (em) => {
      const ids = await recordIds(em);
      await em.execute(`update audit_record set actor_name = '别人' where id = ?`, [ids[2]]);
      await em.execute(`update audit_record r set hash = kp_audit_hash(r.prev_hash, r) where id = ?`, [ids[2]]);
      return { next: ids[3], report: await verifyAuditChain(em) };
    });
    expect(report.report).toMatchObject({ ok: false, brokenId: report.next });
  });

  it('reports a record deleted in the middle, at the record after the gap', async () => {
    const report = await inRolledBack(server, async (em) => {
      const ids = await recordIds(em);
      await em.execute('delete from audit_record where id = ?', [ids[3]]);
      return { next: ids[4], before: ids[2], report: await verifyAuditChain(em) };
    });
    expect(report.report).toMatchObject({ ok: false, brokenId: report.next });
    expect(report.report.ok || report.report.problem).toContain(`record ${report.before}`);
  });

  it('reports the first record deleted, and the last one', async () => {
    const first = await inRolledBack(server, async (em) => {
      const ids = await recordIds(em);
      await em.execute('delete from audit_record where id = ?', [ids[0]]);
      return { second: ids[1], report: await verifyAuditChain(em) };
    });
    expect(first.report).toMatchObject({ ok: false, brokenId: first.second });
    const last = await inRolledBack(server, async (em) => {
      const ids = await recordIds(em);
      await em.execute('delete from audit_record where id = ?', [ids.at(-1)]);
      return { last: ids.at(-1), report: await verifyAuditChain(em) };
    });
    expect(last.report).toMatchObject({ ok: false, brokenId: last.last });
  });

  it('keeps one chain under concurrent writers', async () => {
    const project = await createProject(server, { code: null });
    const before = await verifyAuditChain(server.adminOrm.em.fork());
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => server.gql(ADD, { input: { projectId: project.id, title: `节点${i}`, dueOn: '2026-12-31' } })),
    );
    expect(results.every((r) => !r.errors)).toBe(true);
    const after = await verifyAuditChain(server.adminOrm.em.fork());
    expect(after).toMatchObject({ ok: true, count: before.count + 12 });
  });

  describe('as the application role', () => {
    let client: Client;
    beforeAll(async () => {
      client = new Client({ connectionString: server.orm.config.get('clientUrl') });
      await client.connect();
    });
    afterAll(() => client.end());

    /** One statement as kp_app in a transaction scoped like a request's, rolled back. */
    async function asApp(sql: string): Promise<unknown> {
      await client.query('begin');
      try {
        await client.query(
          `select set_config('role', 'kp_app', true), set_config('kp.read_root', '371400', true), set_config('kp.subject', $1, true)`,
          [TOWN_OFFICER.subject],
        );
        return await client.query(sql);
      } finally {
        await client.query('rollback');
      }
    }

    it('writes nothing to the trail when the statement that wrote the row is rolled back', async () => {
      const [project] = await server.adminOrm.em.fork().execute<{ id: string }[]>('select id from project limit 1');
      const before = await verifyAuditChain(server.adminOrm.em.fork());
      await client.query('begin');
      try {
        await client.query(
          `select set_config('role', 'kp_app', true), set_config('kp.read_root', '371400', true), set_config('kp.subject', $1, true)`,
          [TOWN_OFFICER.subject],
        );
        await client.query('savepoint mutation');
        await client.query(
          `insert into milestone (id, project_id, title, due_on) values (gen_random_uuid(), $1, '撤销的节点', '2026-12-31')`,
          [project!.id],
        );
        const written = await client.query(
          `select count(*)::int as n from audit_record where entity = 'Milestone' and after ->> 'title' = '撤销的节点'`,
        );
        expect(written.rows[0].n).toBe(1);
        await expect(
          client.query(`insert into milestone (id, project_id, title, due_on) values (gen_random_uuid(), $1, null, '2026-12-31')`, [
            project!.id,
          ]),
        ).rejects.toMatchObject({ code: '23502' });
        await client.query('rollback to savepoint mutation');
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
      expect(await verifyAuditChain(server.adminOrm.em.fork())).toEqual(before);
    });

    it('reads audit records within its scope', async () => {
      const result = (await asApp('select count(*)::int as n from audit_record')) as { rows: { n: number }[] };
      expect(result.rows[0]!.n).toBeGreaterThan(0);
    });

    it.each([
      ['update', `update audit_record set actor_name = 'x'`],
      ['delete', 'delete from audit_record'],
      ['truncate', 'truncate audit_record'],
      [
        'insert',
        `insert into audit_record (actor_subject, entity, entity_id, operation, prev_hash, hash) values ('x', 'Project', 'x', 'CREATE', '', '')`,
      ],
      ['move the chain head', `update audit_chain_head set last_id = 0`],
    ])('is denied permission to %s', async (_what, sql) => {
      await expect(asApp(sql)).rejects.toMatchObject({ code: '42501' });
    });
  });

  describe('one chain per tenant acting', () => {
    beforeAll(async () => {
      await createProject(server, { code: null, ownerTenantCode: XINHUA }, XINHUA_OFFICER);
    });

    it("appends each viewer's records to the chain of the tenant they act from, each chain from the start", async () => {
      const chains = await server.adminOrm.em.fork().execute<{ chain: string; first: string; actors: string[] }[]>(
        `select chain, (array_agg(prev_hash order by id))[1] as first, array_agg(distinct actor_tenant_code) as actors
             from audit_record group by chain order by chain`,
      );
      expect(chains).toEqual([
        { chain: XINHU, first: GENESIS_HASH, actors: [XINHU] },
        { chain: XINHUA, first: GENESIS_HASH, actors: [XINHUA] },
      ]);
      expect(await verifyAuditChain(server.adminOrm.em.fork())).toMatchObject({ ok: true, chains: 2 });
    });

    it("lets a town write while another town's chain is held", async () => {
      const holder = new Client({ connectionString: server.adminOrm.config.get('clientUrl') });
      await holder.connect();
      try {
        await holder.query('begin');
        await holder.query('select 1 from audit_chain_head where chain = $1 for update', [XINHU]);
        const created = await createProject(server, { code: null, ownerTenantCode: XINHUA }, XINHUA_OFFICER);
        expect(created.id).toBeDefined();
      } finally {
        await holder.query('rollback');
        await holder.end();
      }
    });

    it.each([
      [
        'the last record of one chain is removed',
        `delete from audit_record where id = (select max(id) from audit_record where chain = '${XINHUA}')`,
      ],
      ['a chain is removed but its head', `delete from audit_record where chain = '${XINHUA}'`],
      ['a chain head is removed', `delete from audit_chain_head where chain = '${XINHUA}'`],
      [
        'a record is moved to another chain',
        `update audit_record set chain = '${XINHU}' where id = (select max(id) from audit_record where chain = '${XINHUA}')`,
      ],
    ])('reports a broken trail when %s', async (_what, sql) => {
      const report = await inRolledBack(server, async (em) => {
        await em.execute(sql);
        return verifyAuditChain(em);
      });
      expect(report).toMatchObject({ ok: false });
    });

    it('changes the heads digest when a chain grows', async () => {
      const before = await verifyAuditChain(server.adminOrm.em.fork());
      await createProject(server, { code: null, ownerTenantCode: XINHUA }, XINHUA_OFFICER);
      const after = await verifyAuditChain(server.adminOrm.em.fork());
      expect(after).toMatchObject({ ok: true, chains: 2 });
      expect(after.ok && before.ok && after.headHash !== before.headHash).toBe(true);
    });
  });
});
