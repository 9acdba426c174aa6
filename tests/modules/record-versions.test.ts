import { OptimisticLockError } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import pino from 'pino';
import { createFormatError } from '../../src/errors/format-error';
import { Project } from '../../src/modules/project/project.entity';
import { COUNTY_LEADER, createProject, TOWN_OFFICER } from '../support/fixtures';
import { startTestServer, type Caller, type TestServer } from '../support/test-server';

const PROJECT = `query($id: ID!) { project(id: $id) { name stage version stageHistory { toStage } annualPlans { year plannedInvestmentWan }
  milestones { id title dueOn doneOn version } } }`;
const UPDATE_PROJECT = `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { name version } }`;
const CHANGE_STAGE = `mutation($input: ChangeProjectStageInput!) { changeProjectStage(input: $input) { stage version } }`;
const SET_PLAN = `mutation($input: SetAnnualPlanInput!) { setAnnualPlan(input: $input) { version annualPlans { year plannedInvestmentWan } } }`;

const MILESTONE_FIELDS = 'id title dueOn doneOn version';
const ADD_MILESTONE = `mutation($input: AddMilestoneInput!) { addMilestone(input: $input) { ${MILESTONE_FIELDS} } }`;
const UPDATE_MILESTONE = `mutation($input: UpdateMilestoneInput!) { updateMilestone(input: $input) { ${MILESTONE_FIELDS} } }`;
const COMPLETE_MILESTONE = `mutation($input: CompleteMilestoneInput!) { completeMilestone(input: $input) { ${MILESTONE_FIELDS} } }`;
const REOPEN_MILESTONE = `mutation($id: ID!, $version: Int) { reopenMilestone(id: $id, version: $version) { ${MILESTONE_FIELDS} } }`;
const DELETE_MILESTONE = `mutation($id: ID!, $version: Int) { deleteMilestone(id: $id, version: $version) }`;

const REPORT_FIELDS = 'id status completedInvestmentWan version reviews { action }';
const FILE_REPORT = `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { ${REPORT_FIELDS} } }`;
const READ_REPORT = `query($id: ID!) { progressReport(id: $id) { ${REPORT_FIELDS} } }`;
const CORRECT_REPORT = `mutation($input: CorrectProgressReportInput!) { correctProgressReport(input: $input) { ${REPORT_FIELDS} } }`;
const SUBMIT_REPORT = `mutation($id: ID!, $version: Int) { submitProgressReport(id: $id, version: $version) { ${REPORT_FIELDS} } }`;
const APPROVE_REPORT = `mutation($id: ID!, $version: Int) { approveProgressReport(id: $id, version: $version) { ${REPORT_FIELDS} } }`;
const RETURN_REPORT = `mutation($id: ID!, $reason: String!, $version: Int) {
  returnProgressReport(id: $id, reason: $reason, version: $version) { ${REPORT_FIELDS} } }`;

