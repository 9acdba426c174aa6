import { chinaDate } from '../../../src/calendar/period';
import {
  backdateBlockerDeadline,
  CITY,
  CITY_LEADER,
  COUNTY_LEADER,
  countRows,
  createProject,
  DECHENG,
  PROJECT_LEADER,
  TOWN_OFFICER,
  XINHUA_OFFICER,
} from '../../support/fixtures';
import { startTestServer, type Caller, type TestServer } from '../../support/test-server';

const FIELDS = `id type description responsibleUnit deadlineOn status version isOpen isOverdue isEscalated
  escalationReason resolution raisedBy raisedByName escalatedTo { code } handledBy { code }
  history { seq kind actorName note fromTenantCode toTenantCode statusAfter }`;
const RAISE = `mutation($input: RaiseBlockerInput!) { raiseBlocker(input: $input) { ${FIELDS} } }`;
const START = `mutation($input: BlockerStepInput!) { startBlocker(input: $input) { ${FIELDS} } }`;
const ESCALATE = `mutation($input: EscalateBlockerInput!) { escalateBlocker(input: $input) { ${FIELDS} } }`;
const RESOLVE = `mutation($input: ResolveBlockerInput!) { resolveBlocker(input: $input) { ${FIELDS} } }`;
const CLOSE = `mutation($input: BlockerStepInput!) { closeBlocker(input: $input) { ${FIELDS} } }`;
const REOPEN = `mutation($input: ReopenBlockerInput!) { reopenBlocker(input: $input) { ${FIELDS} } }`;
const TODO = `query($filter: BlockerFilter) { blockers(filter: $filter) { totalCount nodes { id status handledBy { code } } } }`;

