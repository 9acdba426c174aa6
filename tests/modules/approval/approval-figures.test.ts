import { approvalLight } from '../../../src/modules/approval/approval-light';
import { ApprovalState } from '../../../src/modules/approval/approval.enums';
import { LightColor } from '../../../src/modules/rollup/traffic-light';
import {
  CITY,
  CITY_LEADER,
  COUNTY_LEADER,
  createHeatingNetwork,
  createProject,
  DECHENG,
  NINGJIN,
  NINGJIN_LEADER,
  TOWN_OFFICER,
  XINHU,
  XINHUA,
  XINHUA_OFFICER,
} from '../../support/fixtures';
import { startTestServer, type Caller, type TestServer } from '../../support/test-server';
import { approvalClient, day, today } from './approval-support';

const period = today.slice(0, 7);

const FIGURES = `pendingCount submittedCount overdueCount heldUpProjectCount
  byOffice { office pendingCount submittedCount overdueCount warnedCount light }`;

interface RawItem {
  project_id: string;
  owner_path: string;
  location_path: string;
  office: string;
  state: ApprovalState;
  submitted_on: string | null;
  approved_on: string | null;
  planned_on: string | null;
  time_limit_days: number;
  warning_days: number;
}

/**
 * The approval figures (前期手续) a rollup shows, recomputed here from the raw rows (items, kinds,
 * projects, exceptions) with the light of one approval (approval-light.ts) in place of the
 * database's set-based counting (kp_approval_figures).
 */
