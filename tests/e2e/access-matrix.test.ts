import { adHocUser } from '../../src/auth/dev-realm';
import { devUser, type DevUser } from '../../src/auth/dev-users';
import { Role } from '../../src/auth/roles';
import {
  CITY,
  COUNTY_LEADER,
  createProject,
  DECHENG,
  NINGJIN,
  NINGJIN_LEADER,
  TOWN_OFFICER,
  XINHU,
  XINHUA,
  XINHUA_OFFICER,
} from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The README's role matrix, row by row, through real HTTP with signed tokens. Projects sit at the
 * city, at 德城区 (a county), at two of its towns (新湖, 新华) and at 宁津县 (a sibling county).
 * What a viewer may not read answers NOT_FOUND (never FORBIDDEN, which would leak that it exists);
 * what they read but may not change answers FORBIDDEN.
 */
type Place = 'city' | 'decheng' | 'xinhu' | 'xinhua' | 'ningjin';
const PLACES: Place[] = ['city', 'decheng', 'xinhu', 'xinhua', 'ningjin'];

const user = (name: string) => devUser(name)!;
/** A county leader's role bound to a town: a misconfigured account, which the README says grants nothing. */
const WRONG_LEVEL = adHocUser({ subject: 'county-leader-at-a-town', tenantCode: XINHU, roles: [Role.COUNTY_LEADER] });

