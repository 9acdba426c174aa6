import {
  CITY,
  CITY_LEADER,
  COUNTY_LEADER,
  createProject,
  DECHENG,
  TOWN_OFFICER,
  XINHU,
  XINHUA,
  XINHUA_OFFICER,
} from '../../support/fixtures';
import { collect, TENANT_CHANGES as CHANGES, type TenantChange as Change, sleep } from '../../support/live';
import { startTestServer, type TestServer } from '../../support/test-server';

describe('blocker events over graphql-ws', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER);
  });
  afterAll(() => server.close());

  async function ok(query: string, input: Record<string, unknown>, as = TOWN_OFFICER) {
    const result = await server.gql<Record<string, { id: string }>>(query, { input }, as);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return Object.values(result.data!)[0]!;
  }

  it('streams a town blocker escalated to the city to a city dashboard, step by step, and nothing to the neighbour town', async () => {
    const streams = server.liveStreams();
    const city = collect<Change>(server.wsClient(CITY_LEADER), CHANGES, { tenant: CITY }, (d) => d.projectChanged);
    const neighbour = collect<Change>(server.wsClient(XINHUA_OFFICER), CHANGES, { tenant: XINHUA }, (d) => d.projectChanged);
    await server.untilLiveStreams(streams + 2);
    const project = await createProject(server, { code: null, annualPlans: [] });
    const blocker = await ok(`mutation($input: RaiseBlockerInput!) { raiseBlocker(input: $input) { id } }`, {
      projectId: project.id,
      type: 'LAND_ACQUISITION',
      description: '征地拆迁进度滞后',
      responsibleUnit: '新湖街道办事处',
      deadlineOn: '2099-06-30',
    });
    const escalate = `mutation($input: EscalateBlockerInput!) { escalateBlocker(input: $input) { id } }`;
    await ok(escalate, { id: blocker.id, reason: '需区级协调拆迁补偿' });
    await ok(escalate, { id: blocker.id, reason: '提请市领导协调' }, COUNTY_LEADER);
    await ok(
      `mutation($input: ResolveBlockerInput!) { resolveBlocker(input: $input) { id } }`,
      { id: blocker.id, feedback: '市里协调完成' },
      CITY_LEADER,
    );
    await ok(`mutation($input: BlockerStepInput!) { closeBlocker(input: $input) { id } }`, { id: blocker.id });

    const kinds = ['BLOCKER_RAISED', 'BLOCKER_ESCALATED', 'BLOCKER_ESCALATED', 'BLOCKER_RESOLVED', 'BLOCKER_CLOSED'];
    const events = await city.untilOwn((c) => c.kind.startsWith('BLOCKER_') && c.projectId === project.id, kinds.length);
    expect(events.map((e) => e.kind)).toEqual(kinds);
    const [raised, toCounty, toCity] = events;
    expect(raised).toMatchObject({ tenantCode: XINHU, projectId: project.id, by: { subject: TOWN_OFFICER.subject } });
    expect(raised!.changes).toContainEqual({ field: 'blocker', before: null, after: blocker.id });
    expect(raised!.changes).toContainEqual({ field: 'raisedBySubject', before: null, after: TOWN_OFFICER.subject });
    // The level escalated to under the blocker's own field (`escalatedTo`), valued by its division code.
    expect(toCounty!.changes).toContainEqual({ field: 'escalatedTo', before: null, after: DECHENG });
    expect(toCity).toMatchObject({ tenantCode: XINHU, by: { subject: COUNTY_LEADER.subject } });
    expect(toCity!.changes).toContainEqual({ field: 'escalatedTo', before: DECHENG, after: CITY });
    expect(toCity!.changes).toContainEqual({ field: 'escalationReason', before: '需区级协调拆迁补偿', after: '提请市领导协调' });
    await sleep(300);
    expect(neighbour.items).toEqual([]);
    expect(neighbour.errors).toEqual([]);
  });
});
