import { Client } from 'pg';
import { compactRollups, ROLLUP_SLOTS } from '../../../src/modules/rollup/rollup.jobs';
import { CITY, CITY_LEADER, createProject, XINHUA, XINHUA_OFFICER } from '../../support/fixtures';
import { startTestServer, type TestServer } from '../../support/test-server';

const CITY_FIGURES = `{ rollup(tenantCode: "${CITY}", period: "2026-10") { projectCount annualPlanWan totalInvestmentWan } }`;

describe('rollup slots', () => {
  let server: TestServer;
  const owners: Client[] = [];

  /** An owner's connection of its own: a connection keeps its slot. */
  async function connection(): Promise<Client> {
    const client = new Client({ connectionString: server.adminOrm.config.get('clientUrl') });
    await client.connect();
    owners.push(client);
    return client;
  }
  const slotOf = async (client: Client) => (await client.query<{ slot: number }>('select kp_rollup_slot() as slot')).rows[0]!.slot;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants');
  });
  afterAll(async () => {
    for (const client of owners) await client.end();
    await server.close();
  });

  it('deals each connection a slot of its own (1-16) and keeps it', async () => {
    const [a, b] = [await connection(), await connection()];
    const slotA = await slotOf(a);
    expect(slotA).toBeGreaterThanOrEqual(1);
    expect(slotA).toBeLessThanOrEqual(16);
    expect(await slotOf(a)).toBe(slotA);
    expect(await slotOf(b)).not.toBe(slotA);
  });

  it('deals exactly the slots the compaction job folds: no slot is left unfolded, none folded in vain', async () => {
    const dealt = new Set<number>();
    for (let i = 0; i <= ROLLUP_SLOTS; i += 1) dealt.add(await slotOf(await connection()));
    expect([...dealt].sort((a, b) => a - b)).toEqual(Array.from({ length: ROLLUP_SLOTS }, (_, i) => i + 1));
  });

  it('reads the sum over the slots concurrent writers added to, and the same after compaction', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createProject(server, { code: null, name: `分槽项目${i}`, ownerTenantCode: XINHUA }, XINHUA_OFFICER),
      ),
    );
    const [spread] = await server.adminOrm.em
      .fork()
      .execute<{ slots: number; projects: number }[]>(
        `select count(distinct slot)::int as slots, sum(project_count)::int as projects from rollup_project where tenant_code = ?`,
        [CITY],
      );
    expect(spread!.projects).toBe(8);
    expect(spread!.slots).toBeGreaterThan(1);
    const before = await server.gql(CITY_FIGURES, {}, CITY_LEADER);
    expect(before.data?.rollup.projectCount).toBe(8);

    await compactRollups.run(server.adminOrm.em.fork());
    const [folded] = await server.adminOrm.em
      .fork()
      .execute<{ slots: number[] }[]>(`select array_agg(distinct slot) as slots from rollup_project where tenant_code = ?`, [CITY]);
    expect(folded!.slots).toEqual([0]);
    expect(await server.gql(CITY_FIGURES, {}, CITY_LEADER)).toEqual(before);
  });

  it('skips a slot while a transaction writes to it, without waiting', async () => {
    const writer = await connection();
    const compactor = await connection();
    // Something (zero sums, figures unchanged) committed in the writer's slot: folding it would count.
    const slot = await slotOf(writer);
    await writer.query(
      `insert into rollup_milestone (tenant_code, located, day, due_count, settled_count, slot) values ($1, false, '2026-10-01', 0, 0, $2)`,
      [CITY, slot],
    );
    await writer.query('begin');
    try {
      await slotOf(writer); // as a writer's first rollup write does: its slot's lock, until the transaction ends
      const started = Date.now();
      const folded = await compactor.query<{ n: number }>('select kp_compact_rollup_slot($1::smallint) as n', [slot]);
      expect(folded.rows[0]!.n).toBe(0);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await writer.query('rollback');
    }
  });
});
