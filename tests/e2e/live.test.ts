import {
  approveReport,
  CITY,
  COUNTY_LEADER,
  createProject,
  DECHENG,
  TOWN_OFFICER,
  XINHU,
  XINHUA,
  XINHUA_OFFICER,
  PROJECT_LEADER,
} from '../support/fixtures';
import { collect, sleep } from '../support/live';

import { startTestServer, type TestServer } from '../support/test-server';

const CHANGES = `subscription($tenant: String!, $project: ID, $after: String) {
  projectChanged(tenantCode: $tenant, projectId: $project, after: $after) {
    cursor kind at tenantCode projectId by { subject name } changes { field before after } project { name }
  }
}`;
const REPORT = `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`;

interface Change {
  cursor: string;
  kind: string;
  projectId: string;
  by: { subject: string; name: string } | null;
  changes: { field: string; before: string | null; after: string | null }[];
  project: { name: string } | null;
}

describe('live project changes over graphql-ws', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', 'town-officer');
  });
  afterAll(() => server.close());

  const report = (projectId: string, period: string, wan: string, as = TOWN_OFFICER) =>
    server.gql(REPORT, { input: { projectId, period, completedInvestmentWan: wan, progressNote: '施工中' } }, as);

  it('sends a town its own changes with what changed, who did it and a cursor, and the neighbour nothing', async () => {
    const streams = server.liveStreams();
    const own = collect<Change>(server.wsClient(TOWN_OFFICER), CHANGES, { tenant: XINHU }, (d) => d.projectChanged);
    const county = collect<Change>(server.wsClient(COUNTY_LEADER), CHANGES, { tenant: DECHENG }, (d) => d.projectChanged);
    const neighbour = collect<Change>(server.wsClient(XINHUA_OFFICER), CHANGES, { tenant: XINHUA }, (d) => d.projectChanged);
    await server.untilLiveStreams(streams + 3);
    const project = await createProject(server, { code: null, stage: 'UNDER_CONSTRUCTION', stageSince: '2026-01-10' });
    expect((await report(project.id, '2026-10', '1234.5678')).errors).toBeUndefined();

    // Created (with its annual plan), then reported.
    await own.until(3);
    const created = own.items.find((c) => c.kind === 'PROJECT_CREATED');
    const reported = own.items.at(-1);
    expect(own.items.map((c) => c.kind)).toEqual(['PROJECT_CREATED', 'ANNUAL_PLAN_CHANGED', 'PROGRESS_REPORTED']);
    expect(reported).toMatchObject({
      kind: 'PROGRESS_REPORTED',
      projectId: project.id,
      by: { subject: TOWN_OFFICER.subject, name: TOWN_OFFICER.name },
    });
    expect(reported!.changes).toContainEqual({ field: 'completedInvestmentWan', before: null, after: '1234.5678' });
    expect(reported!.project?.name).toBe(project.name);
    expect(reported!.cursor > '' && reported!.cursor !== created!.cursor).toBe(true);
    // The county reads the subtree: the same events, in the same order.
    expect((await county.until(3)).map((c) => c.cursor)).toEqual(own.items.map((c) => c.cursor));
    await sleep(500);
    expect(neighbour.items).toEqual([]);
    expect(neighbour.errors).toEqual([]);
  });

  it("writes every value in the API's own formats and names the record each event is about", async () => {
    const project = await createProject(server, { code: null, stage: 'UNDER_CONSTRUCTION', stageSince: '2026-01-10' });
    const streams = server.liveStreams();
    const live = collect<Change>(server.wsClient(), CHANGES, { tenant: XINHU, project: project.id }, (d) => d.projectChanged);
    await server.untilLiveStreams(streams + 1);
    const filed = await server.gql<{ reportProgress: { id: string; period: string; reportedAt: string; completedInvestmentWan: string } }>(
      `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id period reportedAt completedInvestmentWan } }`,
      { input: { projectId: project.id, period: '2026-11', completedInvestmentWan: '120.5000', progressNote: '主体施工' } },
    );
    const milestone = await server.gql<{ addMilestone: { id: string } }>(
      `mutation($input: AddMilestoneInput!) { addMilestone(input: $input) { id dueOn } }`,
      { input: { projectId: project.id, title: '主体封顶', dueOn: '2026-12-20' } },
    );
    const plan = await server.gql(`mutation($input: SetAnnualPlanInput!) { setAnnualPlan(input: $input) { id } }`, {
      input: { projectId: project.id, year: 2026, plannedInvestmentWan: '20000' },
    });
    const assigned = await server.gql<{ assignLeader: { id: string; assignedAt: string } }>(
      `mutation($input: AssignLeaderInput!) { assignLeader(input: $input) { id assignedAt } }`,
      { input: { projectId: project.id, subject: PROJECT_LEADER.subject, name: PROJECT_LEADER.name, kind: 'LEAD_LEADER' } },
      COUNTY_LEADER,
    );
    for (const result of [filed, milestone, plan, assigned]) expect(result.errors).toBeUndefined();
    const report = filed.data!.reportProgress;
    // The project's own creation may reach a stream opened just after it: wait for the kinds, not a count.
    // The creation's own plan event may come first: the plan's update is the last event of its kind.
    const kinds = ['PROGRESS_REPORTED', 'MILESTONE_ADDED', 'ANNUAL_PLAN_CHANGED', 'ASSIGNMENT_CHANGED'];
    const planUpdated = () =>
      live.items.some(
        (e) => e.kind === 'ANNUAL_PLAN_CHANGED' && e.changes.some((c) => c.field === 'plannedInvestmentWan' && c.after === '20000'),
      );
    for (let n = 4; !kinds.every((k) => live.items.some((e) => e.kind === k)) || !planUpdated(); n += 1) await live.until(n);
    const value = (kind: string, field: string) => live.items.findLast((e) => e.kind === kind)?.changes.find((c) => c.field === field);

    // A reporting period as the API writes it (not the month's first day), an instant in UTC with Z, money without trailing zeros.
    expect(value('PROGRESS_REPORTED', 'period')).toEqual({ field: 'period', before: null, after: '2026-11' });
    expect(value('PROGRESS_REPORTED', 'period')!.after).toBe(report.period);
    expect(value('PROGRESS_REPORTED', 'reportedAt')!.after).toBe(report.reportedAt);
    expect(value('PROGRESS_REPORTED', 'reportedAt')!.after).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(value('PROGRESS_REPORTED', 'completedInvestmentWan')!.after).toBe(report.completedInvestmentWan);
    expect(value('MILESTONE_ADDED', 'dueOn')!.after).toBe('2026-12-20');
    expect(value('ASSIGNMENT_CHANGED', 'assignedAt')!.after).toBe(assigned.data!.assignLeader.assignedAt);
    // Under the assignment's own fields; its copy of the project's owner (no field of the API) is left out.
    expect(value('ASSIGNMENT_CHANGED', 'assigneeSubject')).toEqual({
      field: 'assigneeSubject',
      before: null,
      after: PROJECT_LEADER.subject,
    });
    expect(value('ASSIGNMENT_CHANGED', 'assignedBySubject')!.after).toBe(COUNTY_LEADER.subject);
    expect(value('ASSIGNMENT_CHANGED', 'ownerTenantCode')).toBeUndefined();
    // Each event names its record: the id in `after`, a plan by its year (an update leaves the year unchanged).
    expect(value('PROGRESS_REPORTED', 'report')).toEqual({ field: 'report', before: null, after: report.id });
    expect(value('MILESTONE_ADDED', 'milestone')).toEqual({ field: 'milestone', before: null, after: milestone.data!.addMilestone.id });
    expect(value('ASSIGNMENT_CHANGED', 'assignment')).toEqual({ field: 'assignment', before: null, after: assigned.data!.assignLeader.id });
    expect(value('ANNUAL_PLAN_CHANGED', 'year')).toEqual({ field: 'year', before: null, after: '2026' });
    expect(value('ANNUAL_PLAN_CHANGED', 'plannedInvestmentWan')).toEqual({
      field: 'plannedInvestmentWan',
      before: '18000.5',
      after: '20000',
    });

    // A removal names its record in `before`.
    const removed = await server.gql(`mutation($id: ID!) { deleteMilestone(id: $id) }`, { id: milestone.data!.addMilestone.id });
    expect(removed.errors).toBeUndefined();
    let gone: Change | undefined;
    for (let n = live.items.length + 1; !gone; n += 1) gone = (await live.until(n)).find((e) => e.kind === 'MILESTONE_REMOVED');
    expect(gone!.changes).toContainEqual({ field: 'milestone', before: milestone.data!.addMilestone.id, after: null });
    expect(gone!.changes).toContainEqual({ field: 'dueOn', before: '2026-12-20', after: null });
  });

  it("refuses a subscription to a neighbour's tenant or project with NOT_FOUND", async () => {
    const project = await createProject(server, { code: null });
    const tenant = collect(server.wsClient(XINHUA_OFFICER), CHANGES, { tenant: XINHU });
    await tenant.ended;
    expect((tenant.errors[0] as any).extensions.code).toBe('NOT_FOUND');
    const own = collect(server.wsClient(XINHUA_OFFICER), CHANGES, { tenant: XINHUA, project: project.id });
    await own.ended;
    expect((own.errors[0] as any).extensions.code).toBe('NOT_FOUND');
  });

  it('resumes after a reconnect from the last cursor: what was missed, in order, without duplicates', async () => {
    const project = await createProject(server, { code: null, stage: 'UNDER_CONSTRUCTION', stageSince: '2026-01-10' });
    const streams = server.liveStreams();
    const first = collect<Change>(server.wsClient(), CHANGES, { tenant: XINHU, project: project.id }, (d) => d.projectChanged);
    await server.untilLiveStreams(streams + 1);
    await report(project.id, '2026-01', '1');
    // The project's own creation may still reach a stream opened just after it: resume from the report.
    let seen: Change | undefined;
    for (let n = 1; !seen; n += 1) seen = (await first.until(n)).find((c) => c.kind === 'PROGRESS_REPORTED');
    first.stop();
    await report(project.id, '2026-02', '2');
    await report(project.id, '2026-03', '3');
    await sleep(300);
    const resumed = collect<Change>(
      server.wsClient(),
      CHANGES,
      { tenant: XINHU, project: project.id, after: seen!.cursor },
      (d) => d.projectChanged,
    );
    await resumed.until(2);
    await report(project.id, '2026-04', '4');
    const all = await resumed.until(3);
    await sleep(400);
    expect(resumed.items).toHaveLength(3);
    expect(all.map((c) => c.changes.find((x) => x.field === 'completedInvestmentWan')?.after)).toEqual(['2', '3', '4']);
    const cursors = all.map((c) => c.cursor);
    expect(new Set(cursors).size).toBe(3);
  });

  it('rejects a cursor it never issued with BAD_USER_INPUT on after, and one older than the events kept with CURSOR_EXPIRED', async () => {
    const bad = collect(server.wsClient(), CHANGES, { tenant: XINHU, after: 'not-a-cursor' });
    await bad.ended;
    expect(bad.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } });

    const project = await createProject(server, { code: null, stage: 'UNDER_CONSTRUCTION', stageSince: '2026-01-10' });
    const streams = server.liveStreams();
    const live = collect<Change>(server.wsClient(), CHANGES, { tenant: XINHU, project: project.id }, (d) => d.projectChanged);
    await server.untilLiveStreams(streams + 1);
    await report(project.id, '2026-07', '7');
    const [old] = await live.until(1);
    await report(project.id, '2026-08', '8');
    await live.until(2);
    // Retention passes: everything up to now is pruned, the event after `old` included.
    await server.adminOrm.em.fork().getConnection().execute(`select kp_prune_change_events(interval '-1 hour')`);
    const expired = collect(server.wsClient(), CHANGES, { tenant: XINHU, after: old!.cursor });
    await expired.ended;
    expect(expired.errors[0]).toMatchObject({ extensions: { code: 'CURSOR_EXPIRED', field: 'after' } });
  });

  it('stops the events an assignment granted when the assignment ends', async () => {
    const project = await createProject(server, { code: null, stage: 'UNDER_CONSTRUCTION', stageSince: '2026-01-10' });
    const assigned = await server.gql<{ assignLeader: { id: string } }>(
      `mutation($input: AssignLeaderInput!) { assignLeader(input: $input) { id } }`,
      { input: { projectId: project.id, subject: PROJECT_LEADER.subject, name: PROJECT_LEADER.name, kind: 'LEAD_LEADER' } },
      COUNTY_LEADER,
    );
    if (assigned.errors) throw new Error(JSON.stringify(assigned.errors));
    // An assignment-only viewer watches its own tenant (the city): only its projects come through.
    const streams = server.liveStreams();
    const leader = collect<Change>(server.wsClient(PROJECT_LEADER), CHANGES, { tenant: CITY }, (d) => d.projectChanged);
    await server.untilLiveStreams(streams + 1);
    await report(project.id, '2026-05', '5');
    await leader.until(1);
    await server.gql(`mutation { unassignLeader(id: "${assigned.data!.assignLeader.id}") { id } }`, {}, COUNTY_LEADER);
    await report(project.id, '2026-06', '6');
    await sleep(800);
    const reports = leader.items.filter((c) => c.kind === 'PROGRESS_REPORTED');
    expect(reports).toHaveLength(1);
  });
});

