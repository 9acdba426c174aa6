import { CITY, CITY_LEADER, COUNTY_LEADER, createProject, DECHENG, TOWN_OFFICER, XINHU } from '../../support/fixtures';
import { collect } from '../../support/live';
import { startTestServer, type TestServer } from '../../support/test-server';

const REPORT = `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id status } }`;
const APPROVE = `mutation($id: ID!) { approveProgressReport(id: $id) { status project { stage } } }`;
const RETURN = `mutation($id: ID!, $reason: String!) { returnProgressReport(id: $id, reason: $reason) { status } }`;
const SUBMIT = `mutation($id: ID!) { submitProgressReport(id: $id) { status } }`;
const CORRECT = `mutation($input: CorrectProgressReportInput!) { correctProgressReport(input: $input) { stageAtMonthEnd } }`;
const CHANGE_STAGE = `mutation($input: ChangeProjectStageInput!) { changeProjectStage(input: $input) { stage } }`;
const PROJECT = `query($id: ID!) { project(id: $id) {
  stage startedOn stageHistory { id fromStage toStage changedOn note recordedBySubject report { id period } }
} }`;

interface StageView {
  stage: string;
  startedOn: string | null;
  stageHistory: {
    id: string;
    fromStage: string | null;
    toStage: string;
    changedOn: string;
    note: string | null;
    recordedBySubject: string;
    report: { id: string; period: string } | null;
  }[];
}

/**
 * A stage a monthly report claims takes effect when the level above approves the report; a returned
 * report leaves the stage as it was; managers' direct changes stand (issue 13, "a start counts when
 * it is confirmed").
 */