describe('the blocker ledger (问题台账)', () => {
  let server: TestServer;
  let projectId: string;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER);
    projectId = (await createProject(server, { code: null })).id;
  });
  afterAll(() => server.close());

  async function ok<T = any>(query: string, input: Record<string, unknown>, as: Caller = TOWN_OFFICER): Promise<T> {
    const result = await server.gql(query, { input }, as);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return Object.values(result.data!)[0] as T;
  }

  const raise = (overrides: Record<string, unknown> = {}, as: Caller = TOWN_OFFICER) =>
    ok(
      RAISE,
      {
        projectId,
        type: 'LAND',
        description: '项目用地指标未落实',
        responsibleUnit: '区自然资源局',
        deadlineOn: '2099-12-31',
        ...overrides,
      },
      as,
    );

  it('runs a blocker from raised through in progress and resolved to closed, recording every step', async () => {
    const raised = await raise();
    expect(raised).toMatchObject({
      status: 'OPEN',
      version: 1,
      isOpen: true,
      isEscalated: false,
      escalatedTo: null,
      raisedBy: TOWN_OFFICER.subject,
    });
    expect(raised.handledBy.code).toBe('371402001');
    const started = await ok(START, { id: raised.id, version: 1 });
    expect(started).toMatchObject({ status: 'IN_PROGRESS', version: 2 });
    const resolved = await ok(RESOLVE, { id: raised.id, feedback: '已调剂用地指标30亩' });
    expect(resolved).toMatchObject({ status: 'RESOLVED', resolution: '已调剂用地指标30亩', isOpen: false });
    const closed = await ok(CLOSE, { id: raised.id });
    expect(closed.status).toBe('CLOSED');
    expect(closed.history.map((e: { kind: string }) => e.kind)).toEqual(['RAISED', 'STARTED', 'RESOLVED', 'CLOSED']);
    expect(closed.history.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(closed.history[2]).toMatchObject({ note: '已调剂用地指标30亩', statusAfter: 'RESOLVED', actorName: TOWN_OFFICER.name });
  });

  it('reopens a resolution the raiser does not accept, with the reason in the history', async () => {
    const raised = await raise({ type: 'FUNDING' });
    await ok(RESOLVE, { id: raised.id, feedback: '已协调' });
    const reopened = await ok(REOPEN, { id: raised.id, reason: '资金仍未到位' });
    expect(reopened).toMatchObject({ status: 'OPEN', resolution: null, isOpen: true });
    expect(reopened.history.at(-1)).toMatchObject({ kind: 'REOPENED', note: '资金仍未到位', statusAfter: 'OPEN' });
  });

  it('escalates one level at a time, town → county → city, then answers CONFLICT and changes nothing', async () => {
    const raised = await raise({ type: 'APPROVALS' });
    const county = await ok(ESCALATE, { id: raised.id, reason: '需区级协调规划许可' });
    expect(county).toMatchObject({ isEscalated: true, escalatedTo: { code: DECHENG }, escalationReason: '需区级协调规划许可' });
    expect(county.history.at(-1)).toMatchObject({ kind: 'ESCALATED', fromTenantCode: '371402001', toTenantCode: DECHENG });
    // The county leader, now handling it, takes it up to the city.
    const city = await ok(ESCALATE, { id: raised.id, reason: '提请市领导协调' }, COUNTY_LEADER);
    expect(city).toMatchObject({ escalatedTo: { code: CITY }, handledBy: { code: CITY } });
    expect(city.history.at(-1)).toMatchObject({ fromTenantCode: DECHENG, toTenantCode: CITY, actorName: COUNTY_LEADER.name });

    const events = await countRows(server, 'blocker_event');
    const changes = await countRows(server, 'change_event');
    const beyond = await server.gql(ESCALATE, { input: { id: raised.id, reason: '再上报' } }, CITY_LEADER);
    expect(beyond.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
    expect(await countRows(server, 'blocker_event')).toBe(events);
    expect(await countRows(server, 'change_event')).toBe(changes);
  });

  it('puts an escalated blocker in the to-do list of the level it reached, and only there', async () => {
    const raised = await raise({ type: 'ENERGY_QUOTA' });
    const todo = (as: Caller) =>
      server
        .gql(TODO, { filter: { escalatedToMe: true, isOpen: true } }, as)
        .then((r) => r.data?.blockers.nodes.map((n: { id: string }) => n.id));
    await ok(ESCALATE, { id: raised.id, reason: '能耗指标需区统筹' });
    expect(await todo(COUNTY_LEADER)).toContain(raised.id);
    expect(await todo(CITY_LEADER)).not.toContain(raised.id);
    await ok(ESCALATE, { id: raised.id, reason: '能耗指标需市统筹' }, COUNTY_LEADER);
    expect(await todo(CITY_LEADER)).toContain(raised.id);
    expect(await todo(COUNTY_LEADER)).not.toContain(raised.id);
    // The city leader coordinates and resolves it; the county leader, no longer handling it, may not.
    const county = await server.gql(RESOLVE, { input: { id: raised.id, feedback: '区里解决' } }, COUNTY_LEADER);
    expect(county.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const resolved = await ok(RESOLVE, { id: raised.id, feedback: '市发改委调剂能耗指标' }, CITY_LEADER);
    expect(resolved.status).toBe('RESOLVED');
    expect(await todo(CITY_LEADER)).not.toContain(raised.id);
    // Only the raiser's side confirms it.
    const byCity = await server.gql(CLOSE, { input: { id: raised.id } }, CITY_LEADER);
    expect(byCity.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await ok(CLOSE, { id: raised.id })).status).toBe('CLOSED');
  });

  it('hides a blocker from a neighbouring town: NOT_FOUND for reading and for every step', async () => {
    const raised = await raise({ type: 'UTILITIES' });
    const read = await server.gql(`{ blocker(id: "${raised.id}") { id } }`, {}, XINHUA_OFFICER);
    expect(read.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const list = await server.gql(TODO, {}, XINHUA_OFFICER);
    expect(list.data?.blockers.totalCount).toBe(0);
    for (const [query, input] of [
      [START, { id: raised.id }],
      [ESCALATE, { id: raised.id, reason: '越级' }],
      [RESOLVE, { id: raised.id, feedback: 'x' }],
      [CLOSE, { id: raised.id }],
    ] as const) {
      const result = await server.gql(query, { input }, XINHUA_OFFICER);
      expect(result.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    }
    const raiseThere = await server.gql(
      RAISE,
      { input: { projectId, type: 'LAND', description: 'x', responsibleUnit: 'y', deadlineOn: '2099-01-01' } },
      XINHUA_OFFICER,
    );
    expect(raiseThere.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('shows the blockers of a project to a leader assigned to it, who may work on them', async () => {
    const raised = await raise({ type: 'LAND_ACQUISITION' });
    const before = await server.gql(`{ blocker(id: "${raised.id}") { id } }`, {}, PROJECT_LEADER);
    expect(before.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const assigned = await server.gql(
      `mutation($input: AssignLeaderInput!) { assignLeader(input: $input) { id } }`,
      { input: { projectId, subject: PROJECT_LEADER.subject, name: PROJECT_LEADER.name, kind: 'LEAD_LEADER' } },
      COUNTY_LEADER,
    );
    expect(assigned.errors).toBeUndefined();
    const seen = await server.gql(`{ project(id: "${projectId}") { blockers(isOpen: true) { id } } }`, {}, PROJECT_LEADER);
    expect(seen.data?.project.blockers.map((b: { id: string }) => b.id)).toContain(raised.id);
    const listed = await server.gql(TODO, { filter: { projectId, types: ['LAND_ACQUISITION'] } }, PROJECT_LEADER);
    expect(listed.data?.blockers.nodes.map((n: { id: string }) => n.id)).toContain(raised.id);
    const escalated = await ok(ESCALATE, { id: raised.id, reason: '征地拆迁需区级协调' }, PROJECT_LEADER);
    expect(escalated.escalatedTo.code).toBe(DECHENG);
  });

  it('answers CONFLICT for every step a status does not allow, naming the field', async () => {
    const raised = await raise({ type: 'OTHER' });
    const close = await server.gql(CLOSE, { input: { id: raised.id } });
    expect(close.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
    const reopen = await server.gql(REOPEN, { input: { id: raised.id, reason: '不认可' } });
    expect(reopen.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
    await ok(START, { id: raised.id });
    const again = await server.gql(START, { input: { id: raised.id } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
    await ok(RESOLVE, { id: raised.id, feedback: '已解决' });
    await ok(CLOSE, { id: raised.id });
    for (const [query, input] of [
      [ESCALATE, { id: raised.id, reason: '再协调' }],
      [RESOLVE, { id: raised.id, feedback: '再办结' }],
      [START, { id: raised.id }],
      [CLOSE, { id: raised.id }],
    ] as const) {
      const result = await server.gql(query, { input });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
    }
  });

  it('answers CONFLICT on input.version for a stale version and changes nothing', async () => {
    const raised = await raise({ type: 'ENVIRONMENTAL_CAPACITY' });
    await ok(START, { id: raised.id, version: 1 });
    const stale = await server.gql(RESOLVE, { input: { id: raised.id, feedback: '已解决', version: 1 } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    const now = await server.gql(`{ blocker(id: "${raised.id}") { status version history { kind } } }`);
    expect(now.data?.blocker).toEqual({ status: 'IN_PROGRESS', version: 2, history: [{ kind: 'RAISED' }, { kind: 'STARTED' }] });
  });

  it('rejects empty texts and a bad type with BAD_USER_INPUT naming the field, storing nothing', async () => {
    const rows = await countRows(server, 'blocker');
    const empty = await server.gql(RAISE, {
      input: { projectId, type: 'LAND', description: '  ', responsibleUnit: '', deadlineOn: '2099-01-01' },
    });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.description' });
    expect((empty.errors?.[0]?.extensions.problems as { field: string }[]).map((p) => p.field)).toEqual([
      'input.description',
      'input.responsibleUnit',
    ]);
    const long = await server.gql(RAISE, {
      input: { projectId, type: 'LAND', description: 'x', responsibleUnit: '局'.repeat(101), deadlineOn: '2099-01-01' },
    });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.responsibleUnit' });
    const badDate = await server.gql(RAISE, {
      input: { projectId, type: 'LAND', description: 'x', responsibleUnit: 'y', deadlineOn: '2026-02-30' },
    });
    expect(badDate.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const badType = await server.gql(RAISE, {
      input: { projectId, type: 'WEATHER', description: 'x', responsibleUnit: 'y', deadlineOn: '2099-01-01' },
    });
    expect(badType.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    // The schema says "not before today": a deadline already past would make a blocker overdue the day it is raised.
    const yesterday = new Date(Date.parse(`${chinaDate()}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const past = await server.gql(RAISE, {
      input: { projectId, type: 'LAND', description: 'x', responsibleUnit: 'y', deadlineOn: yesterday },
    });
    expect(past.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.deadlineOn' });
    expect(await countRows(server, 'blocker')).toBe(rows);
    const today = await raise({ deadlineOn: chinaDate() });
    expect(today.deadlineOn).toBe(chinaDate());

    const raised = await raise();
    const noReason = await server.gql(ESCALATE, { input: { id: raised.id, reason: ' ' } });
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    const noFeedback = await server.gql(RESOLVE, { input: { id: raised.id, feedback: '' } });
    expect(noFeedback.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.feedback' });
    const unknown = await server.gql(`{ blocker(id: "not-a-uuid") { id } }`);
    expect(unknown.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const badCursor = await server.gql(`{ blockers(after: "bm9wZQ") { totalCount } }`);
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('lists the ledger by filters a page at a time, most urgent first', async () => {
    const other = (await createProject(server, { code: null })).id;
    const a = await raise({ projectId: other });
    const b = await raise({ projectId: other, type: 'FUNDING' });
    await backdateBlockerDeadline(server, a.id, '2026-01-15');
    await backdateBlockerDeadline(server, b.id, '2026-02-15');
    const c = await raise({ projectId: other, deadlineOn: '2099-03-15' });
    const page1 = await server.gql(
      `{ blockers(filter: { projectId: "${other}" }, first: 2) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(page1.data?.blockers.totalCount).toBe(3);
    expect(page1.data?.blockers.nodes.map((n: { id: string }) => n.id)).toEqual([a.id, b.id]);
    const page2 = await server.gql(
      `{ blockers(filter: { projectId: "${other}" }, first: 2, after: "${page1.data?.blockers.pageInfo.endCursor}") { nodes { id } pageInfo { hasNextPage } } }`,
    );
    expect(page2.data?.blockers).toEqual({ nodes: [{ id: c.id }], pageInfo: { hasNextPage: false } });
    const overdue = await server.gql(
      `{ blockers(filter: { projectId: "${other}", isOverdue: true, types: [LAND] }) { nodes { id isOverdue } } }`,
    );
    expect(overdue.data?.blockers.nodes).toEqual([{ id: a.id, isOverdue: true }]);
    const inTown = await server.gql(`{ blockers(filter: { tenantCode: "371402002" }) { totalCount } }`, {}, COUNTY_LEADER);
    expect(inTown.data?.blockers.totalCount).toBe(0);
  });
});