const ROLLUP_INTERVAL_MS = 1500;

describe('live rollups over graphql-ws', () => {
  let server: TestServer;

  beforeAll(async () => {
    // A wide interval: the burst below (sixteen mutations) fits in a few intervals however busy the machine.
    server = await startTestServer('dezhou-tenants', 'town-officer', { LIVE_ROLLUP_INTERVAL_MS: String(ROLLUP_INTERVAL_MS) });
  });
  afterAll(() => server.close());

  it('sends the current figures, then coalesced updates ending on the latest state', async () => {
    const project = await createProject(server, { code: null, stage: 'UNDER_CONSTRUCTION', stageSince: '2026-01-10' });
    const rollups = collect<{ completedThisYearWan: string }>(
      server.wsClient(COUNTY_LEADER),
      `subscription { rollupChanged(tenantCode: "${DECHENG}", period: "2026-10") { completedThisYearWan children { tenant { code } } } }`,
      {},
      (d) => d.rollupChanged,
    );
    const [initial] = await rollups.until(1);
    expect(initial!.completedThisYearWan).toBe('0');
    for (let month = 1; month <= 8; month += 1) {
      const filed = await server.gql(REPORT, {
        input: { projectId: project.id, period: `2026-0${month}`, completedInvestmentWan: '10', progressNote: '施工中' },
      });
      await approveReport(server, filed.data!.reportProgress.id, COUNTY_LEADER);
    }
    await sleep(2 * ROLLUP_INTERVAL_MS + 500);
    // Eight reports in a burst: a few updates, not eight, the last with all of them.
    expect(rollups.items.length).toBeGreaterThan(1);
    expect(rollups.items.length).toBeLessThan(8);
    expect(rollups.items.at(-1)!.completedThisYearWan).toBe('80');
  });

  it("refuses a town officer its county's rollup stream with NOT_FOUND", async () => {
    const denied = collect(
      server.wsClient(TOWN_OFFICER),
      `subscription { rollupChanged(tenantCode: "${CITY}", period: "2026-10") { projectCount } }`,
    );
    await denied.ended;
    expect((denied.errors[0] as any).extensions.code).toBe('NOT_FOUND');
  });
});
