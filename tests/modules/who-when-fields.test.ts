import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import { replacementIn } from '../../src/graphql/deprecation';
import { createSchema } from '../../src/schema';
import { leadClient } from './attraction/attraction-support';
import { approveReport, CITY, CITY_LEADER, COUNTY_LEADER, createProject, TOWN_OFFICER, PROJECT_LEADER } from '../support/fixtures';
import { collect } from '../support/live';
import { startTestServer, type Caller, type TestServer } from '../support/test-server';

/**
 * Who did something and when reads the same way on every type: `<act>At` (DateTimeISO),
 * `<act>BySubject` and `<act>ByName`. The names used before stay, deprecated, with the same values.
 */
describe('who/when fields', () => {
  let server: TestServer;
  let schema: GraphQLSchema;
  let projectId: string;
  let blockerId: string;
  let leadId: string;

  async function ok(query: string, variables: Record<string, unknown> = {}, as: Caller = TOWN_OFFICER): Promise<any> {
    const result = await server.gql(query, variables, as);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return Object.values(result.data!)[0];
  }

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER);
    schema = await createSchema();
    projectId = (await createProject(server, { code: null, stageSince: '2026-01-05' })).id;
    await ok(`mutation($input: ChangeProjectStageInput!) { changeProjectStage(input: $input) { id } }`, {
      input: { projectId, stage: 'PREPARATORY', changedOn: '2026-02-01' },
    });
    const report = await ok(`mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`, {
      input: { projectId, period: '2026-10', completedInvestmentWan: '300', progressNote: '主体施工' },
    });
    await approveReport(server, report.id, COUNTY_LEADER);
    const assignment = await ok(
      `mutation($input: AssignLeaderInput!) { assignLeader(input: $input) { id } }`,
      {
        input: { projectId, subject: PROJECT_LEADER.subject, name: '刘洋', kind: 'LEAD_LEADER' },
      },
      COUNTY_LEADER,
    );
    await ok(`mutation($id: ID!) { unassignLeader(id: $id) { id } }`, { id: assignment.id }, COUNTY_LEADER);
    blockerId = (
      await ok(`mutation($input: RaiseBlockerInput!) { raiseBlocker(input: $input) { id } }`, {
        input: { projectId, type: 'LAND', description: '用地指标未落实', responsibleUnit: '自然资源局', deadlineOn: '2099-01-31' },
      })
    ).id;
    await ok(`mutation($input: EscalateBlockerInput!) { escalateBlocker(input: $input) { id } }`, {
      input: { id: blockerId, reason: '提请区级协调' },
    });
    await ok(
      `mutation($input: ResolveBlockerInput!) { resolveBlocker(input: $input) { id } }`,
      { input: { id: blockerId, feedback: '区里解决' } },
      COUNTY_LEADER,
    );
    leadId = (await leadClient(server).signed({ name: '谁何时招商线索' }, '800')).id;
    await ok(
      `mutation($input: SetTrafficLightRulesInput!) { setTrafficLightRules(input: $input) { cityCode } }`,
      { input: { cityCode: CITY, yellowGapPoints: 6 } },
      'admin',
    );
    await ok(`mutation { setReportingRules(cityCode: "${CITY}", deadlineDay: 8) { deadlineDay } }`, {}, 'admin');
  });
  afterAll(() => server.close());

  /** Each pair [deprecated, current] of `record` answers the same, and the current one is set. */
  function expectSame(record: Record<string, unknown>, pairs: [string, string][]): void {
    for (const [old, current] of pairs) {
      expect({ [current]: record[current] }).toEqual({ [current]: record[old] });
      expect({ [current]: record[current] }).not.toEqual({ [current]: null });
    }
  }

  it('answers the deprecated names of a project, its reports, reviews, stage changes, assignments and blockers with the values of the new ones', async () => {
    const project = await ok(
      `query($id: ID!) { project(id: $id) {
        stageHistory { recordedBy recordedBySubject recordedByName }
        progressReports { reportedBy reportedBySubject reviewedBy reviewedBySubject reviews { actedBy actedBySubject actedAt actedByName } }
        assignments(includeEnded: true) { subject assigneeSubject name assigneeName assignedBy assignedBySubject endedBy endedBySubject }
        blockers { raisedBy raisedBySubject resolvedBy resolvedBySubject
          history { at actedAt actorSubject actedBySubject actorName actedByName } }
      } }`,
      { id: projectId },
      COUNTY_LEADER,
    );
    for (const change of project.stageHistory) expectSame(change, [['recordedBy', 'recordedBySubject']]);
    expect(project.stageHistory.at(-1).recordedBySubject).toBe(TOWN_OFFICER.subject);

    const [report] = project.progressReports;
    expectSame(report, [
      ['reportedBy', 'reportedBySubject'],
      ['reviewedBy', 'reviewedBySubject'],
    ]);
    expect(report).toMatchObject({ reportedBySubject: TOWN_OFFICER.subject, reviewedBySubject: COUNTY_LEADER.subject });
    for (const review of report.reviews) expectSame(review, [['actedBy', 'actedBySubject']]);

    const [assignment] = project.assignments;
    expectSame(assignment, [
      ['subject', 'assigneeSubject'],
      ['name', 'assigneeName'],
      ['assignedBy', 'assignedBySubject'],
      ['endedBy', 'endedBySubject'],
    ]);
    expect(assignment).toMatchObject({
      assigneeSubject: PROJECT_LEADER.subject,
      assigneeName: '刘洋',
      assignedBySubject: COUNTY_LEADER.subject,
    });

    const [blocker] = project.blockers;
    expectSame(blocker, [
      ['raisedBy', 'raisedBySubject'],
      ['resolvedBy', 'resolvedBySubject'],
    ]);
    expect(blocker).toMatchObject({ raisedBySubject: TOWN_OFFICER.subject, resolvedBySubject: COUNTY_LEADER.subject });
    expect(blocker.history).toHaveLength(3);
    for (const step of blocker.history)
      expectSame(step, [
        ['at', 'actedAt'],
        ['actorSubject', 'actedBySubject'],
        ['actorName', 'actedByName'],
      ]);
    expect(blocker.history.map((s: { actedByName: string }) => s.actedByName)).toEqual([
      TOWN_OFFICER.name,
      TOWN_OFFICER.name,
      COUNTY_LEADER.name,
    ]);
  });

  it("answers an audit record's deprecated names with the values of the new ones", async () => {
    const trail = await ok(
      `query($id: ID!) { auditTrail(entity: BLOCKER, id: $id) { nodes {
        recordedAt actedAt actorSubject actedBySubject actorName actedByName actorTenantCode actedByTenantCode } } }`,
      { id: blockerId },
      COUNTY_LEADER,
    );
    expect(trail.nodes).toHaveLength(3);
    for (const record of trail.nodes) {
      expectSame(record, [
        ['recordedAt', 'actedAt'],
        ['actorSubject', 'actedBySubject'],
        ['actorName', 'actedByName'],
        ['actorTenantCode', 'actedByTenantCode'],
      ]);
    }
    expect(trail.nodes[0]).toMatchObject({
      actedBySubject: TOWN_OFFICER.subject,
      actedByName: TOWN_OFFICER.name,
      actedByTenantCode: TOWN_OFFICER.tenantCode,
    });
  });

  it("names who registered and last changed a lead, who stepped it, and who set a city's rules, by subject too", async () => {
    const lead = await ok(
      `query($id: ID!) { investmentLead(id: $id) { createdBySubject createdByName updatedBySubject updatedByName
        stageHistory { recordedBy recordedBySubject } } }`,
      { id: leadId },
    );
    expect(lead).toMatchObject({
      createdBySubject: TOWN_OFFICER.subject,
      updatedBySubject: TOWN_OFFICER.subject,
      createdByName: TOWN_OFFICER.name,
    });
    for (const step of lead.stageHistory) expectSame(step, [['recordedBy', 'recordedBySubject']]);

    const admin = server.token('admin');
    const adminSubject = JSON.parse(Buffer.from(admin.split('.')[1]!, 'base64url').toString()).sub;
    const lights = await ok(`{ trafficLightRules(cityCode: "${CITY}") { updatedBySubject updatedByName } }`, {}, CITY_LEADER);
    const reporting = await ok(`{ reportingRules(cityCode: "${CITY}") { updatedBySubject updatedByName } }`, {}, CITY_LEADER);
    expect(lights.updatedBySubject).toBe(adminSubject);
    expect(reporting.updatedBySubject).toBe(adminSubject);
  });

  it("streams a live change's actedAt, actedBySubject and actedByName with the values of at and by", async () => {
    const streams = server.liveStreams();
    const live = collect<any>(
      server.wsClient(TOWN_OFFICER),
      `subscription($tenant: String!) { projectChanged(tenantCode: $tenant) { kind at actedAt by { subject name } actedBySubject actedByName } }`,
      { tenant: TOWN_OFFICER.tenantCode },
      (d) => d.projectChanged,
    );
    await server.untilLiveStreams(streams + 1);
    await ok(`mutation($input: AddMilestoneInput!) { addMilestone(input: $input) { id } }`, {
      input: { projectId, title: '竣工验收', dueOn: '2027-06-30' },
    });
    // Its own event: the relay may still deliver an earlier test's change to a stream opened since.
    const [change] = await live.untilOwn((c) => c.kind === 'MILESTONE_ADDED', 1);
    live.stop();
    expect(change).toMatchObject({ kind: 'MILESTONE_ADDED', actedBySubject: TOWN_OFFICER.subject, actedByName: TOWN_OFFICER.name });
    expect(change.actedAt).toBe(change.at);
    expect({ subject: change.actedBySubject, name: change.actedByName }).toEqual(change.by);
  });

  it('keeps every deprecated field saying what to read instead, and every renamed one pointing at a current field of the same type', () => {
    const problems: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      const fields = type.getFields();
      for (const field of Object.values(fields)) {
        if (!field.deprecationReason) continue;
        if (!field.deprecationReason.startsWith('Use `')) problems.push(`${type.name}.${field.name} does not say what to read instead`);
        const renamed = replacementIn(field.deprecationReason);
        if (renamed === undefined) continue;
        const replacement = fields[renamed];
        if (!replacement || replacement.deprecationReason) problems.push(`${type.name}.${field.name} names no current field`);
        // `ProjectChange.by` (an Actor) became two plain fields; every other rename keeps its type.
        else if (!isObjectType(getNamedType(field.type)) && String(replacement.type) !== String(field.type)) {
          problems.push(`${type.name}.${field.name}: ${String(field.type)} became ${String(replacement.type)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('names every who and when of the schema by one scheme: <act>At, <act>BySubject, <act>ByName', () => {
    const problems: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      const fields = Object.values(type.getFields()).filter((f) => !f.deprecationReason);
      const names = new Set(fields.map((f) => f.name));
      for (const field of fields) {
        const where = `${type.name}.${field.name}`;
        if (/^(at|by|actor[A-Z].*)$/.test(field.name)) problems.push(`${where}: a who/when field named outside the scheme`);
        // A person is named by subject and name; a `…By` reference to a record (`Blocker.handledBy: Tenant`) is no person.
        if (/By$/.test(field.name) && !isObjectType(getNamedType(field.type)))
          problems.push(`${where}: say whether it is the subject (…BySubject) or the name (…ByName)`);
        if (/At$/.test(field.name) && getNamedType(field.type).name !== 'DateTimeISO') problems.push(`${where} is not a DateTimeISO`);
        const person = /^(.+By)(Subject|Name)$/.exec(field.name);
        if (person && !names.has(`${person[1]}${person[2] === 'Subject' ? 'Name' : 'Subject'}`))
          problems.push(`${where} has no ${person[2] === 'Subject' ? 'name' : 'subject'} beside it`);
      }
    }
    expect(problems).toEqual([]);
  });
});