describe('record versions (optimistic locking)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER);
  });
  afterAll(() => server.close());

  async function ok<T = any>(query: string, variables: Record<string, unknown>, as: Caller = TOWN_OFFICER): Promise<T> {
    const result = await server.gql(query, variables, as);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return Object.values(result.data!)[0] as T;
  }

  async function conflict(query: string, variables: Record<string, unknown>, field: string, as: Caller = TOWN_OFFICER): Promise<string> {
    const result = await server.gql(query, variables, as);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field });
    expect(result.data).toBeNull();
    return result.errors![0]!.message;
  }

  const readProject = (id: string) => ok(PROJECT, { id });
  const newProject = async () => (await createProject(server, { code: null, stage: 'UNDER_CONSTRUCTION', stageSince: '2026-01-10' })).id;

  describe('projects', () => {
    it('starts a new project at version 1', async () => {
      const id = await newProject();
      expect((await readProject(id)).version).toBe(1);
    });

    it('answers CONFLICT on input.version when a project update is based on a stale version, and changes nothing', async () => {
      const id = await newProject();
      await ok(UPDATE_PROJECT, { input: { id, name: '第一次修改', version: 1 } });
      const before = await readProject(id);
      const message = await conflict(UPDATE_PROJECT, { input: { id, name: '基于旧版本的修改', version: 1 } }, 'input.version');
      expect(message).toBe('该项目在版本 1 之后已被修改（当前为版本 2）：请重新读取');
      expect(await readProject(id)).toEqual(before);
    });

    it('updates a project at its current version and answers it one higher; without a version it skips the check', async () => {
      const id = await newProject();
      expect(await ok(UPDATE_PROJECT, { input: { id, name: '新名称', version: 1 } })).toEqual({ name: '新名称', version: 2 });
      expect(await ok(UPDATE_PROJECT, { input: { id, name: '再次改名' } })).toEqual({ name: '再次改名', version: 3 });
      expect((await readProject(id)).version).toBe(3);
    });

    it('answers CONFLICT on input.version when a stage change is based on a stale version, and records no stage change', async () => {
      const id = await newProject();
      await ok(UPDATE_PROJECT, { input: { id, contactName: '张三' } });
      const before = await readProject(id);
      await conflict(CHANGE_STAGE, { input: { projectId: id, stage: 'COMPLETED', version: 1 } }, 'input.version');
      expect(await readProject(id)).toEqual(before);
    });

    it('changes the stage at the current version and answers the version one higher; without a version it skips the check', async () => {
      const id = await newProject();
      expect(await ok(CHANGE_STAGE, { input: { projectId: id, stage: 'COMPLETED', version: 1 } })).toEqual({
        stage: 'COMPLETED',
        version: 2,
      });
      expect(await ok(CHANGE_STAGE, { input: { projectId: id, stage: 'UNDER_CONSTRUCTION', note: '竣工验收未通过' } })).toEqual({
        stage: 'UNDER_CONSTRUCTION',
        version: 3,
      });
    });

    it("checks the project's version when a yearly plan is set, and leaves it as it is", async () => {
      const id = await newProject();
      await ok(UPDATE_PROJECT, { input: { id, contactName: '李四' } });
      const before = await readProject(id);
      await conflict(SET_PLAN, { input: { projectId: id, year: 2027, plannedInvestmentWan: '100', version: 1 } }, 'input.version');
      expect(await readProject(id)).toEqual(before);
      const set = await ok(SET_PLAN, { input: { projectId: id, year: 2027, plannedInvestmentWan: '100', version: 2 } });
      expect(set.version).toBe(2);
      expect(set.annualPlans).toContainEqual({ year: 2027, plannedInvestmentWan: '100' });
    });

    it("raises the project's version when the approval of a monthly report moves its stage forward", async () => {
      const id = await newProject();
      const report = await ok(FILE_REPORT, {
        input: { projectId: id, period: '2026-06', completedInvestmentWan: '10', progressNote: '竣工', stageAtMonthEnd: 'COMPLETED' },
      });
      expect(await readProject(id)).toMatchObject({ stage: 'UNDER_CONSTRUCTION', version: 1 });
      await ok(APPROVE_REPORT, { id: report.id }, COUNTY_LEADER);
      expect(await readProject(id)).toMatchObject({ stage: 'COMPLETED', version: 2 });
    });

    it('keeps the version out of change events and audit records (bookkeeping)', async () => {
      const id = await newProject();
      await ok(UPDATE_PROJECT, { input: { id, name: '审计留痕', version: 1 } });
      const connection = server.adminOrm.em.fork().getConnection();
      const [audit] = await connection.execute<{ before: object; after: object }[]>(
        `select before, after from audit_record where entity = 'Project' and entity_id = ? order by id desc limit 1`,
        [id],
      );
      expect(Object.keys(audit!.after)).toEqual(['name']);
      expect(Object.keys(audit!.before)).toEqual(['name']);
      const [created] = await connection.execute<{ after: object }[]>(
        `select after from audit_record where entity = 'Project' and entity_id = ? and operation = 'CREATE'`,
        [id],
      );
      expect(created!.after).not.toHaveProperty('version');
      const [event] = await connection.execute<{ kind: string; changes: object }[]>(
        `select kind, changes from change_event where project_id = ? order by tx desc, id desc limit 1`,
        [id],
      );
      expect(event).toMatchObject({ kind: 'PROJECT_UPDATED' });
      expect(Object.keys(event!.changes)).toEqual(['name']);
    });
  });

  describe('milestones', () => {
    let projectId: string;
    beforeAll(async () => {
      projectId = await newProject();
    });

    const add = (title = '主体封顶') => ok(ADD_MILESTONE, { input: { projectId, title, dueOn: '2026-09-30' } });
    const readMilestone = async (id: string) => (await readProject(projectId)).milestones.find((m: { id: string }) => m.id === id);

    it('answers CONFLICT on input.version for an update based on a stale version, and changes nothing', async () => {
      const milestone = await add();
      expect(milestone.version).toBe(1);
      await ok(UPDATE_MILESTONE, { input: { id: milestone.id, dueOn: '2026-10-31', version: 1 } });
      const before = await readMilestone(milestone.id);
      await conflict(UPDATE_MILESTONE, { input: { id: milestone.id, title: '旧版本上的修改', version: 1 } }, 'input.version');
      expect(await readMilestone(milestone.id)).toEqual(before);
    });

    it('updates at the current version and answers it one higher; without a version it skips the check', async () => {
      const milestone = await add();
      expect(await ok(UPDATE_MILESTONE, { input: { id: milestone.id, title: '设备安装', version: 1 } })).toMatchObject({
        title: '设备安装',
        version: 2,
      });
      expect(await ok(UPDATE_MILESTONE, { input: { id: milestone.id, title: '设备调试' } })).toMatchObject({
        title: '设备调试',
        version: 3,
      });
    });

    it('answers CONFLICT on input.version for a completion based on a stale version, and leaves it open', async () => {
      const milestone = await add();
      await ok(UPDATE_MILESTONE, { input: { id: milestone.id, title: '竣工验收' } });
      const before = await readMilestone(milestone.id);
      await conflict(COMPLETE_MILESTONE, { input: { id: milestone.id, doneOn: '2026-06-01', version: 1 } }, 'input.version');
      expect(await readMilestone(milestone.id)).toEqual(before);
      expect(before.doneOn).toBeNull();
    });

    it('completes at the current version and answers it one higher; without a version it skips the check', async () => {
      const first = await add();
      expect(await ok(COMPLETE_MILESTONE, { input: { id: first.id, doneOn: '2026-06-01', version: 1 } })).toMatchObject({
        doneOn: '2026-06-01',
        version: 2,
      });
      const second = await add();
      expect(await ok(COMPLETE_MILESTONE, { input: { id: second.id, doneOn: '2026-06-02' } })).toMatchObject({
        doneOn: '2026-06-02',
        version: 2,
      });
    });

    it('checks the version argument of reopenMilestone and deleteMilestone (field `version`), and works without it', async () => {
      const milestone = await add();
      await ok(COMPLETE_MILESTONE, { input: { id: milestone.id, doneOn: '2026-06-01' } });
      await conflict(REOPEN_MILESTONE, { id: milestone.id, version: 1 }, 'version');
      expect((await readMilestone(milestone.id)).doneOn).toBe('2026-06-01');
      expect(await ok(REOPEN_MILESTONE, { id: milestone.id, version: 2 })).toMatchObject({ doneOn: null, version: 3 });

      await conflict(DELETE_MILESTONE, { id: milestone.id, version: 2 }, 'version');
      expect(await readMilestone(milestone.id)).toMatchObject({ version: 3 });
      expect(await ok(DELETE_MILESTONE, { id: milestone.id, version: 3 })).toBe(milestone.id);
      expect(await readMilestone(milestone.id)).toBeUndefined();

      const other = await add();
      expect(await ok(DELETE_MILESTONE, { id: other.id })).toBe(other.id);
    });
  });

  describe('monthly reports', () => {
    let projectId: string;
    let month = 0;
    beforeAll(async () => {
      projectId = await newProject();
    });

    // Each report needs a month of its own: January 2026 onwards.
    const file = (submit = true) =>
      ok(FILE_REPORT, {
        input: {
          projectId,
          period: `2026-${String(++month).padStart(2, '0')}`,
          completedInvestmentWan: '10',
          progressNote: '施工中',
          submit,
        },
      });
    const readReport = (id: string) => ok(READ_REPORT, { id });

    it('answers CONFLICT on input.version for a correction based on a stale version, and changes nothing', async () => {
      const report = await file();
      expect(report.version).toBe(1);
      await ok(CORRECT_REPORT, { input: { id: report.id, completedInvestmentWan: '11', version: 1 } });
      const before = await readReport(report.id);
      await conflict(CORRECT_REPORT, { input: { id: report.id, completedInvestmentWan: '99', version: 1 } }, 'input.version');
      expect(await readReport(report.id)).toEqual(before);
      expect(before.completedInvestmentWan).toBe('11');
    });

    it('corrects at the current version and answers it one higher; without a version it skips the check', async () => {
      const report = await file();
      expect(await ok(CORRECT_REPORT, { input: { id: report.id, completedInvestmentWan: '12', version: 1 } })).toMatchObject({
        completedInvestmentWan: '12',
        version: 2,
      });
      expect(await ok(CORRECT_REPORT, { input: { id: report.id, completedInvestmentWan: '13' } })).toMatchObject({
        completedInvestmentWan: '13',
        version: 3,
      });
    });

    it('answers CONFLICT on `version` when a reviewer approves a report corrected since they read it, and approves nothing', async () => {
      const report = await file();
      const read = await readReport(report.id);
      await ok(CORRECT_REPORT, { input: { id: report.id, completedInvestmentWan: '20' } });
      const before = await readReport(report.id);
      await conflict(APPROVE_REPORT, { id: report.id, version: read.version }, 'version', COUNTY_LEADER);
      const after = await readReport(report.id);
      expect(after).toEqual(before);
      expect(after).toMatchObject({ status: 'SUBMITTED', reviews: [{ action: 'SUBMITTED' }] });
    });

    it('approves at the current version and answers it one higher; without a version it skips the check', async () => {
      const report = await file();
      expect(await ok(APPROVE_REPORT, { id: report.id, version: 1 }, COUNTY_LEADER)).toMatchObject({ status: 'APPROVED', version: 2 });
      const other = await file();
      expect(await ok(APPROVE_REPORT, { id: other.id }, COUNTY_LEADER)).toMatchObject({ status: 'APPROVED', version: 2 });
    });

    it('checks the version argument of submitProgressReport and returnProgressReport', async () => {
      const draft = await file(false);
      await ok(CORRECT_REPORT, { input: { id: draft.id, completedInvestmentWan: '15' } });
      await conflict(SUBMIT_REPORT, { id: draft.id, version: 1 }, 'version');
      expect(await readReport(draft.id)).toMatchObject({ status: 'DRAFT', version: 2 });
      expect(await ok(SUBMIT_REPORT, { id: draft.id, version: 2 })).toMatchObject({ status: 'SUBMITTED', version: 3 });

      await conflict(RETURN_REPORT, { id: draft.id, reason: '数据有误', version: 2 }, 'version', COUNTY_LEADER);
      expect(await readReport(draft.id)).toMatchObject({ status: 'SUBMITTED', version: 3, reviews: [{ action: 'SUBMITTED' }] });
      expect(await ok(RETURN_REPORT, { id: draft.id, reason: '数据有误', version: 3 }, COUNTY_LEADER)).toMatchObject({
        status: 'RETURNED',
        version: 4,
      });
    });
  });

  describe('a change committed between the check and the write', () => {
    it('is refused by the update itself: MikroORM adds the version to its where clause', async () => {
      const id = await newProject();
      const em = server.adminOrm.em.fork();
      const project = await em.findOneOrFail(Project, { id });
      // Someone else's update lands after this unit of work read the project.
      await server.adminOrm.em.fork().getConnection().execute('update project set version = version + 1 where id = ?', [id]);
      project.name = '并发修改';
      await expect(em.flush()).rejects.toBeInstanceOf(OptimisticLockError);
      const [row] = await server.adminOrm.em
        .fork()
        .getConnection()
        .execute<{ name: string }[]>('select name from project where id = ?', [id]);
      expect(row!.name).not.toBe('并发修改');
    });

    it('reaches the client as CONFLICT, never as INTERNAL_SERVER_ERROR', () => {
      const formatError = createFormatError(pino({ level: 'silent' }));
      const error = new GraphQLError('The optimistic lock on entity Project failed', {
        path: ['updateProject'],
        originalError: OptimisticLockError.lockFailed('Project'),
      });
      expect(formatError({ message: error.message, path: ['updateProject'] }, error, 'en')).toEqual({
        message: 'The record changed while this update was being made; reload it and try again',
        path: ['updateProject'],
        extensions: { code: 'CONFLICT' },
      });
      expect(formatError({ message: error.message, path: ['updateProject'] }, error, 'zh')).toEqual({
        message: '记录在本次修改期间已被他人更改：请重新读取后再试',
        path: ['updateProject'],
        extensions: { code: 'CONFLICT' },
      });
    });
  });
});
