import { CITY, countRows, COUNTY_LEADER, DECHENG, NINGJIN, TOWN_OFFICER, XINHU, XINHUA_OFFICER } from '../../support/fixtures';
import { collect, TENANT_CHANGES, type TenantChange } from '../../support/live';
import { startTestServer, type TestServer } from '../../support/test-server';

const FIELDS = `id name category estimatedInvestmentWan intendedYear maturity promotingUnit pooledOn status closedOn
  promotedYear dropReason version owner { code } project { id name stage owner { code } annualPlans { year plannedInvestmentWan } }`;
const POOL = `mutation($input: PoolReserveProjectInput!) { poolReserveProject(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($input: UpdateReserveProjectInput!) { updateReserveProject(input: $input) { ${FIELDS} } }`;
const PROMOTE = `mutation($input: PromoteReserveProjectInput!) { promoteReserveProject(input: $input) { ${FIELDS} } }`;
const DROP = `mutation($input: DropReserveProjectInput!) { dropReserveProject(input: $input) { ${FIELDS} } }`;
const READ = `query($id: ID!) { reserveProject(id: $id) { ${FIELDS} } }`;
const POOL_FIGURES = `query($code: String!, $period: Period!) { rollup(tenantCode: $code, period: $period) {
  reservePool { pooledCount pooledInvestmentWan byMaturity { maturity count estimatedInvestmentWan }
    yearPooledCount yearPromotedCount yearDroppedCount conversionRate } } }`;

const THIS_YEAR = 2026;
const PERIOD = '2026-11';

