import { devUser } from '../../../src/auth/dev-users';
import {
  CITY,
  CITY_LEADER,
  COUNTY_LEADER,
  createProject,
  DECHENG,
  NINGJIN,
  TOWN_OFFICER,
  XINHU,
  XINHUA_OFFICER,
} from '../../support/fixtures';
import { startTestServer, type Caller, type TestServer } from '../../support/test-server';
import { approvalClient, day, today } from './approval-support';

const SUPERVISOR = devUser('supervisor')!;
const ADMIN = devUser('admin')!;

const ITEM = `id state office submittedOn approvedOn plannedOn documentNumber note version light isOverdue
  kind { code name office isRequiredToStart timeLimitDays warningDays }`;
const SET = `mutation($input: SetProjectApprovalInput!) { setProjectApproval(input: $input) { ${ITEM} } }`;
const CHECKLIST = `query($id: ID!) { project(id: $id) { stage approvals { ${ITEM} } missingStartApprovals { kind { code } }
  startException { reason recordedByName } } }`;
const UPDATE_KIND = `mutation($input: UpdateApprovalKindInput!) { updateApprovalKind(input: $input) { code isRequiredToStart timeLimitDays warningDays version } }`;
const EXCEPTION = `mutation($input: RecordStartExceptionInput!) { recordStartException(input: $input) { reason recordedByName } }`;
const CHANGE_STAGE = `mutation($input: ChangeProjectStageInput!) { changeProjectStage(input: $input) { stage } }`;

