import { adHocUser } from '../../../src/auth/dev-realm';
import { Role } from '../../../src/auth/roles';
import { createProject, NINGJIN, TOWN_OFFICER } from '../../support/fixtures';
import { startTestServer, type TestServer } from '../../support/test-server';

const SET = `mutation($input: SetTrafficLightRulesInput!) { setTrafficLightRules(input: $input) { cityCode yellowGapPoints redGapPoints projectOverdueYellow updatedByName } }`;

describe('traffic lights and their rules', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', 'admin');
  });
  afterAll(() => server.close());

  it('shows the defaults until the city sets its own', async () => {
    const result = await server.gql(
      '{ trafficLightRules(cityCode: "371400") { yellowGapPoints redGapPoints updatedAt } }',
      {},
      'city-leader',
    );
    expect(result.data?.trafficLightRules).toEqual({ yellowGapPoints: 5, redGapPoints: 15, updatedAt: null });
  });

  it("lets only the city's administrator change them", async () => {
    expect((await server.gql(SET, { input: { cityCode: '371400', yellowGapPoints: 3 } }, 'city-leader')).errors?.[0]?.extensions.code).toBe(
      'FORBIDDEN',
    );
    const countyAdmin = adHocUser({ tenantCode: NINGJIN, roles: [Role.ADMIN] });
    expect((await server.gql(SET, { input: { cityCode: '371400', yellowGapPoints: 3 } }, countyAdmin)).errors?.[0]?.extensions.code).toBe(
      'FORBIDDEN',
    );
  });

  it('rejects a red threshold below its yellow one with BAD_USER_INPUT naming it, and keeps the rules', async () => {
    const result = await server.gql(SET, { input: { cityCode: '371400', yellowGapPoints: 10, redGapPoints: 8 } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.redGapPoints' });
    const after = await server.gql('{ trafficLightRules(cityCode: "371400") { yellowGapPoints } }', {}, 'city-leader');
    expect(after.data?.trafficLightRules.yellowGapPoints).toBe(5);
  });

  it("turns a project's light by the city's rules, naming the rule", async () => {
    const project = await createProject(server, { code: null, annualPlans: [{ year: 2026, plannedInvestmentWan: '1200' }] }, TOWN_OFFICER);
    await server.gql(
      `mutation { addMilestone(input: { projectId: "${project.id}", title: "主体封顶", dueOn: "2026-03-31" }) { id } }`,
      {},
      TOWN_OFFICER,
    );
    const light = () =>
      server.gql(
        `{ project(id: "${project.id}") { trafficLight(period: "2026-06") { color reasons { rule color message } } } }`,
        {},
        TOWN_OFFICER,
      );
    const before = await light();
    expect(before.data?.project.trafficLight.color).toBe('RED'); // nothing done by mid-year: ~50 points behind
    expect(before.data?.project.trafficLight.reasons.map((r: { rule: string }) => r.rule)).toEqual(['PROGRESS_GAP', 'OVERDUE_MILESTONES']);

    const set = await server.gql(SET, {
      input: { cityCode: '371400', yellowGapPoints: 60, redGapPoints: 80, projectOverdueYellow: 2, projectOverdueRed: 4 },
    });
    expect(set.data?.setTrafficLightRules).toMatchObject({
      yellowGapPoints: 60,
      redGapPoints: 80,
      projectOverdueYellow: 2,
      updatedByName: '赵敏',
    });
    const after = await light();
    expect(after.data?.project.trafficLight).toEqual({ color: 'GREEN', reasons: [] });
  });
});
