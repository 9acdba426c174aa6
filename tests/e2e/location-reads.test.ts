import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { adHocUser } from '../../src/auth/dev-realm';
import { Role } from '../../src/auth/roles';
import { beginScopedTransaction, endScopedTransaction } from '../../src/db/scoped-transaction';
import { appOrmOptions } from '../../src/mikro-orm.config';
import {
  approveReport,
  CITY,
  CITY_LEADER,
  COUNTY_LEADER,
  createHeatingNetwork,
  createProject,
  DECHENG,
  HUANGHEYA,
  NINGJIN_LEADER,
} from '../support/fixtures';
import { collect, TENANT_CHANGES, type TenantChange } from '../support/live';
import { startTestServer, type TestServer } from '../support/test-server';

const HUANGHEYA_PATH = '371400.371402.371402101';
const HUANGHEYA_OFFICER = adHocUser({
  subject: 'huangheya-officer',
  name: '黄河涯镇干部',
  tenantCode: HUANGHEYA,
  roles: [Role.TOWN_OFFICER],
});

/**
 * Where a project is built (属地): the city's 德州市集中供热管网改造工程 (25.6亿), built in 德城区黄河涯镇,
 * is the city's (it registers and reports it), and 德城区 and 黄河涯镇 read it, count it in their
 * figures by location, and change nothing of it. Through HTTP with real tokens, and in PostgreSQL
 * itself as the application's role.
 */
