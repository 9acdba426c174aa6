import { Period } from '../../../src/calendar/period';
import {
  backdateBlockerDeadline,
  CITY,
  CITY_LEADER,
  COUNTY_LEADER,
  createProject,
  DECHENG,
  TOWN_OFFICER,
  XINHU,
} from '../../support/fixtures';
import { startTestServer, type Caller, type TestServer } from '../../support/test-server';

const RAISE = `mutation($input: RaiseBlockerInput!) { raiseBlocker(input: $input) { id } }`;
const FIGURES = `openCount overdueCount escalatedCount raisedCount resolvedCount resolutionRate
  byType { type openCount overdueCount escalatedCount raisedCount resolvedCount }`;

interface TypeCount {
  type: string;
  openCount: number;
  overdueCount: number;
  escalatedCount: number;
  raisedCount: number;
  resolvedCount: number;
}

describe('blocker figures and traffic lights', () => {
  let server: TestServer;
  const period = Period.current().toString();

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER);
  });
  afterAll(() => server.close());

  async function ok<T = any>(query: string, input: Record<string, unknown>, as: Caller = TOWN_OFFICER): Promise<T> {
    const result = await server.gql(query, { input }, as);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return Object.values(result.data!)[0] as T;
  }
  const raise = (projectId: string, type: string, deadlineOn = '2099-12-31') =>
    ok<{ id: string }>(RAISE, { projectId, type, description: '问题', responsibleUnit: '责任单位', deadlineOn });
  const step = (mutation: string, inputType: string, input: Record<string, unknown>, as: Caller = TOWN_OFFICER) =>
    ok(`mutation($input: ${inputType}!) { ${mutation}(input: $input) { id } }`, input, as);

  async function figures(p = period) {
    const result = await server.gql(
      `query($p: Period!) {
        city: rollup(tenantCode: "${CITY}", period: $p) { openBlockerCount blockers { ${FIGURES} } children { tenant { code } blockers { openCount } } }
        county: rollup(tenantCode: "${DECHENG}", period: $p) { blockers { ${FIGURES} } }
        town: rollup(tenantCode: "${XINHU}", period: $p) { blockers { ${FIGURES} } }
      }`,
      { p },
      CITY_LEADER,
    );
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }
  const ofType = (byType: TypeCount[], type: string) => byType.find((t) => t.type === type)!;

  it("reads a tenant's and all its children's blocker figures and lights in one statement", async () => {
    server.statements.length = 0;
    const result = await server.gql(
      `{ rollup(tenantCode: "${CITY}", period: "${period}") {
          openBlockerCount trafficLight { color } blockers { openCount }
          children { openBlockerCount trafficLight { color } blockers { openCount byType { type openCount } } } } }`,
      {},
      CITY_LEADER,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.rollup.children.length).toBeGreaterThan(5);
    expect(server.statements.filter((line) => line.includes('kp_blocker_figures'))).toHaveLength(1);
  });

  it('counts open, overdue and escalated blockers by type and the resolution rate', async () => {
    const before = await figures();
    const project = (await createProject(server, { code: null, annualPlans: [] })).id;
    const land = await raise(project, 'LAND');
    await backdateBlockerDeadline(server, land.id, '2026-01-31'); // overdue
    const funding = await raise(project, 'FUNDING');
    const approvals = await raise(project, 'APPROVALS');
    await raise(project, 'APPROVALS');
    await step('escalateBlocker', 'EscalateBlockerInput', { id: funding.id, reason: '资金需区级统筹' });
    await step('resolveBlocker', 'ResolveBlockerInput', { id: approvals.id, feedback: '手续已办结' });

    const after = await figures();
    for (const level of ['city', 'county', 'town'] as const) {
      const was = before[level].blockers;
      const now = after[level].blockers;
      expect(now.openCount - was.openCount).toBe(3);
      expect(now.overdueCount - was.overdueCount).toBe(1);
      expect(now.escalatedCount - was.escalatedCount).toBe(1);
      expect(now.raisedCount - was.raisedCount).toBe(4);
      expect(now.resolvedCount - was.resolvedCount).toBe(1);
      expect(ofType(now.byType, 'LAND').overdueCount - ofType(was.byType, 'LAND').overdueCount).toBe(1);
      expect(ofType(now.byType, 'FUNDING').escalatedCount - ofType(was.byType, 'FUNDING').escalatedCount).toBe(1);
      expect(ofType(now.byType, 'APPROVALS').openCount - ofType(was.byType, 'APPROVALS').openCount).toBe(1);
      expect(ofType(now.byType, 'APPROVALS').resolvedCount - ofType(was.byType, 'APPROVALS').resolvedCount).toBe(1);
      expect(now.byType).toHaveLength(8);
      expect(now.resolutionRate).toBeCloseTo((now.resolvedCount * 100) / now.raisedCount, 2);
    }
    expect(after.city.openBlockerCount).toBe(after.city.blockers.openCount);
    const decheng = after.city.children.find((c: { tenant: { code: string } }) => c.tenant.code === DECHENG);
    expect(decheng.blockers.openCount).toBe(after.county.blockers.openCount);

    // Closing keeps it resolved; the escalated one leaves the escalated count once resolved.
    await step('closeBlocker', 'BlockerStepInput', { id: approvals.id });
    await step('resolveBlocker', 'ResolveBlockerInput', { id: funding.id, feedback: '区财政已拨付' }, COUNTY_LEADER);
    await step('resolveBlocker', 'ResolveBlockerInput', { id: land.id, feedback: '用地已落实' });
    const later = (await figures()).town.blockers;
    expect(later.openCount - before.town.blockers.openCount).toBe(1);
    expect(later.overdueCount - before.town.blockers.overdueCount).toBe(0);
    expect(later.escalatedCount - before.town.blockers.escalatedCount).toBe(0);
    expect(later.resolvedCount - before.town.blockers.resolvedCount).toBe(4 - 1);
  });

  it('reads a past month as the ledger stood then: open then though resolved since, and nothing raised since', async () => {
    const last = Period.current().plusMonths(-1).toString();
    const before = (await figures(last)).town.blockers;
    const project = (await createProject(server, { code: null, annualPlans: [] })).id;
    const old = await raise(project, 'ENERGY_QUOTA');
    // Raised 40 days ago (as if entered then), resolved today.
    await server.adminOrm.em
      .fork()
      .getConnection()
      .execute(`update blocker_event set at = at - interval '40 days' where blocker_id = ?`, [old.id]);
    await step('resolveBlocker', 'ResolveBlockerInput', { id: old.id, feedback: '已落实能耗指标' });
    await raise(project, 'OTHER');
    const then = (await figures(last)).town.blockers;
    expect(then.openCount - before.openCount).toBe(1);
    expect(then.raisedCount - before.raisedCount).toBe(1);
    expect(then.resolvedCount - before.resolvedCount).toBe(0);
    expect(ofType(then.byType, 'ENERGY_QUOTA').openCount - ofType(before.byType, 'ENERGY_QUOTA').openCount).toBe(1);
  });

  it('hides the figures of a tenant whose subtree the viewer does not read', async () => {
    const result = await server.gql(
      `{ rollup(tenantCode: "${DECHENG}", period: "${period}") { blockers { openCount } } }`,
      {},
      TOWN_OFFICER,
    );
    expect(result.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it("turns a project's light yellow, then red, as its blockers stay open, and green once they are resolved", async () => {
    const project = (await createProject(server, { code: null, annualPlans: [] })).id;
    const light = async () =>
      (await server.gql(`{ project(id: "${project}") { trafficLight { color reasons { rule color } } } }`)).data?.project.trafficLight;
    expect(await light()).toEqual({ color: 'GREEN', reasons: [] });
    const first = await raise(project, 'LAND');
    expect(await light()).toEqual({ color: 'YELLOW', reasons: [{ rule: 'OPEN_BLOCKERS', color: 'YELLOW' }] });
    const second = await raise(project, 'FUNDING');
    const third = await raise(project, 'UTILITIES');
    expect(await light()).toEqual({ color: 'RED', reasons: [{ rule: 'OPEN_BLOCKERS', color: 'RED' }] });
    for (const blocker of [first, second, third]) {
      await step('resolveBlocker', 'ResolveBlockerInput', { id: blocker.id, feedback: '已解决' });
    }
    expect(await light()).toEqual({ color: 'GREEN', reasons: [] });
  });

  it("counts a tenant's projects with an open blocker in its light, as a share of its projects", async () => {
    const rule = async (code: string) => {
      const result = await server.gql(
        `{ rollup(tenantCode: "${code}", period: "${period}") { projectCount openBlockerCount projectsWithOpenBlockerCount trafficLight { reasons { rule figure } } } }`,
        {},
        CITY_LEADER,
      );
      const { trafficLight, ...counts } = result.data!.rollup;
      return { ...counts, share: trafficLight.reasons.find((r: { rule: string }) => r.rule === 'OPEN_BLOCKERS')?.figure ?? null };
    };
    const before = await rule(DECHENG);
    const project = (await createProject(server, { code: null, annualPlans: [] })).id;
    for (const type of ['LAND', 'FUNDING', 'OTHER']) await raise(project, type);
    const county = await rule(DECHENG);
    expect(county.openBlockerCount).toBe(before.openBlockerCount + 3);
    expect(county.projectsWithOpenBlockerCount).toBe(before.projectsWithOpenBlockerCount + 1);
    // Every project of this file's county has had a blocker: far beyond the 10% from which it shows.
    expect(county.share).toBe(Math.round((county.projectsWithOpenBlockerCount * 10_000) / county.projectCount) / 100);
    const quiet = await rule('371422'); // 宁津县: nothing raised there
    expect(quiet).toEqual({ projectCount: 0, openBlockerCount: 0, projectsWithOpenBlockerCount: 0, share: null });
  });
});
