import { CITY, CITY_LEADER, TOWN_OFFICER } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/** The demo city's preparatory approvals (前期手续): every state, believable offices, starts that hold. */
describe('demo approvals', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('demo', CITY_LEADER);
  });
  afterAll(() => server.close());

  const admin = () => server.adminOrm.em.fork().getConnection();

  it('holds every state, with county offices for county and town projects and document numbers on grants', async () => {
    const states = await admin().execute<{ state: string; n: number }[]>(
      `select state, count(*)::int as n from project_approval group by state order by state`,
    );
    expect(states.map((s) => s.state)).toEqual(['NOT_NEEDED', 'NOT_STARTED', 'SUBMITTED', 'APPROVED']);
    for (const s of states) expect(s.n).toBeGreaterThan(10);
    const offices = await admin().execute<{ office: string }[]>(`select distinct coalesce(a.office, k.office) as office
      from project_approval a join approval_kind k on k.id = a.kind_id order by 1`);
    expect(offices.map((o) => o.office)).toEqual(
      expect.arrayContaining([
        '德州市行政审批服务局',
        '德州市自然资源和规划局',
        '德城区行政审批服务局',
        '德城区自然资源局',
        '德州市生态环境局德城分局',
      ]),
    );
    const unnumbered = await admin().execute<{ n: number }[]>(
      `select count(*)::int as n from project_approval where state = 'APPROVED' and document_number is null`,
    );
    expect(unnumbered[0]!.n).toBe(0);
  });

  it('starts no project without its required approvals unless a leader recorded an exception', async () => {
    const missing = await admin().execute<{ n: number }[]>(
      `select count(*)::int as n from project p join tenant t on t.code = p.owner_tenant_code
        join approval_kind k on k.city_code = subpath(t.path, 0, 1)::text and k.is_required_to_start
       where p.stage >= 'STARTED'
         and not exists (select 1 from project_start_exception x where x.project_id = p.id)
         and not exists (select 1 from project_approval a where a.project_id = p.id and a.kind_id = k.id
                          and (a.state = 'NOT_NEEDED' or a.approved_on <= (select min(s.changed_on) from project_stage_change s
                                                                         where s.project_id = p.id and s.to_stage >= 'STARTED')))`,
    );
    expect(missing[0]!.n).toBe(0);
    const exceptions = await admin().execute<{ n: number }[]>(`select count(*)::int as n from project_start_exception`);
    expect(exceptions[0]!.n).toBeGreaterThan(0);
  });

  it("shows the city pending, overdue and held-up approvals with red and yellow offices, and 王磊's town its own", async () => {
    const period = new Date().toISOString().slice(0, 7);
    const query = `query($code: String!, $p: Period!) { rollup(tenantCode: $code, period: $p) { approvals {
      pendingCount submittedCount overdueCount heldUpProjectCount byOffice { office light } } } }`;
    const city = await server.gql(query, { code: CITY, p: period }, CITY_LEADER);
    expect(city.errors).toBeUndefined();
    const figures = city.data!.rollup.approvals;
    expect(figures.pendingCount).toBeGreaterThan(figures.overdueCount);
    expect(figures.overdueCount).toBeGreaterThan(0);
    expect(figures.heldUpProjectCount).toBeGreaterThan(0);
    expect(new Set(figures.byOffice.map((o: { light: string }) => o.light))).toEqual(new Set(['RED', 'YELLOW', 'GREEN']));
    const town = await server.gql(query, { code: '371402001', p: period }, TOWN_OFFICER);
    expect(town.data!.rollup.approvals.pendingCount).toBeLessThan(figures.pendingCount);
  });
});