describe('approval figures on the rollup (前期手续统计)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants');
  });
  afterAll(() => server.close());

  const { ok } = approvalClient(() => server);

  const set = (as: Caller, projectId: string, kindCode: string, state: string, dates: Record<string, unknown> = {}) =>
    ok(
      `mutation($input: SetProjectApprovalInput!) { setProjectApproval(input: $input) { id } }`,
      { input: { projectId, kindCode, state, ...dates } },
      as,
    );

  const preparing = (name: string, owner: string, as: Caller) =>
    createProject(server, { code: null, name, ownerTenantCode: owner, stage: 'PREPARATORY', stageSince: '2026-01-10' }, as);

  async function recompute(code: string, byLocation: boolean) {
    const admin = server.adminOrm.em.fork().getConnection();
    const items: RawItem[] = await admin.execute(
      `select a.project_id, o.path::text as owner_path, coalesce(l.path, o.path)::text as location_path,
              coalesce(a.office, k.office) as office, a.state, a.submitted_on::text, a.approved_on::text, a.planned_on::text,
              k.time_limit_days, k.warning_days
         from project_approval a join approval_kind k on k.id = a.kind_id join project p on p.id = a.project_id
         join tenant o on o.code = p.owner_tenant_code left join tenant l on l.code = p.location_tenant_code`,
    );
    const [root] = await admin.execute<{ path: string }[]>(`select path::text from tenant where code = ?`, [code]);
    const within = (path: string) => path === root!.path || path.startsWith(`${root!.path}.`);
    const placed = items.filter((i) => within(byLocation ? i.location_path : i.owner_path));
    const pending = placed.filter((i) => i.state !== ApprovalState.NOT_NEEDED && !(i.approved_on && i.approved_on <= today));
    const lightOf = (i: RawItem) =>
      approvalLight(
        {
          state: i.state,
          submittedOn: i.submitted_on,
          approvedOn: i.approved_on,
          plannedOn: i.planned_on,
          timeLimitDays: i.time_limit_days,
          warningDays: i.warning_days,
        },
        today,
      );
    const offices = new Map<string, RawItem[]>();
    for (const i of pending) offices.set(i.office, [...(offices.get(i.office) ?? []), i]);
    // Held up: before the start, no exception, and a required kind neither approved nor not needed.
    const projects: { id: string; owner_path: string; location_path: string }[] = await admin.execute(
      `select p.id, o.path::text as owner_path, coalesce(l.path, o.path)::text as location_path
         from project p join tenant o on o.code = p.owner_tenant_code left join tenant l on l.code = p.location_tenant_code
        where p.stage in ('PLANNED', 'PREPARATORY', 'SIGNED')
          and not exists (select 1 from project_start_exception x where x.project_id = p.id)
          and exists (select 1 from approval_kind k where k.city_code = ? and k.is_required_to_start
                       and not exists (select 1 from project_approval a where a.project_id = p.id and a.kind_id = k.id
                                        and a.state in ('APPROVED', 'NOT_NEEDED')))`,
      [CITY],
    );
    return {
      pendingCount: pending.length,
      submittedCount: pending.filter((i) => i.submitted_on && i.submitted_on <= today).length,
      overdueCount: pending.filter((i) => lightOf(i) === LightColor.RED).length,
      heldUpProjectCount: projects.filter((p) => within(byLocation ? p.location_path : p.owner_path)).length,
      offices: new Map(
        [...offices].map(([office, list]) => {
          const overdue = list.filter((i) => lightOf(i) === LightColor.RED).length;
          const warned = list.filter((i) => lightOf(i) === LightColor.YELLOW).length;
          const light = overdue > 0 ? LightColor.RED : warned > 0 ? LightColor.YELLOW : LightColor.GREEN;
          return [office, { pendingCount: list.length, overdueCount: overdue, warnedCount: warned, light }];
        }),
      ),
    };
  }

  it('counts pending, submitted, overdue and held-up projects per subtree and per office as the raw rows say', async () => {
    await ok(
      `mutation($input: UpdateApprovalKindInput!) { updateApprovalKind(input: $input) { code } }`,
      { input: { cityCode: CITY, code: 'CONSTRUCTION_PERMIT', isRequiredToStart: true } },
      CITY_LEADER,
    );
    const xinhu = await preparing('新湖街道社区养老服务中心项目', XINHU, TOWN_OFFICER);
    const xinhu2 = await preparing('新湖街道背街小巷改造项目', XINHU, TOWN_OFFICER);
    const xinhua = await preparing('新华街道农贸市场提升项目', XINHUA, XINHUA_OFFICER);
    const ningjin = await preparing('宁津县体育中心项目', NINGJIN, NINGJIN_LEADER);
    const heating = await createHeatingNetwork(server, { stage: 'SIGNED', stageSince: '2026-02-01' });

    // Overdue by planned date; overdue by time limit since submission; warned by time limit; green; approved; not needed.
    await set(TOWN_OFFICER, xinhu.id, 'PROJECT_APPROVAL', 'NOT_STARTED', { plannedOn: day(-2) });
    await set(TOWN_OFFICER, xinhu.id, 'ENVIRONMENTAL_IMPACT', 'SUBMITTED', { submittedOn: day(-31) });
    await set(TOWN_OFFICER, xinhu.id, 'LAND_PRE_REVIEW', 'SUBMITTED', { submittedOn: day(-17) });
    await set(TOWN_OFFICER, xinhu.id, 'CONSTRUCTION_PERMIT', 'APPROVED', { submittedOn: day(-10), approvedOn: day(-5) });
    await set(TOWN_OFFICER, xinhu2.id, 'ENERGY_ASSESSMENT', 'NOT_NEEDED');
    await set(TOWN_OFFICER, xinhu2.id, 'LAND_SUPPLY', 'SUBMITTED', {
      submittedOn: day(-5),
      plannedOn: day(60),
      office: '德州市德城区自然资源局',
    });
    await set(XINHUA_OFFICER, xinhua.id, 'CONSTRUCTION_PERMIT', 'SUBMITTED', { submittedOn: day(-6) });
    await set(NINGJIN_LEADER, ningjin.id, 'ENVIRONMENTAL_IMPACT', 'SUBMITTED', { submittedOn: day(-40) });
    await set(NINGJIN_LEADER, ningjin.id, 'CONSTRUCTION_PERMIT', 'NOT_NEEDED');
    await set(CITY_LEADER, heating.id, 'ENGINEERING_PLANNING_PERMIT', 'NOT_STARTED', { plannedOn: day(3) });
    await ok(
      `mutation($input: RecordStartExceptionInput!) { recordStartException(input: $input) { id } }`,
      { input: { projectId: xinhua.id, reason: '容缺受理' } },
      COUNTY_LEADER,
    );

    for (const [code, basis, as] of [
      [CITY, 'OWNER', CITY_LEADER],
      [DECHENG, 'OWNER', COUNTY_LEADER],
      [DECHENG, 'LOCATION', COUNTY_LEADER],
      [XINHU, 'OWNER', TOWN_OFFICER],
      [NINGJIN, 'OWNER', NINGJIN_LEADER],
    ] as const) {
      const shown = await ok(
        `query($code: String!, $p: Period!, $basis: TenantBasis!) { rollup(tenantCode: $code, period: $p, basis: $basis) { approvals { ${FIGURES} } } }`,
        { code, p: period, basis },
        as,
      );
      const expected = await recompute(code, basis === 'LOCATION');
      expect({ code, basis, ...shown.approvals, byOffice: undefined }).toEqual({
        code,
        basis,
        pendingCount: expected.pendingCount,
        submittedCount: expected.submittedCount,
        overdueCount: expected.overdueCount,
        heldUpProjectCount: expected.heldUpProjectCount,
        byOffice: undefined,
      });
      expect(new Map(shown.approvals.byOffice.map(({ office, submittedCount: _s, ...rest }: any) => [office, rest]))).toEqual(
        expected.offices,
      );
    }

    // The figures this scenario was built to show, so the recomputation cannot agree by being empty.
    const city = await recompute(CITY, false);
    expect(city).toMatchObject({ pendingCount: 7, submittedCount: 5, overdueCount: 3, heldUpProjectCount: 2 });
    expect(city.offices.get('德州市生态环境局')).toEqual({ pendingCount: 2, overdueCount: 2, warnedCount: 0, light: 'RED' });
    expect(city.offices.get('德州市自然资源和规划局')).toEqual({ pendingCount: 2, overdueCount: 0, warnedCount: 2, light: 'YELLOW' });
    expect(city.offices.get('德州市德城区自然资源局')).toEqual({ pendingCount: 1, overdueCount: 0, warnedCount: 0, light: 'GREEN' });
  });
});