describe('preparatory approvals (前期手续)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants');
  });
  afterAll(() => server.close());

  const { ok, failure } = approvalClient(() => server);

  const set = (input: Record<string, unknown>, as: Caller = TOWN_OFFICER) => ok(SET, { input }, as);
  const checklist = (id: string, as: Caller = TOWN_OFFICER) => ok(CHECKLIST, { id }, as);
  const preparing = (name: string, owner = XINHU, as: Caller = TOWN_OFFICER) =>
    createProject(server, { code: null, name, ownerTenantCode: owner, stage: 'PREPARATORY', stageSince: '2026-01-10' }, as);

  const admin = () => server.adminOrm.em.fork().getConnection();

  it("lists the city's default approvals on every project, not started, with the city's offices", async () => {
    const project = await preparing('新湖街道社区卫生服务中心项目');
    const view = await checklist(project.id);
    expect(view.approvals.map((a: any) => a.kind.code)).toEqual([
      'PROJECT_APPROVAL',
      'LAND_PRE_REVIEW',
      'LAND_SUPPLY',
      'LAND_USE_PLANNING_PERMIT',
      'ENGINEERING_PLANNING_PERMIT',
      'ENVIRONMENTAL_IMPACT',
      'ENERGY_ASSESSMENT',
      'CONSTRUCTION_PERMIT',
    ]);
    expect(view.approvals[5]).toMatchObject({
      id: null,
      state: 'NOT_STARTED',
      office: '德州市生态环境局',
      version: 0,
      light: 'GREEN',
      kind: { name: '环境影响评价批复', isRequiredToStart: false, timeLimitDays: 30 },
    });
    // Nothing is required until the city says so: the start is not held up.
    expect(view.missingStartApprovals).toEqual([]);
  });

  it('runs an approval from planned through submitted to approved, versioned, audited and announced live', async () => {
    const project = await preparing('新湖街道农贸市场改造项目');
    const auditBefore = await admin().execute(`select count(*)::int as n from audit_record where entity = 'ProjectApproval'`);
    const planned = await set({ projectId: project.id, kindCode: 'ENVIRONMENTAL_IMPACT', state: 'NOT_STARTED', plannedOn: day(40) });
    expect(planned).toMatchObject({ state: 'NOT_STARTED', plannedOn: day(40), version: 1, light: 'GREEN' });

    const submitted = await set({
      projectId: project.id,
      kindCode: 'ENVIRONMENTAL_IMPACT',
      state: 'SUBMITTED',
      submittedOn: day(-3),
      plannedOn: day(40),
      office: '德州市生态环境局德城分局',
      version: 1,
    });
    expect(submitted).toMatchObject({ id: planned.id, state: 'SUBMITTED', office: '德州市生态环境局德城分局', version: 2 });

    const approval = {
      projectId: project.id,
      kindCode: 'ENVIRONMENTAL_IMPACT',
      state: 'APPROVED',
      submittedOn: day(-3),
      approvedOn: day(-1),
    };
    const stale = await failure(SET, { input: { ...approval, version: 1 } }, TOWN_OFFICER);
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });

    const approved = await set({
      ...approval,
      documentNumber: '德环审〔2026〕15号',
      office: '德州市生态环境局德城分局',
      version: 2,
    });
    expect(approved).toMatchObject({
      state: 'APPROVED',
      approvedOn: day(-1),
      documentNumber: '德环审〔2026〕15号',
      version: 3,
      light: 'GREEN',
    });

    // Taken back (the grant was withdrawn for a resubmission): the line as given, the grant's date and number cleared.
    const reverted = await set({ ...approval, state: 'SUBMITTED', approvedOn: null, version: 3 });
    expect(reverted).toMatchObject({ state: 'SUBMITTED', approvedOn: null, documentNumber: null, office: '德州市生态环境局', version: 4 });
    const stored = await admin().execute(`select approved_on, document_number, office from project_approval where id = ?`, [planned.id]);
    expect(stored[0]).toEqual({ approved_on: null, document_number: null, office: null });

    const auditAfter = await admin().execute(`select count(*)::int as n from audit_record where entity = 'ProjectApproval'`);
    expect(auditAfter[0]!.n - auditBefore[0]!.n).toBe(4);
    const events = await admin().execute(
      `select kind, changes -> 'state' ->> 'after' as state from change_event where project_id = ? and kind = 'APPROVAL_CHANGED' order by id`,
      [project.id],
    );
    expect(events.map((e: any) => e.state)).toEqual(['NOT_STARTED', 'SUBMITTED', 'APPROVED', 'SUBMITTED']);
  });

  it('refuses bad input with the field at fault and changes nothing', async () => {
    const project = await preparing('新湖街道老旧小区改造项目');
    const cases: [Record<string, unknown>, string][] = [
      [{ kindCode: 'NO_SUCH_APPROVAL', state: 'SUBMITTED', submittedOn: day(-1) }, 'input.kindCode'],
      [{ kindCode: 'CONSTRUCTION_PERMIT', state: 'APPROVED', submittedOn: day(-5) }, 'input.approvedOn'],
      [{ kindCode: 'CONSTRUCTION_PERMIT', state: 'APPROVED', submittedOn: day(-5), approvedOn: day(-6) }, 'input.approvedOn'],
      [{ kindCode: 'CONSTRUCTION_PERMIT', state: 'SUBMITTED' }, 'input.submittedOn'],
      [{ kindCode: 'CONSTRUCTION_PERMIT', state: 'SUBMITTED', submittedOn: day(2) }, 'input.submittedOn'],
      [{ kindCode: 'CONSTRUCTION_PERMIT', state: 'NOT_STARTED', approvedOn: day(-1) }, 'input.approvedOn'],
      [
        { kindCode: 'CONSTRUCTION_PERMIT', state: 'SUBMITTED', submittedOn: day(-1), documentNumber: '德审批〔2026〕1号' },
        'input.documentNumber',
      ],
      [{ kindCode: 'CONSTRUCTION_PERMIT', state: 'NOT_NEEDED', plannedOn: day(3) }, 'input.plannedOn'],
      [{ kindCode: 'CONSTRUCTION_PERMIT', state: 'NOT_STARTED', office: '局'.repeat(101) }, 'input.office'],
    ];
    for (const [input, field] of cases) {
      const error = await failure(SET, { input: { projectId: project.id, ...input } }, TOWN_OFFICER);
      expect({ input, code: error.extensions!.code, field: error.extensions!.field }).toEqual({ input, code: 'BAD_USER_INPUT', field });
      expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    // A date that does not exist is refused by its scalar, before the mutation runs.
    const unknownDate = await server.gql(
      SET,
      { input: { projectId: project.id, kindCode: 'CONSTRUCTION_PERMIT', state: 'SUBMITTED', submittedOn: '2026-02-30' } },
      TOWN_OFFICER,
    );
    expect(unknownDate.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const rows = await admin().execute(`select count(*)::int as n from project_approval where project_id = ?`, [project.id]);
    expect(rows[0]!.n).toBe(0);
  });

  it('lets the town and those assigned write, leaders and the supervisor only read, and hides it from other towns', async () => {
    const project = await preparing('新湖街道口袋公园建设项目');
    const input = { projectId: project.id, kindCode: 'PROJECT_APPROVAL', state: 'SUBMITTED', submittedOn: day(-2) };
    for (const reader of [COUNTY_LEADER, CITY_LEADER, SUPERVISOR]) {
      expect((await checklist(project.id, reader)).approvals).toHaveLength(8);
      expect((await failure(SET, { input }, reader)).extensions!.code).toBe('FORBIDDEN');
    }
    expect((await failure(CHECKLIST, { id: project.id }, XINHUA_OFFICER)).extensions!.code).toBe('NOT_FOUND');
    expect((await failure(SET, { input }, XINHUA_OFFICER)).extensions!.code).toBe('NOT_FOUND');
    await set(input);
  });

  it("hides another town's approvals in the database too (row-level security)", async () => {
    const project = await preparing('新湖街道污水管网改造项目');
    await set({ projectId: project.id, kindCode: 'LAND_SUPPLY', state: 'NOT_STARTED', plannedOn: day(30) });
    const count = (root: string) =>
      server.orm.em.fork().transactional(async (tx) => {
        await tx.execute(`select set_config('kp.read_root', ?, true), set_config('kp.subject', ?, true)`, [root, 'nobody']);
        const rows = await tx.execute<{ n: number }[]>('select count(*)::int as n from project_approval where project_id = ?', [
          project.id,
        ]);
        return rows[0]!.n;
      });
    expect(await count(`${CITY}.${DECHENG}.${XINHU}`)).toBe(1);
    expect(await count(`${CITY}.${DECHENG}.371402002`)).toBe(0);
    expect(await count(`${CITY}.${NINGJIN}`)).toBe(0);
    const written = server.orm.em.fork().transactional(async (tx) => {
      await tx.execute(`select set_config('kp.read_root', ?, true), set_config('kp.subject', ?, true)`, [`${CITY}.${NINGJIN}`, 'nobody']);
      await tx.execute(
        `insert into project_approval (id, project_id, kind_id, state) select gen_random_uuid(), ?, k.id, 'NOT_STARTED' from approval_kind k where k.city_code = ? and k.code = 'CONSTRUCTION_PERMIT'`,
        [project.id, CITY],
      );
    });
    await expect(written).rejects.toThrow(/row-level security/);
  });

  it("lets only the city's leaders and administrators change its list, with checked rules", async () => {
    const input = { cityCode: CITY, code: 'ENERGY_ASSESSMENT', timeLimitDays: 25 };
    expect((await failure(UPDATE_KIND, { input }, TOWN_OFFICER)).extensions!.code).toBe('FORBIDDEN');
    expect((await failure(UPDATE_KIND, { input }, COUNTY_LEADER)).extensions!.code).toBe('FORBIDDEN');
    const bad = await failure(UPDATE_KIND, { input: { ...input, warningDays: 25 } }, CITY_LEADER);
    expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.warningDays' });
    const unknown = await failure(UPDATE_KIND, { input: { ...input, code: 'NOPE' } }, CITY_LEADER);
    expect(unknown.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    expect(await ok(UPDATE_KIND, { input }, ADMIN)).toMatchObject({ timeLimitDays: 25, version: 2 });
    const stale = await failure(UPDATE_KIND, { input: { ...input, version: 1 } }, CITY_LEADER);
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
  });

  describe('start gating (开工前置手续)', () => {
    beforeAll(async () => {
      for (const code of ['PROJECT_APPROVAL', 'CONSTRUCTION_PERMIT']) {
        await ok(UPDATE_KIND, { input: { cityCode: CITY, code, isRequiredToStart: true } }, CITY_LEADER);
      }
    });

    it('refuses a start naming the missing approvals, and allows it once they are approved or not needed', async () => {
      const project = await preparing('新湖街道便民服务中心项目');
      const start = { input: { projectId: project.id, stage: 'STARTED' } };
      const refused = await failure(CHANGE_STAGE, start, TOWN_OFFICER);
      expect(refused.extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'input.stage',
        reason: 'START_APPROVALS_MISSING',
        missingApprovals: ['PROJECT_APPROVAL', 'CONSTRUCTION_PERMIT'],
      });
      expect(refused.message).toContain('立项/可研批复、施工许可');
      expect((await checklist(project.id)).stage).toBe('PREPARATORY');

      await set({ projectId: project.id, kindCode: 'PROJECT_APPROVAL', state: 'APPROVED', submittedOn: day(-20), approvedOn: day(-10) });
      const still = await failure(CHANGE_STAGE, start, TOWN_OFFICER);
      expect(still.extensions).toMatchObject({ code: 'CONFLICT', missingApprovals: ['CONSTRUCTION_PERMIT'] });
      await set({ projectId: project.id, kindCode: 'CONSTRUCTION_PERMIT', state: 'NOT_NEEDED' });
      expect((await checklist(project.id)).missingStartApprovals).toEqual([]);
      expect(await ok(CHANGE_STAGE, start, TOWN_OFFICER)).toEqual({ stage: 'STARTED' });
    });

    it('lets a project start without them once a leader above records an exception, audited', async () => {
      const project = await preparing('新湖街道智能停车场项目');
      const input = { projectId: project.id, reason: '经区重点项目推进委员会研究，实行容缺受理，承诺开工后30日内补齐施工许可' };
      expect((await failure(EXCEPTION, { input }, TOWN_OFFICER)).extensions!.code).toBe('FORBIDDEN');
      expect((await failure(EXCEPTION, { input: { ...input, reason: '  ' } }, COUNTY_LEADER)).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.reason',
      });
      expect(await ok(EXCEPTION, { input }, COUNTY_LEADER)).toMatchObject({ recordedByName: '李娜' });
      expect((await failure(EXCEPTION, { input }, CITY_LEADER)).extensions).toMatchObject({ code: 'CONFLICT', field: 'input.projectId' });
      const audited = await admin().execute(
        `select count(*)::int as n from audit_record where entity = 'StartException' and project_id = ?`,
        [project.id],
      );
      expect(audited[0]!.n).toBe(1);
      expect(await ok(CHANGE_STAGE, { input: { projectId: project.id, stage: 'STARTED' } }, TOWN_OFFICER)).toEqual({ stage: 'STARTED' });
    });

    it('refuses to approve a monthly report claiming the start while approvals are missing, and nothing of the approval stays', async () => {
      const project = await preparing('新湖街道文化活动中心项目');
      const period = today.slice(0, 7);
      const report = await ok(
        `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id status } }`,
        {
          input: { projectId: project.id, period, completedInvestmentWan: '120', progressNote: '施工单位进场', stageAtMonthEnd: 'STARTED' },
        },
        TOWN_OFFICER,
      );
      const APPROVE = `mutation($id: ID!) { approveProgressReport(id: $id) { status project { stage } } }`;
      const refused = await failure(APPROVE, { id: report.id }, COUNTY_LEADER);
      expect(refused.extensions).toMatchObject({ code: 'CONFLICT', field: 'id', reason: 'START_APPROVALS_MISSING' });
      const status = await admin().execute(`select status from progress_report where id = ?`, [report.id]);
      expect(status[0]!.status).not.toBe('APPROVED');
      for (const kindCode of ['PROJECT_APPROVAL', 'CONSTRUCTION_PERMIT']) {
        await set({ projectId: project.id, kindCode, state: 'APPROVED', submittedOn: day(-9), approvedOn: day(-2) });
      }
      expect(await ok(APPROVE, { id: report.id }, COUNTY_LEADER)).toEqual({ status: 'APPROVED', project: { stage: 'STARTED' } });
    });
  });
});