describe('projects read where they are built (属地)', () => {
  let server: TestServer;
  let heating: { id: string };
  let reportId: string;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', CITY_LEADER);
    heating = await createHeatingNetwork(server);
    const report = await server.gql('mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }', {
      input: { projectId: heating.id, period: '2026-09', completedInvestmentWan: '12000', progressNote: '主管网铺设' },
    });
    reportId = report.data!.reportProgress.id;
    // The city's own projects are reviewed by the city.
    await approveReport(server, reportId, CITY_LEADER);
    // 德城区's own project, for comparison.
    await createProject(
      server,
      { code: null, name: '德城区道路改造', ownerTenantCode: DECHENG, totalInvestmentWan: '3000', annualPlans: [] },
      COUNTY_LEADER,
    );
  });
  afterAll(() => server.close());

  const READ = `query($id: ID!) { project(id: $id) { name owner { code } location { code } progressReports { completedInvestmentWan } } }`;

  it("gives the 德城区 leader and the 黄河涯镇 officer the city's project built in 黄河涯镇; a sibling county gets NOT_FOUND", async () => {
    for (const reader of [COUNTY_LEADER, HUANGHEYA_OFFICER]) {
      const read = await server.gql(READ, { id: heating.id }, reader);
      expect(read.errors).toBeUndefined();
      expect(read.data!.project).toEqual({
        name: '德州市集中供热管网改造工程',
        owner: { code: CITY },
        location: { code: HUANGHEYA },
        progressReports: [{ completedInvestmentWan: '12000' }],
      });
    }
    expect((await server.gql(READ, { id: heating.id }, NINGJIN_LEADER)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('lets the county change nothing of it: FORBIDDEN to edit, report, record funds or keep milestones, and nothing changes', async () => {
    const attempts: [string, Record<string, unknown>][] = [
      ['mutation($input: UpdateProjectInput!) { updateProject(input: $input) { id } }', { input: { id: heating.id, name: '改名' } }],
      [
        'mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }',
        {
          input: { projectId: heating.id, period: '2026-10', completedInvestmentWan: '1', progressNote: 'x' },
        },
      ],
      [
        'mutation($input: RecordFundArrivalInput!) { recordFundArrival(input: $input) { id } }',
        { input: { projectId: heating.id, amountWan: '1', arrivedOn: '2026-10-01' } },
      ],
      [
        'mutation($input: AddMilestoneInput!) { addMilestone(input: $input) { id } }',
        { input: { projectId: heating.id, title: '试压', dueOn: '2026-12-31' } },
      ],
      ['mutation($id: ID!) { approveProgressReport(id: $id) { id } }', { id: reportId }],
    ];
    for (const [query, variables] of attempts) {
      const result = await server.gql(query, variables, COUNTY_LEADER);
      expect({ query, code: result.errors?.[0]?.extensions.code }).toEqual({ query, code: 'FORBIDDEN' });
    }
    const read = await server.gql(
      `query($id: ID!) { project(id: $id) { name fundsInPlaceWan milestones { id } } }`,
      { id: heating.id },
      CITY_LEADER,
    );
    expect(read.data!.project).toEqual({ name: '德州市集中供热管网改造工程', fundsInPlaceWan: '0', milestones: [] });
  });

  it('lists it under 德城区 by location (basis: LOCATION), not by owner', async () => {
    const names = async (basis: string) => {
      const result = await server.gql(
        `{ projects(filter: { tenantCode: "${DECHENG}", basis: ${basis} }, first: 50) { nodes { name } } }`,
        {},
        COUNTY_LEADER,
      );
      expect(result.errors).toBeUndefined();
      return (result.data!.projects.nodes as { name: string }[]).map((n) => n.name).sort();
    };
    expect(await names('LOCATION')).toEqual(['德城区道路改造', '德州市集中供热管网改造工程']);
    expect(await names('OWNER')).toEqual(['德城区道路改造']);
  });

  it("counts it in 德城区's and 黄河涯镇's figures by location, in the city's either way", async () => {
    const FIELDS = 'projectCount totalInvestmentWan annualPlanWan completedThisYearWan';
    const figures = async (code: string, basis: string, as = COUNTY_LEADER) => {
      const result = await server.gql(`{ rollup(tenantCode: "${code}", period: "2026-10", basis: ${basis}) { basis ${FIELDS} } }`, {}, as);
      expect(result.errors).toBeUndefined();
      return result.data!.rollup;
    };
    expect(await figures(DECHENG, 'LOCATION')).toEqual({
      basis: 'LOCATION',
      projectCount: 2,
      totalInvestmentWan: '259000',
      annualPlanWan: '80000',
      completedThisYearWan: '12000',
    });
    expect(await figures(DECHENG, 'OWNER')).toEqual({
      basis: 'OWNER',
      projectCount: 1,
      totalInvestmentWan: '3000',
      annualPlanWan: '0',
      completedThisYearWan: '0',
    });
    expect(await figures(HUANGHEYA, 'LOCATION', HUANGHEYA_OFFICER)).toMatchObject({ projectCount: 1, completedThisYearWan: '12000' });
    expect(await figures(CITY, 'LOCATION', CITY_LEADER)).toEqual({ ...(await figures(CITY, 'OWNER', CITY_LEADER)), basis: 'LOCATION' });
    // The city's children by location: 德城区 holds it.
    const children = await server.gql(
      `{ rollup(tenantCode: "${CITY}", period: "2026-10", basis: LOCATION) { children { tenant { code } projectCount } } }`,
      {},
      CITY_LEADER,
    );
    expect(children.data!.rollup.children.find((c: { tenant: { code: string } }) => c.tenant.code === DECHENG)).toEqual({
      tenant: { code: DECHENG },
      projectCount: 2,
    });
  });

  it('streams its changes to the 德城区 dashboard', async () => {
    const streams = server.liveStreams();
    const live = collect<TenantChange>(server.wsClient(COUNTY_LEADER), TENANT_CHANGES, { tenant: DECHENG }, (d) => d.projectChanged);
    await server.untilLiveStreams(streams + 1);
    const updated = await server.gql(
      'mutation($input: UpdateProjectInput!) { updateProject(input: $input) { id } }',
      {
        input: { id: heating.id, contactName: '王工' },
      },
      CITY_LEADER,
    );
    expect(updated.errors).toBeUndefined();
    const [event] = await live.untilOwn((e) => e.projectId === heating.id && e.kind === 'PROJECT_UPDATED', 1);
    expect(event).toMatchObject({ tenantCode: CITY });
  });

  describe('in PostgreSQL itself, as the application role', () => {
    let app: MikroORM;
    beforeAll(async () => {
      app = await MikroORM.init(appOrmOptions({ clientUrl: server.orm.config.get('clientUrl') as string, poolMax: 2 }));
    });
    afterAll(() => app.close(true));

    async function asScope<T>(readRoot: string, work: (em: ReturnType<MikroORM['em']['fork']>) => Promise<T>): Promise<T> {
      const em = app.em.fork();
      await beginScopedTransaction(em, { readRoot, subject: 'someone' }, false);
      try {
        return await work(em);
      } finally {
        await endScopedTransaction(em, 'rollback');
      }
    }
    const count = (em: ReturnType<MikroORM['em']['fork']>, sql: string) =>
      em.execute<{ n: number }[]>(sql, [heating.id]).then((r) => Number(r[0]!.n));

    it('shows the county and the town the project and its records where it is built, and a sibling county nothing', async () => {
      for (const root of ['371400.371402', HUANGHEYA_PATH]) {
        await asScope(root, async (em) => {
          expect(await count(em, 'select count(*) as n from project where id = ?')).toBe(1);
          expect(await count(em, 'select count(*) as n from progress_report where project_id = ?')).toBe(1);
          expect(await count(em, 'select count(*) as n from project_annual_plan where project_id = ?')).toBe(1);
        });
      }
      await asScope('371400.371422', async (em) => {
        expect(await count(em, 'select count(*) as n from project where id = ?')).toBe(0);
        expect(await count(em, 'select count(*) as n from progress_report where project_id = ?')).toBe(0);
      });
    });

    it('lets the county write nothing of it: updates touch no row, inserts are refused by row-level security', async () => {
      await asScope('371400.371402', async (em) => {
        expect(await em.getConnection().execute(`update project set name = 'x' where id = ?`, [heating.id], 'run')).toMatchObject({
          affectedRows: 0,
        });
        expect(
          await em
            .getConnection()
            .execute(`update progress_report set completed_investment_wan = 1 where project_id = ?`, [heating.id], 'run'),
        ).toMatchObject({ affectedRows: 0 });
        expect(await em.getConnection().execute(`delete from project_annual_plan where project_id = ?`, [heating.id], 'run')).toMatchObject(
          { affectedRows: 0 },
        );
      });
      const refused = [
        `insert into milestone (id, project_id, title, due_on) values ('${randomUUID()}', ?, 'x', '2026-12-31')`,
        `insert into fund_arrival (id, project_id, arrived_on, amount_wan, recorded_by, recorded_by_name) values ('${randomUUID()}', ?, '2026-10-01', 1, 'x', 'x')`,
        `insert into project_stage_change (id, project_id, to_stage, changed_on, recorded_by, recorded_by_name) values ('${randomUUID()}', ?, 'COMPLETED', '2026-10-01', 'x', 'x')`,
      ];
      for (const sql of refused) {
        await expect(asScope('371400.371402', (em) => em.execute(sql, [heating.id]))).rejects.toThrow(/row-level security/);
      }
      // The owner's scope writes them (the same statements, the city's read root).
      await asScope('371400', (em) => em.execute(refused[0]!, [heating.id]));
    });
  });
});
