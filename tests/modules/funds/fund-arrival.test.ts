import { adHocUser } from '../../../src/auth/dev-realm';
import { Role } from '../../../src/auth/roles';
import { COUNTY_LEADER, countRows, createProject, DECHENG, TOWN_OFFICER, XINHU, XINHUA_OFFICER } from '../../support/fixtures';
import { collect, TENANT_CHANGES, type TenantChange } from '../../support/live';
import { startTestServer, type TestServer } from '../../support/test-server';
import { leadClient, ON } from '../attraction/attraction-support';

const RECORD = `mutation($input: RecordFundArrivalInput!) { recordFundArrival(input: $input) {
  id arrivedOn amountWan note recordedBySubject recordedByName project { id fundsInPlaceWan } lead { id } } }`;
const REMOVE = `mutation($id: ID!) { removeFundArrival(id: $id) { id fundsInPlaceWan fundArrivals { id } } }`;
const FUNDS = 'fundsInPlaceWan fundsArrivedThisYearWan';

/** Funds in place (到位资金) as dated arrivals: what arrived when, and the figures of a period counting it. */
describe('funds in place by date: each arrival (到位资金)', () => {
  let server: TestServer;
  const leads = () => leadClient(server);

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER);
  });
  afterAll(() => server.close());

  const record = (projectId: string, amountWan: string, arrivedOn?: string, as = TOWN_OFFICER) =>
    server.gql(RECORD, { input: { projectId, amountWan, arrivedOn, note: '地方政府专项债券' } }, as);
  const recorded = async (projectId: string, amountWan: string, arrivedOn: string) => {
    const result = await record(projectId, amountWan, arrivedOn);
    expect(result.errors).toBeUndefined();
    return result.data!.recordFundArrival as { id: string; project: { fundsInPlaceWan: string } };
  };
  const figures = async (tenantCode: string, period: string) =>
    (
      await server.gql(
        `{ rollup(tenantCode: "${tenantCode}", period: "${period}") { ${FUNDS} byCategory { category ${FUNDS} } } }`,
        {},
        COUNTY_LEADER,
      )
    ).data!.rollup;

  it("counts each arrival in the month it arrived: this year's arrivals (本年到位资金) and the total to date at the end of the period", async () => {
    const town = '371402009';
    const officer = adHocUser({ subject: 'yunhe-officer', name: '运河街道干部', tenantCode: town, roles: [Role.TOWN_OFFICER] });
    const project = await createProject(
      server,
      { code: null, ownerTenantCode: town, category: 'URBAN_CONSTRUCTION', totalInvestmentWan: '5000', annualPlans: [] },
      officer,
    );
    for (const [amount, on] of [
      ['200', '2025-11-10'],
      ['300.0001', '2026-03-05'],
      ['50', '2026-10-31'],
    ] as const) {
      expect((await record(project.id, amount, on, officer)).errors).toBeUndefined();
    }
    expect(await figures(town, '2025-12')).toMatchObject({ fundsInPlaceWan: '200', fundsArrivedThisYearWan: '200' });
    expect(await figures(town, '2026-09')).toMatchObject({ fundsInPlaceWan: '500.0001', fundsArrivedThisYearWan: '300.0001' });
    const october = await figures(town, '2026-10');
    expect(october).toMatchObject({ fundsInPlaceWan: '550.0001', fundsArrivedThisYearWan: '350.0001' });
    expect(october.byCategory.find((c: { category: string }) => c.category === 'URBAN_CONSTRUCTION')).toMatchObject({
      fundsInPlaceWan: '550.0001',
      fundsArrivedThisYearWan: '350.0001',
    });
    // The county's figures hold the town's, and the project's total is the sum of its arrivals.
    expect((await figures(DECHENG, '2026-10')).fundsArrivedThisYearWan).toBe('350.0001');
    const read = await server.gql(
      'query($id: ID!) { project(id: $id) { fundsInPlaceWan fundArrivals { arrivedOn amountWan } } }',
      { id: project.id },
      officer,
    );
    expect(read.data!.project).toEqual({
      fundsInPlaceWan: '550.0001',
      fundArrivals: [
        { arrivedOn: '2025-11-10', amountWan: '200' },
        { arrivedOn: '2026-03-05', amountWan: '300.0001' },
        { arrivedOn: '2026-10-31', amountWan: '50' },
      ],
    });
  });

  it('records an arrival in the audit trail and as a live event, and the project total with it', async () => {
    const project = await createProject(server, { code: null, totalInvestmentWan: '9000', annualPlans: [] });
    const streams = server.liveStreams();
    const live = collect<TenantChange>(server.wsClient(COUNTY_LEADER), TENANT_CHANGES, { tenant: DECHENG }, (d) => d.projectChanged);
    await server.untilLiveStreams(streams + 1);
    const arrival = await recorded(project.id, '1200.5', '2026-06-18');
    expect(arrival).toMatchObject({ project: { fundsInPlaceWan: '1200.5' } });

    // A stream opened right after the project was created may get its creation too: skip it.
    const events = await live.untilOwn((e) => e.projectId === project.id && e.kind !== 'PROJECT_CREATED', 2);
    expect(events[0]).toMatchObject({ kind: 'FUNDS_ARRIVED', projectId: project.id, by: { subject: TOWN_OFFICER.subject } });
    expect(events[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'arrival', before: null, after: arrival.id },
        { field: 'arrivedOn', before: null, after: '2026-06-18' },
        { field: 'amountWan', before: null, after: '1200.5' },
      ]),
    );
    expect(events[1]).toMatchObject({
      kind: 'PROJECT_UPDATED',
      projectId: project.id,
      changes: [{ field: 'fundsInPlaceWan', before: '0', after: '1200.5' }],
    });

    const trail = await server.gql(
      `{ auditTrail(entity: FUND_ARRIVAL, id: "${arrival.id}") { nodes { operation actedBySubject changes { field after } } } }`,
    );
    expect(trail.errors).toBeUndefined();
    expect(trail.data!.auditTrail.nodes).toEqual([
      expect.objectContaining({
        operation: 'CREATE',
        actedBySubject: TOWN_OFFICER.subject,
        changes: expect.arrayContaining([
          { field: 'amountWan', after: '1200.5' },
          { field: 'project', after: project.id },
        ]),
      }),
    ]);
  });

  it('refuses a bad arrival with BAD_USER_INPUT naming the field, and changes nothing', async () => {
    const project = await createProject(server, { code: null, totalInvestmentWan: '1000', annualPlans: [] });
    await recorded(project.id, '900', '2026-05-01');
    const before = await countRows(server, 'fund_arrival');
    for (const [amount, on, field] of [
      ['0', '2026-05-01', 'input.amountWan'],
      ['100.0001', '2026-05-01', 'input.amountWan'],
      ['10', '2099-01-01', 'input.arrivedOn'],
    ] as const) {
      const result = await record(project.id, amount, on);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await countRows(server, 'fund_arrival')).toBe(before);
    const read = await server.gql('query($id: ID!) { project(id: $id) { fundsInPlaceWan } }', { id: project.id });
    expect(read.data!.project.fundsInPlaceWan).toBe('900');
  });

  it("answers NOT_FOUND to another town's officer and FORBIDDEN to a reader who may not act on the project", async () => {
    const project = await createProject(server, { code: null });
    expect((await record(project.id, '10', '2026-05-01', XINHUA_OFFICER)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect((await record(project.id, '10', '2026-05-01', COUNTY_LEADER)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const arrival = await recorded(project.id, '10', '2026-05-01');
    expect((await server.gql(REMOVE, { id: arrival.id }, XINHUA_OFFICER)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect((await server.gql(REMOVE, { id: 'no-such-arrival' })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('takes back a wrong arrival: the total and the figures drop, the trail keeps it', async () => {
    const town = '371402100';
    const officer = adHocUser({ subject: 'ertun-officer', name: '二屯镇干部', tenantCode: town, roles: [Role.TOWN_OFFICER] });
    const project = await createProject(server, { code: null, ownerTenantCode: town }, officer);
    const kept = await record(project.id, '70', '2026-04-01', officer);
    const wrong = await record(project.id, '7000', '2026-04-02', officer);
    expect(await figures(town, '2026-10')).toMatchObject({ fundsInPlaceWan: '7070' });
    const removed = await server.gql(REMOVE, { id: wrong.data!.recordFundArrival.id }, officer);
    expect(removed.errors).toBeUndefined();
    expect(removed.data!.removeFundArrival).toMatchObject({
      fundsInPlaceWan: '70',
      fundArrivals: [{ id: kept.data!.recordFundArrival.id }],
    });
    expect(await figures(town, '2026-10')).toMatchObject({ fundsInPlaceWan: '70', fundsArrivedThisYearWan: '70' });
    const trail = await server.gql(
      `{ auditTrail(entity: FUND_ARRIVAL, id: "${wrong.data!.recordFundArrival.id}") { nodes { operation } } }`,
      {},
      officer,
    );
    expect(trail.data!.auditTrail.nodes).toEqual([{ operation: 'CREATE' }, { operation: 'DELETE' }]);
  });

  it('records funds in place given at registration or raised with updateProject as arrivals dated that day, and refuses a lower total', async () => {
    const project = await createProject(server, { code: null, fundsInPlaceWan: '300' });
    const raised = await server.gql(
      'mutation($input: UpdateProjectInput!) { updateProject(input: $input) { fundsInPlaceWan fundArrivals { amountWan arrivedOn } } }',
      {
        input: { id: project.id, fundsInPlaceWan: '450.5' },
      },
    );
    expect(raised.errors).toBeUndefined();
    const today = raised.data!.updateProject.fundArrivals[0].arrivedOn;
    expect(raised.data!.updateProject).toEqual({
      fundsInPlaceWan: '450.5',
      fundArrivals: [
        { amountWan: '300', arrivedOn: today },
        { amountWan: '150.5', arrivedOn: today },
      ],
    });
    const lower = await server.gql('mutation($input: UpdateProjectInput!) { updateProject(input: $input) { fundsInPlaceWan } }', {
      input: { id: project.id, fundsInPlaceWan: '100' },
    });
    expect(lower.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fundsInPlaceWan' });
  });

  it("counts a lead's funds by the day they arrived in the attraction figures, from the same arrivals as its project's", async () => {
    const client = leads();
    const signed = await client.signed({ name: '到位资金测试线索', ownerTenantCode: XINHU }, '10000');
    await client.start(signed.id, { on: ON.started });
    const some = await client.funds(signed.id, '4000.25', ON.firstFunds);
    const all = await client.funds(signed.id, '10000', ON.allFunds);
    expect(all.project.fundsInPlaceWan).toBe('10000');
    const arrivals = await server.gql('query($id: ID!) { project(id: $id) { fundArrivals { arrivedOn amountWan lead { id } } } }', {
      id: some.project.id,
    });
    expect(arrivals.data!.project.fundArrivals).toEqual([
      { arrivedOn: ON.firstFunds, amountWan: '4000.25', lead: { id: signed.id } },
      { arrivedOn: ON.allFunds, amountWan: '5999.75', lead: { id: signed.id } },
    ]);
    const attraction = async (period: string) =>
      (
        await server.gql(
          `{ rollup(tenantCode: "${XINHU}", period: "${period}") { attraction { fundsInPlaceWan fundsArrivedThisYearWan } } }`,
        )
      ).data!.rollup.attraction;
    expect(await attraction('2026-09')).toEqual({ fundsInPlaceWan: '4000.25', fundsArrivedThisYearWan: '4000.25' });
    expect(await attraction('2026-10')).toEqual({ fundsInPlaceWan: '10000', fundsArrivedThisYearWan: '10000' });
    expect(await attraction('2025-12')).toEqual({ fundsInPlaceWan: '0', fundsArrivedThisYearWan: '0' });

    const [leadArrival] = await server.adminOrm.em
      .fork()
      .execute<{ id: string }[]>('select id::text as id from fund_arrival where lead_id = ? limit 1', [signed.id]);
    const refused = await server.gql(REMOVE, { id: leadArrival!.id });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
  });
});
