import { Period } from '../../../src/calendar/period';
import { CITY_LEADER, createProject, NINGJIN, NINGJIN_LEADER } from '../../support/fixtures';
import { collect } from '../../support/live';
import { startTestServer, type Caller, type TestServer } from '../../support/test-server';

const LIGHT = `query($code: String!, $p: Period!) { rollup(tenantCode: $code, period: $p) {
  projectCount overdueMilestoneCount projectsWithOverdueMilestoneCount openBlockerCount projectsWithOpenBlockerCount
  trafficLight { color reasons { rule color figure yellowFrom redFrom message } } } }`;

describe('light rules measure what they say', () => {
  let server: TestServer;
  const current = Period.current();
  const lastYear = current.year - 1;
  const projects: string[] = [];

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', NINGJIN_LEADER);
    // 宁津县 owns ten projects and nothing else does: no annual plan, so no verdict on progress.
    for (let i = 0; i < 10; i += 1) {
      const project = await createProject(
        server,
        { name: `宁津县重点项目${i + 1}`, code: null, ownerTenantCode: NINGJIN, annualPlans: [] },
        NINGJIN_LEADER,
      );
      projects.push(project.id);
    }
  });
  afterAll(() => server.close());

  async function ok(query: string, variables: Record<string, unknown>, as: Caller = NINGJIN_LEADER, headers?: Record<string, string>) {
    const result = await server.gql(query, variables, as, headers);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }
  const EN = { 'accept-language': 'en' };
  const light = async (headers?: Record<string, string>) =>
    (await ok(LIGHT, { code: NINGJIN, p: current.toString() }, CITY_LEADER, headers)).rollup;
  const reason = (rollup: { trafficLight: { reasons: { rule: string }[] } }, rule: string) =>
    rollup.trafficLight.reasons.find((r) => r.rule === rule);
  const addOverdueMilestone = (projectId: string, title: string) =>
    ok(`mutation($input: AddMilestoneInput!) { addMilestone(input: $input) { id } }`, {
      input: { projectId, title, dueOn: `${lastYear}-12-01` },
    });
  const raiseBlocker = (projectId: string, type: string) =>
    ok(`mutation($input: RaiseBlockerInput!) { raiseBlocker(input: $input) { id } }`, {
      input: { projectId, type, description: '问题', responsibleUnit: '宁津县自然资源局', deadlineOn: '2099-12-31' },
    });

  it("judges a tenant's overdue milestones by the share of its projects with one, not by milestones per project", async () => {
    // Three overdue milestones, all on one project of ten: 10% of the projects (yellow), not 30% (red).
    for (const title of ['土地摘牌', '施工许可', '主体封顶']) await addOverdueMilestone(projects[0]!, title);
    const county = await light();
    expect(county).toMatchObject({ projectCount: 10, overdueMilestoneCount: 3, projectsWithOverdueMilestoneCount: 1 });
    expect(reason(county, 'OVERDUE_MILESTONES')).toEqual({
      rule: 'OVERDUE_MILESTONES',
      color: 'YELLOW',
      figure: 10,
      yellowFrom: 10,
      redFrom: 25,
      message: '10 个项目中有 1 个（10%）有逾期节点（10%起亮黄灯，25%起亮红灯）',
    });
    expect(reason(await light(EN), 'OVERDUE_MILESTONES')).toMatchObject({
      figure: 10,
      message: '1 of 10 projects (10%) has an overdue milestone (yellow from 10%, red from 25%)',
    });
  });

  it("judges a tenant's open blockers by the share of its projects with one, not by the count that turns a project red", async () => {
    // Three open blockers on one project: that project is red, its county of ten projects yellow (10%).
    for (const type of ['LAND', 'FUNDING', 'APPROVALS']) await raiseBlocker(projects[1]!, type);
    const county = await light();
    expect(county).toMatchObject({ openBlockerCount: 3, projectsWithOpenBlockerCount: 1 });
    expect(reason(county, 'OPEN_BLOCKERS')).toEqual({
      rule: 'OPEN_BLOCKERS',
      color: 'YELLOW',
      figure: 10,
      yellowFrom: 10,
      redFrom: 25,
      message: '10 个项目中有 1 个（10%）有未解决的要素制约问题（10%起亮黄灯，25%起亮红灯）',
    });
    const PROJECT_LIGHT = `query($id: ID!) { project(id: $id) { trafficLight { color reasons { rule message } } } }`;
    const project = await ok(PROJECT_LIGHT, { id: projects[1] });
    expect(project.project.trafficLight).toEqual({
      color: 'RED',
      reasons: [{ rule: 'OPEN_BLOCKERS', message: '未解决的要素制约问题 3 个（1 个起亮黄灯，3 个起亮红灯）' }],
    });
    const inEnglish = await ok(PROJECT_LIGHT, { id: projects[1] }, NINGJIN_LEADER, EN);
    expect(inEnglish.project.trafficLight).toEqual({
      color: 'RED',
      reasons: [{ rule: 'OPEN_BLOCKERS', message: '3 open blockers (yellow from 1, red from 3)' }],
    });

    // Two more projects blocked: 3 of 10, red.
    await raiseBlocker(projects[2]!, 'UTILITIES');
    await raiseBlocker(projects[3]!, 'ENERGY_QUOTA');
    expect(reason(await light(), 'OPEN_BLOCKERS')).toMatchObject({ color: 'RED', figure: 30 });
  });

  it("follows the city's own tenant thresholds for blockers, and refuses a share beyond 100% with BAD_USER_INPUT naming it", async () => {
    const SET = `mutation($input: SetTrafficLightRulesInput!) { setTrafficLightRules(input: $input) {
      tenantBlockerSharePercentYellow tenantBlockerSharePercentRed blockerRed } }`;
    const refused = await server.gql(SET, { input: { cityCode: '371400', tenantBlockerSharePercentRed: 101 } }, 'admin');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.tenantBlockerSharePercentRed' });
    const backwards = await server.gql(
      SET,
      { input: { cityCode: '371400', tenantBlockerSharePercentYellow: 40, tenantBlockerSharePercentRed: 30 } },
      'admin',
    );
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.tenantBlockerSharePercentRed' });
    const unchanged = await ok(
      `{ trafficLightRules(cityCode: "371400") { tenantBlockerSharePercentYellow tenantBlockerSharePercentRed } }`,
      {},
      CITY_LEADER,
    );
    expect(unchanged.trafficLightRules).toEqual({ tenantBlockerSharePercentYellow: 10, tenantBlockerSharePercentRed: 25 });

    const set = await ok(
      SET,
      { input: { cityCode: '371400', tenantBlockerSharePercentYellow: 20, tenantBlockerSharePercentRed: 40 } },
      'admin',
    );
    expect(set.setTrafficLightRules).toEqual({ tenantBlockerSharePercentYellow: 20, tenantBlockerSharePercentRed: 40, blockerRed: 3 });
    expect(reason(await light(), 'OPEN_BLOCKERS')).toEqual({
      rule: 'OPEN_BLOCKERS',
      color: 'YELLOW',
      figure: 30,
      yellowFrom: 20,
      redFrom: 40,
      message: '10 个项目中有 3 个（30%）有未解决的要素制约问题（20%起亮黄灯，40%起亮红灯）',
    });
  });

  it("gives the reasons of a live rollupChanged in the language of the subscriber's connection", async () => {
    const reasonsLive = async (params: Record<string, unknown>) => {
      const client = server.wsClient(CITY_LEADER, params);
      const live = collect<{ rule: string; message: string }[]>(
        client,
        `subscription($code: String!, $p: Period!) { rollupChanged(tenantCode: $code, period: $p) { trafficLight { reasons { rule message } } } }`,
        { code: NINGJIN, p: current.toString() },
        (d) => d.rollupChanged.trafficLight.reasons,
      );
      try {
        return (await live.until(1))[0]!;
      } finally {
        live.stop();
        await client.dispose();
      }
    };
    // The thresholds the previous test set (blockers 20% / 40%) and its 3 of 10 blocked projects.
    const zh = await reasonsLive({});
    const en = await reasonsLive({ language: 'en' });
    expect(zh.find((r) => r.rule === 'OPEN_BLOCKERS')?.message).toBe(
      '10 个项目中有 3 个（30%）有未解决的要素制约问题（20%起亮黄灯，40%起亮红灯）',
    );
    expect(en.find((r) => r.rule === 'OPEN_BLOCKERS')?.message).toBe(
      '3 of 10 projects (30%) have an open blocker (yellow from 20%, red from 40%)',
    );
    expect(en.map((r) => r.rule)).toEqual(zh.map((r) => r.rule));
  });
});
