import { Period } from '../../../src/calendar/period';
import { CITY, CITY_LEADER, COUNTY_LEADER, createHeatingNetwork, DECHENG, HUANGHEYA, NINGJIN } from '../../support/fixtures';
import { startTestServer, type Caller, type TestServer } from '../../support/test-server';
import { leadClient } from '../attraction/attraction-support';

/** 宁津县柴胡店镇, where the city might build its heating network instead of 德城区黄河涯镇. */
const CHAIHUDIAN = '371422101';

const FIGURES = `basis projectCount overdueMilestoneCount projectsWithOverdueMilestoneCount openBlockerCount projectsWithOpenBlockerCount
  blockers { basis openCount raisedCount } trafficLight { reasons { rule figure } }
  reporting { basis owedCount } attraction { basis leadCount }`;

/**
 * The figures by location (属地) beyond the sums: what a county reading by location counts of a
 * project the city owns and builds on its land. Its blockers and the projects the light counts (an
 * overdue milestone, an open blocker) follow where it is built; its monthly reports stay the
 * owner's duty and the investment leads the courting tenant's work, in either basis.
 */
describe('figures by location (属地): blockers and lights follow the site, reports and leads the owner', () => {
  let server: TestServer;
  let heating: string;
  const period = Period.current();

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', CITY_LEADER);
    // On this year's list, whenever the test runs: it owes this month's report.
    heating = (await createHeatingNetwork(server, { annualPlans: [{ year: period.year, plannedInvestmentWan: '80000' }] })).id;
    await ok(`mutation($input: AddMilestoneInput!) { addMilestone(input: $input) { id } }`, {
      input: { projectId: heating, title: '主管网试压', dueOn: `${period.year - 1}-12-01` },
    });
    await ok(`mutation($input: RaiseBlockerInput!) { raiseBlocker(input: $input) { id } }`, {
      input: {
        projectId: heating,
        type: 'LAND_ACQUISITION',
        description: '热源厂至黄河涯段征地未完成',
        responsibleUnit: '德城区自然资源局',
        deadlineOn: '2099-12-31',
      },
    });
    await leadClient(server).create({ ownerTenantCode: CITY, responsibleUnit: '德州市投资促进局' }, CITY_LEADER);
  });
  afterAll(() => server.close());

  async function ok(query: string, variables: Record<string, unknown>, as: Caller = CITY_LEADER) {
    const result = await server.gql(query, variables, as);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }
  const rollup = async (code: string, basis: string, as: Caller = CITY_LEADER) =>
    (
      await ok(
        `query($code: String!, $p: Period!) { rollup(tenantCode: $code, period: $p, basis: ${basis}) { ${FIGURES} } }`,
        { code, p: period.toString() },
        as,
      )
    ).rollup;

  it("counts the city's project built in 黄河涯镇 in 德城区's blockers and light by location, not by owner", async () => {
    expect(await rollup(DECHENG, 'LOCATION', COUNTY_LEADER)).toMatchObject({
      basis: 'LOCATION',
      projectCount: 1,
      overdueMilestoneCount: 1,
      projectsWithOverdueMilestoneCount: 1,
      openBlockerCount: 1,
      projectsWithOpenBlockerCount: 1,
      blockers: { basis: 'LOCATION', openCount: 1, raisedCount: 1 },
      // Its one project has both (and is behind time progress, nothing being reported yet).
      trafficLight: {
        reasons: expect.arrayContaining([
          { rule: 'OVERDUE_MILESTONES', figure: 100 },
          { rule: 'OPEN_BLOCKERS', figure: 100 },
        ]),
      },
    });
    expect(await rollup(HUANGHEYA, 'LOCATION')).toMatchObject({ projectsWithOpenBlockerCount: 1, blockers: { openCount: 1 } });
    expect(await rollup(DECHENG, 'OWNER', COUNTY_LEADER)).toMatchObject({
      basis: 'OWNER',
      projectCount: 0,
      projectsWithOverdueMilestoneCount: 0,
      openBlockerCount: 0,
      projectsWithOpenBlockerCount: 0,
      blockers: { basis: 'OWNER', openCount: 0 },
      trafficLight: { reasons: [] },
    });
    // The city counts it either way.
    const { basis, blockers, ...byLocation } = await rollup(CITY, 'LOCATION');
    const { basis: owner, blockers: ownerBlockers, ...byOwner } = await rollup(CITY, 'OWNER');
    expect([basis, owner, blockers.basis, ownerBlockers.basis]).toEqual(['LOCATION', 'OWNER', 'LOCATION', 'OWNER']);
    expect(byLocation).toEqual(byOwner);
    expect(byLocation).toMatchObject({ projectsWithOverdueMilestoneCount: 1, projectsWithOpenBlockerCount: 1 });
  });

  it('moves its flags with the project when it is to be built elsewhere, and drops them once settled', async () => {
    await ok(`mutation($input: UpdateProjectInput!) { updateProject(input: $input) { id } }`, {
      input: { id: heating, locationTenantCode: CHAIHUDIAN },
    });
    expect(await rollup(DECHENG, 'LOCATION')).toMatchObject({
      projectCount: 0,
      projectsWithOverdueMilestoneCount: 0,
      projectsWithOpenBlockerCount: 0,
    });
    expect(await rollup(NINGJIN, 'LOCATION')).toMatchObject({
      projectCount: 1,
      projectsWithOverdueMilestoneCount: 1,
      projectsWithOpenBlockerCount: 1,
    });

    const { project } = await ok(`query($id: ID!) { project(id: $id) { milestones { id } blockers { id } } }`, { id: heating });
    await ok(`mutation($input: CompleteMilestoneInput!) { completeMilestone(input: $input) { id } }`, {
      input: { id: project.milestones[0].id, doneOn: Period.current().firstDay },
    });
    await ok(`mutation($input: ResolveBlockerInput!) { resolveBlocker(input: $input) { id } }`, {
      input: { id: project.blockers[0].id, feedback: '征地已完成' },
    });
    expect(await rollup(NINGJIN, 'LOCATION')).toMatchObject({
      projectCount: 1,
      projectsWithOverdueMilestoneCount: 0,
      projectsWithOpenBlockerCount: 0,
    });
  });

  it('keeps the reporting duty and the investment leads with the owner in a rollup by location, and says so', async () => {
    for (const code of [CITY, DECHENG]) {
      const byLocation = await rollup(code, 'LOCATION');
      const byOwner = await rollup(code, 'OWNER');
      expect({ code, reporting: byLocation.reporting, attraction: byLocation.attraction }).toEqual({
        code,
        reporting: { ...byOwner.reporting, basis: 'OWNER' },
        attraction: { ...byOwner.attraction, basis: 'OWNER' },
      });
    }
    // The city owes this month's report of its project and courts the lead, wherever it builds.
    expect((await rollup(CITY, 'LOCATION')).reporting.owedCount).toBe(1);
    expect((await rollup(CITY, 'LOCATION')).attraction.leadCount).toBe(1);
  });
});