describe('a start counts when it is confirmed: the stage a monthly report claims (开工以审核确认为准)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants');
  });
  afterAll(() => server.close());

  const signedProject = (owner = XINHU, as = TOWN_OFFICER) =>
    createProject(server, { code: null, ownerTenantCode: owner, stage: 'SIGNED', stageSince: '2026-01-10' }, as);

  const file = async (projectId: string, period: string, stageAtMonthEnd: string, as = TOWN_OFFICER) => {
    const result = await server.gql(
      REPORT,
      { input: { projectId, period, completedInvestmentWan: '100', progressNote: '场地平整', stageAtMonthEnd } },
      as,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.reportProgress as { id: string; status: string };
  };

  const approve = async (id: string, as = COUNTY_LEADER) => {
    const result = await server.gql(APPROVE, { id }, as);
    expect(result.errors).toBeUndefined();
    return result.data!.approveProgressReport as { status: string; project: { stage: string } };
  };

  const returnReport = async (id: string, reason: string) => {
    const result = await server.gql(RETURN, { id, reason }, COUNTY_LEADER);
    expect(result.errors).toBeUndefined();
  };

  const view = async (id: string, as = TOWN_OFFICER) => (await server.gql(PROJECT, { id }, as)).data!.project as StageView;

  const started = async (tenantCode = XINHU, as = COUNTY_LEADER) =>
    (await server.gql(`{ rollup(tenantCode: "${tenantCode}", period: "2026-11") { startedCount } }`, {}, as)).data!.rollup
      .startedCount as number;

  it('a start claimed by a report counts once the report is approved', async () => {
    const project = await signedProject();
    const before = await started();

    const report = await file(project.id, '2026-10', 'STARTED');
    expect(report.status).toBe('SUBMITTED');
    expect(await view(project.id)).toMatchObject({ stage: 'SIGNED', startedOn: null });
    expect(await started()).toBe(before);

    const approved = await approve(report.id);
    expect(approved).toEqual({ status: 'APPROVED', project: { stage: 'STARTED' } });
    const after = await view(project.id);
    // The start is the day the report vouches for (October's last day), not the approval day.
    expect(after).toMatchObject({ stage: 'STARTED', startedOn: '2026-10-31' });
    expect(after.stageHistory.at(-1)).toMatchObject({
      fromStage: 'SIGNED',
      toStage: 'STARTED',
      changedOn: '2026-10-31',
      recordedBySubject: COUNTY_LEADER.subject,
      report: { id: report.id, period: '2026-10' },
    });
    expect(await started()).toBe(before + 1);
  });

  it('a returned report leaves the stage as it was', async () => {
    const project = await signedProject();
    const before = await started();
    const report = await file(project.id, '2026-09', 'UNDER_CONSTRUCTION');
    await returnReport(report.id, '开工依据不足');
    expect(await view(project.id)).toMatchObject({ stage: 'SIGNED', startedOn: null, stageHistory: [{ toStage: 'SIGNED' }] });
    expect(await started()).toBe(before);

    // The town withdraws the claim, resubmits, and the approval leaves the stage where it is.
    const corrected = await server.gql(CORRECT, { input: { id: report.id, stageAtMonthEnd: 'SIGNED' } });
    expect(corrected.data?.correctProgressReport.stageAtMonthEnd).toBe('SIGNED');
    await server.gql(SUBMIT, { id: report.id });
    await approve(report.id);
    expect(await view(project.id)).toMatchObject({ stage: 'SIGNED', startedOn: null, stageHistory: [{ toStage: 'SIGNED' }] });
    expect(await started()).toBe(before);
  });

  it('returning an approved report takes back the stage its approval set', async () => {
    const project = await signedProject();
    const before = await started();
    const report = await file(project.id, '2026-08', 'STARTED');
    await approve(report.id);
    expect(await started()).toBe(before + 1);

    await returnReport(report.id, '开工依据不足');
    const back = await view(project.id);
    expect(back).toMatchObject({ stage: 'SIGNED', startedOn: null });
    expect(back.stageHistory.slice(1)).toEqual([
      expect.objectContaining({
        fromStage: 'SIGNED',
        toStage: 'STARTED',
        changedOn: '2026-08-31',
        report: { id: report.id, period: '2026-08' },
      }),
      expect.objectContaining({
        fromStage: 'STARTED',
        toStage: 'SIGNED',
        changedOn: '2026-08-31',
        report: { id: report.id, period: '2026-08' },
      }),
    ]);
    expect(back.stageHistory.at(-1)?.note).toContain('开工依据不足');
    expect(await started()).toBe(before);

    // Approved again (resubmitted with the evidence), the start counts again, from the same day.
    await server.gql(SUBMIT, { id: report.id });
    await approve(report.id);
    expect(await view(project.id)).toMatchObject({ stage: 'STARTED', startedOn: '2026-08-31' });
    expect(await started()).toBe(before + 1);
  });

  it('only the newest approved report speaks for the current stage', async () => {
    // November's approved report still says SIGNED: October's claim, approved after it, is history.
    const stays = await signedProject();
    const october = await file(stays.id, '2026-10', 'STARTED');
    const november = await file(stays.id, '2026-11', 'SIGNED');
    await approve(november.id);
    await approve(october.id);
    expect(await view(stays.id)).toMatchObject({ stage: 'SIGNED', startedOn: null, stageHistory: [{ toStage: 'SIGNED' }] });

    // A newer report still under review does not hold back an older one's approval; each moves the
    // project on the day it vouches for.
    const moves = await signedProject();
    const first = await file(moves.id, '2026-10', 'STARTED');
    const second = await file(moves.id, '2026-11', 'UNDER_CONSTRUCTION');
    await approve(first.id);
    expect(await view(moves.id)).toMatchObject({ stage: 'STARTED', startedOn: '2026-10-31' });
    await approve(second.id);
    const after = await view(moves.id);
    expect(after).toMatchObject({ stage: 'UNDER_CONSTRUCTION', startedOn: '2026-10-31' });
    expect(after.stageHistory.map((c) => [c.toStage, c.changedOn])).toEqual([
      ['SIGNED', '2026-01-10'],
      ['STARTED', '2026-10-31'],
      ['UNDER_CONSTRUCTION', '2026-11-30'],
    ]);
  });

  it("a manager's direct stage change stands against an older report's claim", async () => {
    const project = await signedProject();
    const june = await file(project.id, '2026-06', 'STARTED');
    const changed = await server.gql(CHANGE_STAGE, {
      input: { projectId: project.id, stage: 'PREPARATORY', changedOn: '2026-07-15', note: '土地手续未批复，退回前期' },
    });
    expect(changed.errors).toBeUndefined();
    await approve(june.id);
    const after = await view(project.id);
    expect(after).toMatchObject({ stage: 'PREPARATORY', startedOn: null });
    expect(after.stageHistory.at(-1)).toMatchObject({ toStage: 'PREPARATORY', report: null, recordedBySubject: TOWN_OFFICER.subject });
  });

  it("confirms a start on the city's own project when the city's managers approve it", async () => {
    const project = await signedProject(CITY, CITY_LEADER);
    const before = await started(CITY, CITY_LEADER);
    const report = await file(project.id, '2026-10', 'STARTED', CITY_LEADER);
    expect(await view(project.id, CITY_LEADER)).toMatchObject({ stage: 'SIGNED' });
    // A county does not even see the city's project.
    const county = await server.gql(APPROVE, { id: report.id }, COUNTY_LEADER);
    expect(county.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(await view(project.id, CITY_LEADER)).toMatchObject({ stage: 'SIGNED' });
    await approve(report.id, CITY_LEADER);
    expect(await view(project.id, CITY_LEADER)).toMatchObject({ stage: 'STARTED', startedOn: '2026-10-31' });
    expect(await started(CITY, CITY_LEADER)).toBe(before + 1);
  });

  it('streams and audits the stage change at approval, made by the reviewer', async () => {
    const project = await signedProject();
    const client = server.wsClient(COUNTY_LEADER);
    const streams = server.liveStreams();
    const events = collect<{
      kind: string;
      actedByName: string;
      changes: { field: string; before: string | null; after: string | null }[];
    }>(
      client,
      `subscription { projectChanged(tenantCode: "${DECHENG}", projectId: "${project.id}") { kind actedByName changes { field before after } } }`,
      {},
      (d) => d.projectChanged,
    );
    await server.untilLiveStreams(streams + 1);
    const report = await file(project.id, '2026-10', 'STARTED');
    await approve(report.id);
    const kinds = () => events.items.map((e) => e.kind);
    for (let n = 1; !kinds().includes('STAGE_CHANGED'); n += 1) await events.until(n);
    // The filing moved nothing; the one stage change came with the approval, made by the reviewer.
    expect(kinds().filter((k) => k === 'STAGE_CHANGED')).toHaveLength(1);
    expect(kinds().indexOf('PROGRESS_REPORTED')).toBeLessThan(kinds().indexOf('STAGE_CHANGED'));
    const stageChanged = events.items.find((e) => e.kind === 'STAGE_CHANGED')!;
    expect(stageChanged.actedByName).toBe(COUNTY_LEADER.name);
    expect(stageChanged.changes).toContainEqual({ field: 'stage', before: 'SIGNED', after: 'STARTED' });
    events.stop();
    await client.dispose();

    const TRAIL = `query($entity: AuditedEntity!, $id: ID!) { auditTrail(entity: $entity, id: $id) {
      nodes { actedBySubject operation changes { field before after } } } }`;
    const projectTrail = (await server.gql(TRAIL, { entity: 'PROJECT', id: project.id }, COUNTY_LEADER)).data?.auditTrail.nodes as {
      actedBySubject: string;
      operation: string;
      changes: { field: string; before: string | null; after: string | null }[];
    }[];
    const stageRecords = projectTrail.filter((r) => r.operation === 'UPDATE' && r.changes.some((c) => c.field === 'stage'));
    expect(stageRecords).toEqual([
      expect.objectContaining({
        actedBySubject: COUNTY_LEADER.subject,
        changes: expect.arrayContaining([{ field: 'stage', before: 'SIGNED', after: 'STARTED' }]),
      }),
    ]);
    const change = (await view(project.id)).stageHistory.at(-1)!;
    const changeTrail = (await server.gql(TRAIL, { entity: 'STAGE_CHANGE', id: change.id }, COUNTY_LEADER)).data?.auditTrail.nodes;
    expect(changeTrail).toEqual([
      expect.objectContaining({
        actedBySubject: COUNTY_LEADER.subject,
        operation: 'CREATE',
        changes: expect.arrayContaining([
          { field: 'report', before: null, after: report.id },
          { field: 'toStage', before: null, after: 'STARTED' },
        ]),
      }),
    ]);
  });
});
