import { CITY, CITY_LEADER, TOWN_OFFICER, XINHU, XINHUA, XINHUA_OFFICER } from '../../support/fixtures';
import { collect, TENANT_CHANGES as CHANGES, type TenantChange as Change, sleep } from '../../support/live';
import { startTestServer, type TestServer } from '../../support/test-server';
import { leadClient, ON, YEAR_END } from './attraction-support';

const ROLLUP = `subscription($tenant: String!, $period: Period!) {
  rollupChanged(tenantCode: $tenant, period: $period) { attraction { leadCount signedCount startedOfSignedCount fundsInPlaceWan } }
}`;

/**
 * A lead streams its own steps (LEAD_*, under its owner, with its id as `lead`; see the
 * LedgerAccountability migration), and once started, the key project it became streams as any project.
 */
describe('investment leads on a live city dashboard', () => {
  let server: TestServer;
  let leads: ReturnType<typeof leadClient>;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER);
    leads = leadClient(server);
  });
  afterAll(() => server.close());

  it("streams a town's lead step by step, then the key project it starts as, to a city dashboard and nothing to the neighbour town", async () => {
    const streams = server.liveStreams();
    const city = collect<Change>(server.wsClient(CITY_LEADER), CHANGES, { tenant: CITY }, (d) => d.projectChanged);
    const neighbour = collect<Change>(server.wsClient(XINHUA_OFFICER), CHANGES, { tenant: XINHUA }, (d) => d.projectChanged);
    await server.untilLiveStreams(streams + 2);

    const lead = await leads.signed({ name: '实时招商项目' }, '5000');
    const started = await leads.start(lead.id, { on: ON.started });
    await leads.funds(lead.id, '1200.3456', ON.firstFunds);
    const projectId = started.project.id as string;

    const fundsOf = (c: Change) => c.changes.some((f) => f.field === 'fundsInPlaceWan' && f.after === '1200.3456');
    const seen = async () => {
      for (let count = 1; ; count++) {
        const items = await city.until(count);
        const projectFunds = items.some((c) => c.kind.startsWith('PROJECT_') && fundsOf(c));
        const leadFunds = items.some((c) => c.kind.startsWith('LEAD_') && fundsOf(c));
        if (projectFunds && leadFunds) return items;
      }
    };
    const events = await seen();
    const leadEvents = events.filter((e) => e.kind.startsWith('LEAD_'));
    const projectEvents = events.filter((e) => !e.kind.startsWith('LEAD_'));
    // The lead's own steps: registered and advanced before any project exists, then started as one.
    expect(leadEvents[0]).toMatchObject({
      kind: 'LEAD_REGISTERED',
      tenantCode: XINHU,
      projectId: null,
      by: { subject: TOWN_OFFICER.subject },
    });
    expect(leadEvents.every((e) => e.changes.some((f) => f.field === 'lead' && f.after === lead.id))).toBe(true);
    const toStage = (stage: string) => leadEvents.find((e) => e.changes.some((f) => f.field === 'stage' && f.after === stage));
    expect(toStage('CONTRACT_SIGNED')).toMatchObject({ kind: 'LEAD_ADVANCED', projectId: null });
    expect(toStage('STARTED')).toMatchObject({ kind: 'LEAD_ADVANCED', projectId });
    // The project it became: created with the lead's data, then its funds.
    expect(projectEvents.every((e) => e.projectId === projectId)).toBe(true);
    expect(projectEvents[0]).toMatchObject({
      kind: 'PROJECT_CREATED',
      tenantCode: XINHU,
      projectId,
      by: { subject: TOWN_OFFICER.subject },
    });
    expect(projectEvents[0]!.changes).toContainEqual({ field: 'name', before: null, after: '实时招商项目' });
    expect(projectEvents[0]!.changes).toContainEqual({ field: 'totalInvestmentWan', before: null, after: '5000' });
    expect(projectEvents.at(-1)).toMatchObject({
      kind: 'PROJECT_UPDATED',
      projectId,
      changes: [{ field: 'fundsInPlaceWan', before: '0', after: '1200.3456' }],
    });
    await sleep(300);
    expect(neighbour.items).toEqual([]);
    expect(neighbour.errors).toEqual([]);
  });

  it("sends a city's rollup with its new attraction figures when a lead's start changes the city's projects", async () => {
    const streams = server.liveStreams();
    const rollup = collect<{ leadCount: number; signedCount: number; startedOfSignedCount: number; fundsInPlaceWan: string }>(
      server.wsClient(CITY_LEADER),
      ROLLUP,
      { tenant: CITY, period: YEAR_END },
      (d) => d.rollupChanged.attraction,
    );
    await server.untilLiveStreams(streams + 1);
    const [first] = await rollup.until(1);
    const lead = await leads.signed({ name: '实时汇总招商项目' }, '900');
    await leads.start(lead.id, { on: ON.started });
    for (let count = 2; ; count++) {
      const items = await rollup.until(count);
      if (items.at(-1)!.startedOfSignedCount === first!.startedOfSignedCount + 1) break;
    }
    expect(rollup.items.at(-1)).toMatchObject({ leadCount: first!.leadCount + 1, signedCount: first!.signedCount + 1 });
    expect(rollup.errors).toEqual([]);
  });
});