describe('who may read and change what', () => {
  let server: TestServer;
  const ids = {} as Record<Place, string>;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', null);
    const owners: [Place, string, DevUser][] = [
      ['city', CITY, user('city-leader')],
      ['decheng', DECHENG, COUNTY_LEADER],
      ['xinhu', XINHU, TOWN_OFFICER],
      ['xinhua', XINHUA, XINHUA_OFFICER],
      ['ningjin', NINGJIN, NINGJIN_LEADER],
    ];
    for (const [place, code, owner] of owners) {
      ids[place] = (await createProject(server, { code: null, name: `${place} project`, ownerTenantCode: code }, owner)).id;
    }
  });
  afterAll(() => server.close());

  const read = (as: DevUser, place: Place) => server.gql(`{ project(id: "${ids[place]}") { id } }`, {}, as);
  const update = (as: DevUser, place: Place) =>
    server.gql(
      'mutation($input: UpdateProjectInput!) { updateProject(input: $input) { id } }',
      { input: { id: ids[place], contactName: '赵六' } },
      as,
    );
  const report = (as: DevUser, place: Place, period: string) =>
    server.gql(
      'mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }',
      { input: { projectId: ids[place], period, completedInvestmentWan: '10', progressNote: '施工中' } },
      as,
    );
  const outcome = (result: Awaited<ReturnType<TestServer['gql']>>) => result.errors?.[0]?.extensions.code ?? 'OK';

  // Expected outcome of reading each place's project: OK or NOT_FOUND.
  const READS: [string, DevUser, Record<Place, string>][] = [
    ['city leader', user('city-leader'), { city: 'OK', decheng: 'OK', xinhu: 'OK', xinhua: 'OK', ningjin: 'OK' }],
    ['county leader of 德城区', COUNTY_LEADER, { city: 'NOT_FOUND', decheng: 'OK', xinhu: 'OK', xinhua: 'OK', ningjin: 'NOT_FOUND' }],
    [
      'town officer of 新湖街道',
      TOWN_OFFICER,
      { city: 'NOT_FOUND', decheng: 'NOT_FOUND', xinhu: 'OK', xinhua: 'NOT_FOUND', ningjin: 'NOT_FOUND' },
    ],
    ['supervisor of the city', user('supervisor'), { city: 'OK', decheng: 'OK', xinhu: 'OK', xinhua: 'OK', ningjin: 'OK' }],
    ['integrator bound to the city', user('integrator'), { city: 'OK', decheng: 'OK', xinhu: 'OK', xinhua: 'OK', ningjin: 'OK' }],
    ['administrator of the city', user('admin'), { city: 'OK', decheng: 'OK', xinhu: 'OK', xinhua: 'OK', ningjin: 'OK' }],
    [
      'leader with no assignment',
      user('project-leader'),
      { city: 'NOT_FOUND', decheng: 'NOT_FOUND', xinhu: 'NOT_FOUND', xinhua: 'NOT_FOUND', ningjin: 'NOT_FOUND' },
    ],
    [
      'county leader bound to a town',
      WRONG_LEVEL,
      { city: 'NOT_FOUND', decheng: 'NOT_FOUND', xinhu: 'NOT_FOUND', xinhua: 'NOT_FOUND', ningjin: 'NOT_FOUND' },
    ],
  ];

  it("gives a role held at the wrong level nothing of its tenant's subtree: no rollup, no change", async () => {
    const rollup = await server.gql(`{ rollup(tenantCode: "${XINHU}", period: "2026-10") { projectCount } }`, {}, WRONG_LEVEL);
    expect(outcome(rollup)).toBe('NOT_FOUND');
    expect(outcome(await update(WRONG_LEVEL, 'xinhu'))).toBe('NOT_FOUND');
  });

  describe.each(READS)('the %s', (_, viewer, expected) => {
    it.each(PLACES)('reads the %s project as expected by id', async (place) => {
      expect(outcome(await read(viewer, place))).toBe(expected[place]);
    });

    it('lists and counts exactly the projects it may read', async () => {
      const result = await server.gql('{ projects(first: 200) { totalCount nodes { id } } }', {}, viewer);
      const visible = PLACES.filter((place) => expected[place] === 'OK')
        .map((place) => ids[place])
        .sort();
      expect((result.data?.projects.nodes as { id: string }[]).map((n) => n.id).sort()).toEqual(visible);
      expect(result.data?.projects.totalCount).toBe(visible.length);
    });
  });

  // Expected outcome of editing each place's project.
  const WRITES: [string, DevUser, Record<Place, string>][] = [
    [
      'city leader',
      user('city-leader'),
      { city: 'OK', decheng: 'FORBIDDEN', xinhu: 'FORBIDDEN', xinhua: 'FORBIDDEN', ningjin: 'FORBIDDEN' },
    ],
    [
      'county leader of 德城区',
      COUNTY_LEADER,
      { city: 'NOT_FOUND', decheng: 'OK', xinhu: 'FORBIDDEN', xinhua: 'FORBIDDEN', ningjin: 'NOT_FOUND' },
    ],
    [
      'town officer of 新湖街道',
      TOWN_OFFICER,
      { city: 'NOT_FOUND', decheng: 'NOT_FOUND', xinhu: 'OK', xinhua: 'NOT_FOUND', ningjin: 'NOT_FOUND' },
    ],
    [
      'supervisor of the city',
      user('supervisor'),
      { city: 'FORBIDDEN', decheng: 'FORBIDDEN', xinhu: 'FORBIDDEN', xinhua: 'FORBIDDEN', ningjin: 'FORBIDDEN' },
    ],
    [
      'integrator bound to the city',
      user('integrator'),
      { city: 'FORBIDDEN', decheng: 'FORBIDDEN', xinhu: 'FORBIDDEN', xinhua: 'FORBIDDEN', ningjin: 'FORBIDDEN' },
    ],
    [
      'administrator of the city',
      user('admin'),
      { city: 'FORBIDDEN', decheng: 'FORBIDDEN', xinhu: 'FORBIDDEN', xinhua: 'FORBIDDEN', ningjin: 'FORBIDDEN' },
    ],
  ];

  describe.each(WRITES)('the %s', (_, viewer, expected) => {
    it.each(PLACES)('edits the %s project as expected', async (place) => {
      expect(outcome(await update(viewer, place))).toBe(expected[place]);
    });
  });

  describe('supervision orders (督办)', () => {
    const CODES: Record<Place, string> = { city: CITY, decheng: DECHENG, xinhu: XINHU, xinhua: XINHUA, ningjin: NINGJIN };
    const issue = (as: DevUser, place: Place) =>
      server.gql(
        'mutation($input: IssueSupervisionOrderInput!) { issueSupervisionOrder(input: $input) { id } }',
        {
          input: {
            subject: 'PROJECT',
            projectId: ids[place],
            title: '关于加快项目建设进度的督办通知',
            requirement: '请按期完成年度投资计划',
            addresseeTenantCode: CODES[place],
            deadlineOn: '2099-12-31',
          },
        },
        as,
      );
    const orders = {} as Record<Place, string>;
    beforeAll(async () => {
      for (const place of PLACES) orders[place] = (await issue(user('supervisor'), place)).data!.issueSupervisionOrder.id;
    });

    // Expected outcome of issuing an order about each place's project: the supervisor gains writes on orders only.
    const everywhere = (expected: string) => Object.fromEntries(PLACES.map((place) => [place, expected])) as Record<Place, string>;
    const ISSUES: [string, DevUser, Record<Place, string>][] = [
      ['city leader', user('city-leader'), everywhere('OK')],
      ['county leader of 德城区', COUNTY_LEADER, { city: 'NOT_FOUND', decheng: 'OK', xinhu: 'OK', xinhua: 'OK', ningjin: 'NOT_FOUND' }],
      [
        'town officer of 新湖街道',
        TOWN_OFFICER,
        { city: 'NOT_FOUND', decheng: 'NOT_FOUND', xinhu: 'FORBIDDEN', xinhua: 'NOT_FOUND', ningjin: 'NOT_FOUND' },
      ],
      ['supervisor of the city', user('supervisor'), everywhere('OK')],
      ['integrator bound to the city', user('integrator'), everywhere('FORBIDDEN')],
      ['administrator of the city', user('admin'), everywhere('FORBIDDEN')],
      ['leader with no assignment', user('project-leader'), everywhere('NOT_FOUND')],
      ['county leader bound to a town', WRONG_LEVEL, everywhere('NOT_FOUND')],
    ];

    describe.each(ISSUES)('the %s', (_, viewer, expected) => {
      it.each(PLACES)('issues an order about the %s project as expected', async (place) => {
        expect(outcome(await issue(viewer, place))).toBe(expected[place]);
      });
    });

    // An order is read as the project it concerns is (the READS matrix), and by its addressee.
    describe.each(READS)('the %s', (_, viewer, expected) => {
      it.each(PLACES)('reads the order about the %s project as it reads the project', async (place) => {
        const result = await server.gql('query($id: ID!) { supervisionOrder(id: $id) { id } }', { id: orders[place] }, viewer);
        expect(outcome(result)).toBe(expected[place]);
      });
    });

    it('lets the supervisor change no project, only orders', async () => {
      expect(outcome(await update(user('supervisor'), 'xinhu'))).toBe('FORBIDDEN');
      expect(outcome(await report(user('supervisor'), 'xinhu', '2026-10'))).toBe('FORBIDDEN');
      const acknowledge = await server.gql(
        'mutation($input: SupervisionOrderStepInput!) { acknowledgeSupervisionOrder(input: $input) { id } }',
        { input: { id: orders.xinhu } },
        user('supervisor'),
      );
      expect(outcome(acknowledge)).toBe('FORBIDDEN');
    });
  });

  it('lets only the owning tenant register a project there', async () => {
    const attempt = (as: DevUser, ownerTenantCode: string) =>
      server.gql(
        'mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }',
        {
          input: { name: '越权登记', category: 'OTHER', nature: 'NEW', ownerTenantCode, totalInvestmentWan: '100' },
        },
        as,
      );
    expect(outcome(await attempt(user('city-leader'), XINHU))).toBe('FORBIDDEN');
    expect(outcome(await attempt(COUNTY_LEADER, XINHU))).toBe('FORBIDDEN');
    expect(outcome(await attempt(user('supervisor'), CITY))).toBe('FORBIDDEN');
    // A tenant out of sight is no tenant at all for this viewer.
    expect((await attempt(TOWN_OFFICER, XINHUA)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.ownerTenantCode',
    });
  });

  describe('an assigned leader (包抓领导)', () => {
    const leader = user('project-leader');
    const assign = (as: DevUser, place: Place) =>
      server.gql(
        'mutation($input: AssignLeaderInput!) { assignLeader(input: $input) { id subject kind isActive assignedBy } }',
        { input: { projectId: ids[place], subject: leader.subject, name: leader.name, kind: 'LEAD_LEADER' } },
        as,
      );

    it('may be assigned by leaders above the project only', async () => {
      expect(outcome(await assign(TOWN_OFFICER, 'xinhu'))).toBe('FORBIDDEN');
      expect(outcome(await assign(user('supervisor'), 'xinhu'))).toBe('FORBIDDEN');
      expect(outcome(await assign(COUNTY_LEADER, 'ningjin'))).toBe('NOT_FOUND');
    });

    it('acts on an assigned project wherever it sits, sees it in myProjects, and loses it all when the assignment ends', async () => {
      const assigned = await assign(COUNTY_LEADER, 'xinhu');
      expect(assigned.data?.assignLeader).toMatchObject({
        subject: leader.subject,
        kind: 'LEAD_LEADER',
        isActive: true,
        assignedBy: COUNTY_LEADER.subject,
      });
      expect(outcome(await assign(COUNTY_LEADER, 'xinhu'))).toBe('CONFLICT');

      expect(outcome(await read(leader, 'xinhu'))).toBe('OK');
      expect(outcome(await read(leader, 'xinhua'))).toBe('NOT_FOUND');
      expect(outcome(await report(leader, 'xinhu', '2026-01'))).toBe('OK');
      expect(outcome(await update(leader, 'xinhu'))).toBe('FORBIDDEN');
      const mine = await server.gql('{ myProjects { id assignments { subject kind } } }', {}, leader);
      expect(mine.data?.myProjects).toEqual([{ id: ids.xinhu, assignments: [{ subject: leader.subject, kind: 'LEAD_LEADER' }] }]);

      const ended = await server.gql(
        `mutation { unassignLeader(id: "${assigned.data?.assignLeader.id}") { isActive endedBy } }`,
        {},
        COUNTY_LEADER,
      );
      expect(ended.data?.unassignLeader).toEqual({ isActive: false, endedBy: COUNTY_LEADER.subject });
      expect(outcome(await read(leader, 'xinhu'))).toBe('NOT_FOUND');
      expect(outcome(await report(leader, 'xinhu', '2026-02'))).toBe('NOT_FOUND');
      expect((await server.gql('{ myProjects { id } }', {}, leader)).data?.myProjects).toEqual([]);
      const history = await server.gql(
        `{ project(id: "${ids.xinhu}") { assignments(includeEnded: true) { isActive } } }`,
        {},
        COUNTY_LEADER,
      );
      expect(history.data?.project.assignments).toEqual([{ isActive: false }]);
    });

    it('lets a responsible unit act on its assigned project too', async () => {
      const unit = user('responsible-unit');
      await server.gql(
        'mutation($input: AssignLeaderInput!) { assignLeader(input: $input) { id } }',
        { input: { projectId: ids.decheng, subject: unit.subject, name: unit.name, kind: 'RESPONSIBLE_UNIT' } },
        COUNTY_LEADER,
      );
      expect(outcome(await report(unit, 'decheng', '2026-03'))).toBe('OK');
      expect(outcome(await report(unit, 'xinhu', '2026-03'))).toBe('NOT_FOUND');
    });
  });

  describe('tenants', () => {
    const tenant = (as: DevUser, code: string) => server.gql(`{ tenant(code: "${code}") { code } }`, {}, as);

    it('shows a town officer its own branch (itself and the units above) but not a neighbouring town', async () => {
      expect(outcome(await tenant(TOWN_OFFICER, XINHU))).toBe('OK');
      expect(outcome(await tenant(TOWN_OFFICER, DECHENG))).toBe('OK');
      expect(outcome(await tenant(TOWN_OFFICER, CITY))).toBe('OK');
      expect(outcome(await tenant(TOWN_OFFICER, XINHUA))).toBe('NOT_FOUND');
      const children = await server.gql(`{ tenants(parentCode: "${DECHENG}") { code } }`, {}, TOWN_OFFICER);
      expect(children.data?.tenants).toEqual([{ code: XINHU }]);
    });

    it('hides a sibling county from a county leader', async () => {
      expect(outcome(await tenant(COUNTY_LEADER, NINGJIN))).toBe('NOT_FOUND');
    });

    it('lets an administrator retire and reinstate a unit beneath it, and nobody else', async () => {
      const retire = (as: DevUser, code: string) =>
        server.gql(`mutation { retireTenant(code: "${code}", on: "2026-06-30") { validTo isActive } }`, {}, as);
      expect(outcome(await retire(user('city-leader'), XINHUA))).toBe('FORBIDDEN');
      expect(outcome(await retire(user('admin'), CITY))).toBe('FORBIDDEN');
      const countyAdmin = adHocUser({ tenantCode: NINGJIN, roles: [Role.ADMIN] });
      expect(outcome(await retire(countyAdmin, XINHUA))).toBe('NOT_FOUND');
      const retired = await retire(user('admin'), XINHUA);
      expect(retired.data?.retireTenant).toEqual({ validTo: '2026-06-30', isActive: false });
      expect(outcome(await retire(user('admin'), XINHUA))).toBe('CONFLICT');
      // Its history stays readable.
      expect(outcome(await read(user('city-leader'), 'xinhua'))).toBe('OK');
      const back = await server.gql(`mutation { reinstateTenant(code: "${XINHUA}") { isActive } }`, {}, user('admin'));
      expect(back.data?.reinstateTenant).toEqual({ isActive: true });
    });
  });
});
