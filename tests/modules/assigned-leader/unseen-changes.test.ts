import { startTestServer, type TestServer } from '../../support/test-server';
import { PROJECT_LEADER, TOWN_OFFICER, XINHU } from '../../support/fixtures';

/**
 * A 包抓 leader's catch-up: their own mark (`seenMark`, `markSeen`, row-level security on the
 * subject) and what changed on their assigned projects since it (`unseenChanges`).
 */
const CHANGES = `query ($first: Int, $after: String, $projectId: ID) {
  unseenChanges(first: $first, after: $after, projectId: $projectId) {
    totalCount
    nodes { id kind actedAt actedByName projectId projectName description }
    pageInfo { hasNextPage endCursor }
  }
}`;
const MARK = `mutation ($through: DateTimeISO) { markSeen(through: $through) { seenAt markedAt } }`;
const RAISE = `mutation ($input: RaiseBlockerInput!) { raiseBlocker(input: $input) { id } }`;

type Change = {
  id: string;
  kind: string;
  actedAt: string;
  actedByName: string | null;
  projectId: string;
  projectName: string;
  description: string;
};

describe("a 包抓 leader's changes since they last looked", () => {
  let server: TestServer;
  let townProject: { id: string; name: string };

  beforeAll(async () => {
    server = await startTestServer('demo');
    const mine = await server.gql(`{ myProjects { id name owner { code } } }`, {}, PROJECT_LEADER);
    townProject = mine.data!.myProjects.find((p: { owner: { code: string } }) => p.owner.code === XINHU);
  });
  afterAll(() => server.close());

  it('lists, before any mark, the recent changes of the assigned projects only, newest first, described in Chinese', async () => {
    expect(townProject).toBeDefined();
    const mine = await server.gql(`{ myProjects { id } }`, {}, PROJECT_LEADER);
    const assigned = new Set(mine.data!.myProjects.map((p: { id: string }) => p.id));
    const result = await server.gql(CHANGES, { first: 200 }, PROJECT_LEADER);
    expect(result.errors).toBeUndefined();
    const nodes: Change[] = result.data!.unseenChanges.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    expect(result.data!.unseenChanges.totalCount).toBe(nodes.length);
    for (const n of nodes) {
      expect(assigned.has(n.projectId)).toBe(true);
      expect(n.description).toMatch(/[\u4e00-\u9fa5]/);
      expect(n.description).not.toMatch(/\b(UNDER_CONSTRUCTION|LAND|FUNDING|APPROVED)\b/);
    }
    const times = nodes.map((n) => n.actedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
  });

  it('pages in a stable order: the pages joined are the whole list', async () => {
    const whole: Change[] = (await server.gql(CHANGES, { first: 200 }, PROJECT_LEADER)).data!.unseenChanges.nodes;
    const paged: Change[] = [];
    let after: string | undefined;
    do {
      const page = await server.gql(CHANGES, { first: 3, after }, PROJECT_LEADER);
      expect(page.errors).toBeUndefined();
      paged.push(...page.data!.unseenChanges.nodes);
      after = page.data!.unseenChanges.pageInfo.hasNextPage ? page.data!.unseenChanges.pageInfo.endCursor : undefined;
    } while (after);
    expect(paged.map((n) => n.id)).toEqual(whole.map((n) => n.id));
  });

  it("lists a town officer's blocker raised after the mark, and not after the leader marks it seen", async () => {
    const mark = await server.gql(MARK, {}, PROJECT_LEADER);
    expect(mark.errors).toBeUndefined();
    expect((await server.gql(CHANGES, {}, PROJECT_LEADER)).data!.unseenChanges.totalCount).toBe(0);
    const raised = await server.gql(
      RAISE,
      {
        input: {
          projectId: townProject.id,
          type: 'LAND',
          description: '临时用地手续未批复',
          responsibleUnit: '德城区自然资源局',
          deadlineOn: '2026-12-31',
        },
      },
      TOWN_OFFICER,
    );
    expect(raised.errors).toBeUndefined();
    const after = await server.gql(CHANGES, {}, PROJECT_LEADER);
    expect(after.data!.unseenChanges.nodes).toEqual([
      expect.objectContaining({
        kind: 'BLOCKER_RAISED',
        projectId: townProject.id,
        projectName: townProject.name,
        actedByName: TOWN_OFFICER.name,
        description: `${TOWN_OFFICER.name} 提出用地问题：临时用地手续未批复`,
      }),
    ]);
    // One project's changes: the same, and another project's none.
    const other = (await server.gql(`{ myProjects { id } }`, {}, PROJECT_LEADER)).data!.myProjects.find(
      (p: { id: string }) => p.id !== townProject.id,
    );
    expect((await server.gql(CHANGES, { projectId: townProject.id }, PROJECT_LEADER)).data!.unseenChanges.totalCount).toBe(1);
    expect((await server.gql(CHANGES, { projectId: other.id }, PROJECT_LEADER)).data!.unseenChanges.totalCount).toBe(0);
    // The town officer reads no leader's changes: they are assigned nothing.
    expect((await server.gql(CHANGES, {}, TOWN_OFFICER)).data!.unseenChanges.totalCount).toBe(0);
    await server.gql(MARK, { through: after.data!.unseenChanges.nodes[0].actedAt }, PROJECT_LEADER);
    expect((await server.gql(CHANGES, {}, PROJECT_LEADER)).data!.unseenChanges.totalCount).toBe(0);
  });

  it('marks a change seen by its actedAt, even when the database holds its moment to the microsecond', async () => {
    await server.gql(MARK, {}, PROJECT_LEADER);
    const raised = await server.gql(
      RAISE,
      {
        input: {
          projectId: townProject.id,
          type: 'APPROVALS',
          description: '施工许可待办',
          responsibleUnit: '德城区住建局',
          deadlineOn: '2026-12-31',
        },
      },
      TOWN_OFFICER,
    );
    expect(raised.errors).toBeUndefined();
    await server.adminOrm.em
      .fork()
      .execute(`update blocker_event set at = date_trunc('milliseconds', at) + interval '456 microseconds' where blocker_id = ?`, [
        raised.data!.raiseBlocker.id,
      ]);
    const listed: Change[] = (await server.gql(CHANGES, {}, PROJECT_LEADER)).data!.unseenChanges.nodes;
    expect(listed.map((c) => c.kind)).toEqual(['BLOCKER_RAISED']);
    await server.gql(MARK, { through: listed[0]!.actedAt }, PROJECT_LEADER);
    expect((await server.gql(CHANGES, {}, PROJECT_LEADER)).data!.unseenChanges.totalCount).toBe(0);
  });

  it('keeps the mark idempotent and never moving back, and each viewer to their own mark', async () => {
    const first = await server.gql(MARK, {}, PROJECT_LEADER);
    const again = await server.gql(MARK, { through: '2026-01-01T00:00:00.000Z' }, PROJECT_LEADER);
    expect(again.errors).toBeUndefined();
    expect(again.data!.markSeen.seenAt).toBe(first.data!.markSeen.seenAt);
    const mine = await server.gql(`{ seenMark { seenAt } }`, {}, PROJECT_LEADER);
    expect(mine.data!.seenMark.seenAt).toBe(first.data!.markSeen.seenAt);
    // Another viewer has none of theirs, whatever the leader's.
    expect((await server.gql(`{ seenMark { seenAt } }`, {}, TOWN_OFFICER)).data!.seenMark).toBeNull();
  });

  it("holds each mark to its viewer in the database: the application's role sees only the subject's own row", async () => {
    const visibleTo = (subject: string) =>
      server.orm.em.fork().transactional(async (em) => {
        await em.execute(`select set_config('kp.subject', ?, true)`, [subject]);
        const [row] = await em.execute<{ n: number }[]>(`select count(*)::int as n from seen_mark`);
        return row!.n;
      });
    await server.gql(MARK, {}, PROJECT_LEADER);
    const all = await server.adminOrm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from seen_mark`);
    expect(all[0]!.n).toBeGreaterThan(0);
    expect(await visibleTo(PROJECT_LEADER.subject)).toBe(1);
    expect(await visibleTo(TOWN_OFFICER.subject)).toBe(0);
  });

  it('refuses a mark in the future with BAD_USER_INPUT naming through, and keeps the mark', async () => {
    const before = (await server.gql(`{ seenMark { seenAt } }`, {}, PROJECT_LEADER)).data!.seenMark.seenAt;
    const result = await server.gql(MARK, { through: '2099-01-01T00:00:00.000Z' }, PROJECT_LEADER);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'through' });
    expect(result.errors?.[0]?.message).toMatch(/当前时间/);
    expect((await server.gql(`{ seenMark { seenAt } }`, {}, PROJECT_LEADER)).data!.seenMark.seenAt).toBe(before);
  });

  it('refuses a forged cursor with BAD_USER_INPUT naming after, and a malformed project id with NOT_FOUND', async () => {
    const forged = await server.gql(CHANGES, { after: 'bm90LWEtY3Vyc29y' }, PROJECT_LEADER);
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const bad = await server.gql(CHANGES, { projectId: 'x' }, PROJECT_LEADER);
    expect(bad.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const big = await server.gql(CHANGES, { first: 100000 }, PROJECT_LEADER);
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('stops listing a project once the assignment ends: what a leader follows is what they answer for now', async () => {
    const raised = await server.gql(
      RAISE,
      {
        input: {
          projectId: townProject.id,
          type: 'FUNDING',
          description: '配套资金未到位',
          responsibleUnit: '新湖街道办事处',
          deadlineOn: '2026-12-31',
        },
      },
      TOWN_OFFICER,
    );
    expect(raised.errors).toBeUndefined();
    const before: Change[] = (await server.gql(CHANGES, { first: 200 }, PROJECT_LEADER)).data!.unseenChanges.nodes;
    expect(before.some((c) => c.projectId === townProject.id)).toBe(true);
    const assignments = await server.gql(
      `query ($id: ID!) { project(id: $id) { assignments { id assigneeSubject } } }`,
      { id: townProject.id },
      'city-leader',
    );
    const leaders = assignments.data!.project.assignments.filter(
      (a: { assigneeSubject: string }) => a.assigneeSubject === PROJECT_LEADER.subject,
    );
    expect(leaders.length).toBeGreaterThan(0);
    for (const a of leaders) {
      const ended = await server.gql(`mutation ($id: ID!) { unassignLeader(id: $id) { isActive } }`, { id: a.id }, 'city-leader');
      expect(ended.errors).toBeUndefined();
    }
    const after: Change[] = (await server.gql(CHANGES, { first: 200 }, PROJECT_LEADER)).data!.unseenChanges.nodes;
    expect(after.some((c) => c.projectId === townProject.id)).toBe(false);
    expect(after.map((c) => c.id)).toEqual(before.filter((c) => c.projectId !== townProject.id).map((c) => c.id));
  });
});