/** 储备库: a town pools a project, regrades it, promotes it into the year's list or drops it; the county's figures follow. */
describe('the reserve pool (储备库)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER);
  });
  afterAll(() => server.close());

  const input = (overrides: Record<string, unknown> = {}) => ({
    ownerTenantCode: XINHU,
    name: '新湖街道老旧小区改造二期工程',
    category: 'URBAN_CONSTRUCTION',
    estimatedInvestmentWan: '3200',
    intendedYear: THIS_YEAR + 1,
    maturity: 'CONCEPT',
    promotingUnit: '新湖街道办事处',
    pooledOn: '2026-03-02',
    ...overrides,
  });
  const pool = async (overrides: Record<string, unknown> = {}) => {
    const result = await server.gql(POOL, { input: input(overrides) });
    expect(result.errors).toBeUndefined();
    return result.data!.poolReserveProject as Record<string, any>;
  };
  const read = async (id: string) => (await server.gql(READ, { id })).data!.reserveProject;
  const figures = async (code = DECHENG) => {
    const result = await server.gql(POOL_FIGURES, { code, period: PERIOD }, COUNTY_LEADER);
    expect(result.errors).toBeUndefined();
    return result.data!.rollup.reservePool;
  };

  it('pools, regrades and promotes a project: the key project is registered from it with the year’s plan, both linked', async () => {
    const before = await figures();
    const entry = await pool();
    expect(entry).toMatchObject({ status: 'POOLED', maturity: 'CONCEPT', owner: { code: XINHU }, version: 1, project: null });
    const afterPooling = await figures();
    expect(afterPooling.pooledCount).toBe(before.pooledCount + 1);
    expect(afterPooling.byMaturity.find((m: { maturity: string }) => m.maturity === 'CONCEPT').count).toBe(
      before.byMaturity.find((m: { maturity: string }) => m.maturity === 'CONCEPT').count + 1,
    );

    const regraded = await server.gql(UPDATE, { input: { id: entry.id, version: 1, maturity: 'READY_TO_START', intendedYear: THIS_YEAR } });
    expect(regraded.data!.updateReserveProject).toMatchObject({ maturity: 'READY_TO_START', intendedYear: THIS_YEAR, version: 2 });

    const promoted = await server.gql(PROMOTE, {
      input: { id: entry.id, version: 2, year: THIS_YEAR, plannedInvestmentWan: '1200', on: '2026-11-05' },
    });
    expect(promoted.errors).toBeUndefined();
    const done = promoted.data!.promoteReserveProject;
    expect(done).toMatchObject({
      status: 'PROMOTED',
      closedOn: '2026-11-05',
      promotedYear: THIS_YEAR,
      project: {
        name: '新湖街道老旧小区改造二期工程',
        stage: 'PREPARATORY',
        owner: { code: XINHU },
        annualPlans: [{ year: THIS_YEAR, plannedInvestmentWan: '1200' }],
      },
    });
    const back = await server.gql(`query($id: ID!) { project(id: $id) { reserveProject { id status pooledOn } } }`, {
      id: done.project.id,
    });
    expect(back.data!.project.reserveProject).toEqual({ id: entry.id, status: 'PROMOTED', pooledOn: '2026-03-02' });

    const afterPromotion = await figures();
    expect(afterPromotion).toMatchObject({
      pooledCount: before.pooledCount,
      yearPromotedCount: before.yearPromotedCount + 1,
      yearPooledCount: before.yearPooledCount + 1,
    });
    // Its history: pooled, regraded, promoted, each in the audit trail.
    const trail = await server.gql(
      `query($id: ID!) { auditTrail(entity: RESERVE_PROJECT, id: $id) { nodes { operation changes { field after } } } }`,
      { id: entry.id },
    );
    const changed = trail.data!.auditTrail.nodes.flatMap((n: { changes: { field: string }[] }) => n.changes.map((c) => c.field));
    expect(changed).toEqual(expect.arrayContaining(['maturity', 'status', 'closedOn', 'promotedYear']));
  });

  it('drops a project with the reason, and then refuses any change: CONFLICT', async () => {
    const entry = await pool({ name: '新湖街道农贸市场提升工程' });
    const empty = await server.gql(DROP, { input: { id: entry.id, reason: '  ' } });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    expect(empty.errors?.[0]?.message).toContain('出库原因');
    expect((await read(entry.id)).status).toBe('POOLED');

    const dropped = await server.gql(DROP, { input: { id: entry.id, reason: '规划调整，项目选址不符合国土空间规划', on: '2026-10-20' } });
    expect(dropped.data!.dropReserveProject).toMatchObject({ status: 'DROPPED', closedOn: '2026-10-20' });
    for (const [mutation, change] of [
      [UPDATE, { id: entry.id, maturity: 'READY_TO_START' }],
      [PROMOTE, { id: entry.id, year: THIS_YEAR, plannedInvestmentWan: '100' }],
      [DROP, { id: entry.id, reason: '再次出库' }],
    ] as const) {
      const refused = await server.gql(mutation, { input: change });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
    }
  });

  it.each([
    ['no estimate', { estimatedInvestmentWan: '0' }, 'input.estimatedInvestmentWan'],
    ['a past year', { intendedYear: 2025 }, 'input.intendedYear'],
    ['a year out of reach', { intendedYear: 2300 }, 'input.intendedYear'],
    ['an empty name', { name: ' ' }, 'input.name'],
    ['a day to come', { pooledOn: '2099-01-01' }, 'input.pooledOn'],
    ['an unknown tenant', { ownerTenantCode: '999999' }, 'input.ownerTenantCode'],
  ])('refuses %s when pooling: BAD_USER_INPUT on the field, nothing pooled', async (_what, change, field) => {
    const count = await countRows(server, 'reserve_project');
    const result = await server.gql(POOL, { input: input(change) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0]?.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await countRows(server, 'reserve_project')).toBe(count);
  });

  it.each([
    ['a year neither this nor the next', { year: 2030, plannedInvestmentWan: '100' }, 'input.year'],
    ['a plan above the total', { year: THIS_YEAR, plannedInvestmentWan: '9999' }, 'input.plannedInvestmentWan'],
    ['a day before the pooling', { year: THIS_YEAR, plannedInvestmentWan: '100', on: '2026-01-01' }, 'input.on'],
  ])('refuses a promotion with %s, naming the field, and registers nothing', async (_what, change, field) => {
    const entry = await pool({ name: `新湖街道储备项目${Math.random()}`.slice(0, 40) });
    const projects = await countRows(server, 'project');
    const result = await server.gql(PROMOTE, { input: { id: entry.id, ...change } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await countRows(server, 'project')).toBe(projects);
    expect(await read(entry.id)).toMatchObject({ status: 'POOLED', version: 1, project: null });
  });

  it('refuses an outdated version: CONFLICT, nothing changed', async () => {
    const entry = await pool({ name: '新湖街道口袋公园建设项目' });
    await server.gql(UPDATE, { input: { id: entry.id, maturity: 'FEASIBILITY_DONE' } });
    const stale = await server.gql(UPDATE, { input: { id: entry.id, version: 1, maturity: 'READY_TO_START' } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    expect((await read(entry.id)).maturity).toBe('FEASIBILITY_DONE');
  });

  it('keeps a pool to its tenant’s subtree: another town reads nothing, the county reads but does not write', async () => {
    const entry = await pool({ name: '新湖街道社区卫生服务中心项目' });
    const other = await server.gql(READ, { id: entry.id }, XINHUA_OFFICER);
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const otherWrite = await server.gql(UPDATE, { input: { id: entry.id, maturity: 'READY_TO_START' } }, XINHUA_OFFICER);
    expect(otherWrite.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const list = await server.gql(
      `{ reserveProjects(tenantCode: "${DECHENG}", statuses: [POOLED], first: 200) { totalCount nodes { id } } }`,
      {},
      COUNTY_LEADER,
    );
    expect(list.data!.reserveProjects.nodes.map((n: { id: string }) => n.id)).toContain(entry.id);
    const countyWrite = await server.gql(UPDATE, { input: { id: entry.id, maturity: 'READY_TO_START' } }, COUNTY_LEADER);
    expect(countyWrite.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const outOfReach = await server.gql(POOL_FIGURES, { code: NINGJIN, period: PERIOD }, COUNTY_LEADER);
    expect(outOfReach.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });

    // In the database too (row-level security), whatever the query.
    const em = server.orm.em.fork();
    const countAs = (root: string) =>
      em.transactional(async (tx) => {
        await tx.execute(`select set_config('kp.read_root', ?, true), set_config('kp.subject', ?, true)`, [root, 'nobody']);
        return (await tx.execute<{ n: number }[]>('select count(*)::int as n from reserve_project where id = ?', [entry.id]))[0]!.n;
      });
    expect(await countAs(`${CITY}.${DECHENG}.${XINHU}`)).toBe(1);
    expect(await countAs(`${CITY}.${NINGJIN}`)).toBe(0);
  });

  it('says who may work a pool (viewerManagesReserve): the tenant’s own officers, not the county above nor another town', async () => {
    const ask = `{ tenant(code: "${XINHU}") { viewerManagesReserve } }`;
    expect((await server.gql(ask)).data!.tenant.viewerManagesReserve).toBe(true);
    expect((await server.gql(ask, {}, COUNTY_LEADER)).data!.tenant.viewerManagesReserve).toBe(false);
    expect((await server.gql(`{ tenant(code: "${DECHENG}") { viewerManagesReserve } }`, {}, COUNTY_LEADER)).data!.tenant).toEqual({
      viewerManagesReserve: true,
    });
    const other = await server.gql(ask, {}, XINHUA_OFFICER);
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('filters the list by category (项目类别)', async () => {
    const entry = await pool({ name: '新湖街道社区养老服务中心', category: 'SOCIAL_UNDERTAKING' });
    const list = (categories: string[]) =>
      server.gql(
        `query($c: [ProjectCategory!]) { reserveProjects(tenantCode: "${XINHU}", categories: $c, first: 200) { nodes { id category } } }`,
        {
          c: categories,
        },
      );
    const social = (await list(['SOCIAL_UNDERTAKING'])).data!.reserveProjects.nodes;
    expect(social.map((n: { id: string }) => n.id)).toContain(entry.id);
    expect(new Set(social.map((n: { category: string }) => n.category))).toEqual(new Set(['SOCIAL_UNDERTAKING']));
    const other = (await list(['URBAN_CONSTRUCTION'])).data!.reserveProjects.nodes;
    expect(other.map((n: { id: string }) => n.id)).not.toContain(entry.id);
    const bad = await list(['FARMING']);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('sends the pool’s moves as live events under the town', async () => {
    const streams = server.liveStreams();
    const live = collect<TenantChange>(server.wsClient(COUNTY_LEADER), TENANT_CHANGES, { tenant: XINHU }, (d) => d.projectChanged);
    await server.untilLiveStreams(streams + 1);
    const entry = await pool({ name: '新湖街道智慧停车场项目' });
    await server.gql(UPDATE, { input: { id: entry.id, maturity: 'FEASIBILITY_DONE' } });
    const received = await live.untilOwn((e) => e.changes.some((c) => c.field === 'reserve' && c.after === entry.id), 2);
    live.stop();
    expect(received.map((e) => e.kind)).toEqual(['RESERVE_POOLED', 'RESERVE_CHANGED']);
    expect(received[1]!.changes).toEqual(expect.arrayContaining([{ field: 'maturity', before: 'CONCEPT', after: 'FEASIBILITY_DONE' }]));
  });
});
