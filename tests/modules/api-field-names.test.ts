import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isListType,
  isObjectType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { verifyAuditChain } from '../../src/modules/audit/audit-chain';
import { apiFieldsOf } from '../../src/graphql/api-fields';
import { COLUMNS_LEFT_OUT } from '../../src/modules/audit/audit-fields';
import { AuditedEntity } from '../../src/modules/audit/audit.types';
import { ENTITY_OF_KIND } from '../../src/modules/live/change-fields';
import { createSchema } from '../../src/schema';
import { leadClient } from './attraction/attraction-support';
import {
  approveReport,
  CITY,
  CITY_LEADER,
  countRows,
  COUNTY_LEADER,
  createProject,
  DECHENG,
  PROJECT_LEADER,
  TOWN_OFFICER,
  XINHU,
} from '../support/fixtures';
import { collect, TENANT_CHANGES, type Received, type TenantChange } from '../support/live';
import { startTestServer, type Caller, type TestServer } from '../support/test-server';
import { sitePhotoJpeg } from './photo/site-photo-images';

const TRAIL = `query($entity: AuditedEntity!, $id: ID!, $after: String) {
  auditTrail(entity: $entity, id: $id, first: 200, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { operation changes { field before after } }
  } }`;

interface Change {
  field: string;
  before: string | null;
  after: string | null;
}

/** The key a live event names its record by, for each kind of record (a project's is `projectId`). */
const RECORD_KEY: Partial<Record<string, string>> = {
  ProgressReport: 'report',
  Milestone: 'milestone',
  ProjectAssignment: 'assignment',
  AnnualPlan: 'year',
  Blocker: 'blocker',
  InvestmentLead: 'lead',
  FundArrival: 'arrival',
  SupervisionOrder: 'order',
  ReserveProject: 'reserve',
  BulletinPublication: 'publication',
  EvaluationPublication: 'publication',
  ProjectApproval: 'approval',
  StartException: 'startException',
  YearEndAssessment: 'assessment',
  ResponsibilityLetter: 'letter',
  SitePhoto: 'photo',
};

/** Columns the trigger leaves out of every record (kp_audit_record's bookkeeping). */
const BOOKKEEPING = new Set(['updated_at', 'version', 'overdue_announced_on']);

/** What a value of an API scalar looks like as the API writes it. */
const SCALAR_TEXT: Record<string, RegExp> = {
  Period: /^\d{4}-(0[1-9]|1[0-2])$/,
  LocalDate: /^\d{4}-\d{2}-\d{2}$/,
  DateTimeISO: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/,
  Wan: /^-?(0|[1-9]\d*)(\.\d{0,3}[1-9])?$/,
  Int: /^-?\d+$/,
  Boolean: /^(true|false)$/,
};

/** Why `text` is not how the API writes a value of `type`; undefined when it is. */
function formatProblem(type: GraphQLOutputType, text: string): string | undefined {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const items: unknown = JSON.parse(text);
    if (!Array.isArray(items)) return `${text} is not a JSON array`;
    return items.map((item) => formatProblem(nullable.ofType as GraphQLOutputType, String(item))).find(Boolean);
  }
  if (isEnumType(nullable)) return nullable.getValue(text) ? undefined : `${text} is not a value of ${nullable.name}`;
  const pattern = SCALAR_TEXT[getNamedType(nullable).name];
  return pattern && !pattern.test(text) ? `${text} is not how the API writes ${getNamedType(nullable).name}` : undefined;
}

/**
 * The trail speaks the API's language: every key of every audit record's changes is a current
 * (not deprecated) field of the GraphQL type the record names, its values written as that field
 * is, for every kind of audited record, while the records themselves (and their hash chain) keep
 * the column names they were sealed with. Live events about the same changes speak it too, with
 * the same names and texts as the trail (one mapping: src/graphql/api-fields.ts).
 */
describe("audit trail and live events in the API's names and formats", () => {
  let server: TestServer;
  let schema: GraphQLSchema;
  let live: Received<TenantChange>;

  async function ok(query: string, variables: Record<string, unknown>, as: Caller = TOWN_OFFICER): Promise<any> {
    const result = await server.gql(query, variables, as);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return Object.values(result.data!)[0];
  }

  async function trail(entity: AuditedEntity, id: string): Promise<Change[][]> {
    const pages: Change[][] = [];
    let after: string | null = null;
    do {
      const key = (Object.keys(AuditedEntity) as (keyof typeof AuditedEntity)[]).find((k) => AuditedEntity[k] === entity)!;
      const page: any = await ok(TRAIL, { entity: key, id, after }, CITY_LEADER);
      pages.push(...page.nodes.map((n: { changes: Change[] }) => n.changes));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return pages;
  }

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER, { PHOTO_DIR: mkdtempSync(path.join(os.tmpdir(), 'kp-photos-')) });
    schema = await createSchema();
    // The city's dashboard, live while every change below is made.
    const streams = server.liveStreams();
    live = collect<TenantChange>(server.wsClient(CITY_LEADER), TENANT_CHANGES, { tenant: CITY }, (d) => d.projectChanged);
    await server.untilLiveStreams(streams + 1);

    // A change to every kind of audited record, through the API, touching dates, periods, money,
    // enums, lists, references and timestamps.
    const project = await createProject(server, { code: null, stageSince: '2026-01-05', designationLevels: ['CITY'] });
    await ok(`mutation($input: UpdateProjectInput!) { updateProject(input: $input) { id } }`, {
      input: {
        id: project.id,
        designationLevels: ['CITY', 'PROVINCIAL'],
        locationTenantCode: XINHU,
        plannedStartOn: '2026-04-01',
        fundsInPlaceWan: '1200.5',
        isInStatisticsDatabase: true,
      },
    });
    await ok(`mutation($input: ChangeProjectStageInput!) { changeProjectStage(input: $input) { id } }`, {
      input: { projectId: project.id, stage: 'PREPARATORY', changedOn: '2026-02-01' },
    });
    // Preparatory approvals: a kind of the city's list, an item of the project's checklist, a start exception.
    await ok(
      `mutation($input: UpdateApprovalKindInput!) { updateApprovalKind(input: $input) { id } }`,
      { input: { cityCode: CITY, code: 'CONSTRUCTION_PERMIT', isRequiredToStart: true, timeLimitDays: 10 } },
      CITY_LEADER,
    );
    await ok(`mutation($input: SetProjectApprovalInput!) { setProjectApproval(input: $input) { id } }`, {
      input: {
        projectId: project.id,
        kindCode: 'CONSTRUCTION_PERMIT',
        state: 'APPROVED',
        submittedOn: '2026-02-10',
        approvedOn: '2026-02-20',
        plannedOn: '2026-02-28',
        documentNumber: '德审批施许〔2026〕8号',
        office: '德城区行政审批服务局',
      },
    });
    await ok(
      `mutation($input: RecordStartExceptionInput!) { recordStartException(input: $input) { id } }`,
      { input: { projectId: project.id, reason: '容缺受理' } },
      COUNTY_LEADER,
    );
    await ok(`mutation($input: SetMonthlyTargetsInput!) { setMonthlyTargets(input: $input) { year } }`, {
      input: { projectId: project.id, year: 2026, targetsWan: ['18000.5', ...Array(11).fill('0')] },
    });
    const report = await ok(`mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`, {
      input: { projectId: project.id, period: '2026-10', completedInvestmentWan: '300.25', progressNote: '主体施工' },
    });
    await approveReport(server, report.id, COUNTY_LEADER);
    const milestone = await ok(`mutation($input: AddMilestoneInput!) { addMilestone(input: $input) { id } }`, {
      input: { projectId: project.id, title: '主体封顶', dueOn: '2026-09-30' },
    });
    await ok(`mutation($input: CompleteMilestoneInput!) { completeMilestone(input: $input) { id } }`, {
      input: { id: milestone.id, doneOn: '2026-09-28' },
    });
    // A site photo of the milestone (the report is approved, so locked): time, place and caption.
    const uploaded = await fetch(`${new URL(server.url).origin}/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token(TOWN_OFFICER)}` },
      body: await sitePhotoJpeg({ takenAt: '2026:09:27 16:05:00' }),
    });
    const { uploadId } = (await uploaded.json()) as { uploadId: string };
    await ok(`mutation($input: AttachSitePhotoInput!) { attachSitePhoto(input: $input) { id } }`, {
      input: { uploadId, milestoneId: milestone.id, caption: '主体封顶' },
    });
    const assignment = await ok(
      `mutation($input: AssignLeaderInput!) { assignLeader(input: $input) { id } }`,
      {
        input: { projectId: project.id, subject: PROJECT_LEADER.subject, name: '刘洋', kind: 'LEAD_LEADER' },
      },
      COUNTY_LEADER,
    );
    await ok(`mutation($id: ID!) { unassignLeader(id: $id) { id } }`, { id: assignment.id }, COUNTY_LEADER);
    const blocker = await ok(`mutation($input: RaiseBlockerInput!) { raiseBlocker(input: $input) { id } }`, {
      input: {
        projectId: project.id,
        type: 'LAND',
        description: '用地指标未落实',
        responsibleUnit: '自然资源局',
        deadlineOn: '2099-01-31',
      },
    });
    await ok(`mutation($input: EscalateBlockerInput!) { escalateBlocker(input: $input) { id } }`, {
      input: { id: blocker.id, reason: '提请区级协调' },
    });
    await ok(
      `mutation($input: ResolveBlockerInput!) { resolveBlocker(input: $input) { id } }`,
      { input: { id: blocker.id, feedback: '区里解决' } },
      COUNTY_LEADER,
    );
    const order = await ok(
      `mutation($input: IssueSupervisionOrderInput!) { issueSupervisionOrder(input: $input) { id } }`,
      {
        input: {
          subject: 'BLOCKER',
          blockerId: blocker.id,
          title: '关于加快解决项目用地指标问题的督办通知',
          requirement: '请区自然资源局于期限内落实用地指标',
          addresseeTenantCode: XINHU,
          addresseeUnit: '区自然资源局',
          deadlineOn: '2099-01-31',
        },
      },
      'supervisor',
    );
    await ok(`mutation($input: SupervisionOrderStepInput!) { acknowledgeSupervisionOrder(input: $input) { id } }`, {
      input: { id: order.id },
    });
    await ok(`mutation($input: SupervisionOrderNoteInput!) { giveSupervisionOrderFeedback(input: $input) { id } }`, {
      input: { id: order.id, note: '已落实' },
    });
    await ok(
      `mutation($input: SupervisionOrderNoteInput!) { sendBackSupervisionOrder(input: $input) { id } }`,
      { input: { id: order.id, note: '请附批复' } },
      'supervisor',
    );
    await ok(`mutation($input: SupervisionOrderNoteInput!) { giveSupervisionOrderFeedback(input: $input) { id } }`, {
      input: { id: order.id, note: '已附批复' },
    });
    await ok(
      `mutation($input: SupervisionOrderStepInput!) { closeSupervisionOrder(input: $input) { id } }`,
      { input: { id: order.id } },
      'supervisor',
    );
    await ok(
      `mutation($input: RecordAccountabilityInput!) { recordAccountability(input: $input) { id } }`,
      {
        input: {
          orderId: order.id,
          personName: '王某',
          personUnit: '区自然资源局',
          measure: 'INTERVIEW',
          detail: '推进不力',
          decidedOn: '2026-01-05',
        },
      },
      'supervisor',
    );
    const reserve = await ok(`mutation($input: PoolReserveProjectInput!) { poolReserveProject(input: $input) { id } }`, {
      input: {
        ownerTenantCode: XINHU,
        name: '审计字段储备项目',
        category: 'URBAN_CONSTRUCTION',
        estimatedInvestmentWan: '2600.5',
        intendedYear: 2027,
        maturity: 'CONCEPT',
        pooledOn: '2026-02-03',
      },
    });
    await ok(`mutation($input: UpdateReserveProjectInput!) { updateReserveProject(input: $input) { id } }`, {
      input: { id: reserve.id, maturity: 'READY_TO_START', intendedYear: 2026 },
    });
    await ok(`mutation($input: PromoteReserveProjectInput!) { promoteReserveProject(input: $input) { id } }`, {
      input: { id: reserve.id, year: 2026, plannedInvestmentWan: '900', on: '2026-03-01' },
    });
    await ok(
      `mutation($input: SetResponsibilityTargetsInput!) { setResponsibilityTargets(input: $input) { id } }`,
      {
        input: { tenantCode: XINHU, year: 2026, signedOn: '2026-02-10', targets: [{ measure: 'INVESTMENT_COMPLETED', value: '12000.5' }] },
      },
      COUNTY_LEADER,
    );
    await leadClient(server).signed({ name: '审计字段招商线索' }, '8800.125');
    await ok(
      `mutation($input: SetTrafficLightRulesInput!) { setTrafficLightRules(input: $input) { cityCode } }`,
      {
        input: { cityCode: CITY, yellowGapPoints: 6, redGapPoints: 16 },
      },
      'admin',
    );
    await ok(`mutation { setReportingRules(cityCode: "${CITY}", deadlineDay: 8) { deadlineDay } }`, {}, 'admin');
    await ok(`mutation { setBulletinRules(input: { cityCode: "${CITY}", maxEntries: 8 }) { version } }`, {}, CITY_LEADER);
    await ok(`mutation { publishBulletin(tenantCode: "${DECHENG}", period: "2026-01") { id } }`, {}, COUNTY_LEADER);
    await ok(`mutation { retireTenant(code: "371402002") { code } }`, {}, 'admin');
    await ok(`mutation { reinstateTenant(code: "371402002") { code } }`, {}, 'admin');
    await ok(
      `mutation($input: SetEvaluationSchemeInput!) { setEvaluationScheme(input: $input) { version } }`,
      {
        input: {
          cityCode: CITY,
          measures: [
            { measure: 'PROGRESS_GAP', weight: 60, method: 'LINEAR', floor: -20, target: 0 },
            { measure: 'ORDER_CLOSURE', weight: 40, method: 'RANK', step: 5 },
          ],
        },
      },
      CITY_LEADER,
    );
    await ok(`mutation { publishEvaluation(parentCode: "${CITY}", quarter: "2026Q3") { id } }`, {}, CITY_LEADER);
    await ok(
      `mutation($input: FreezeYearEndAssessmentInput!) { freezeYearEndAssessment(input: $input) { id } }`,
      {
        input: {
          tenantCode: DECHENG,
          year: 2025,
          awards: [{ tenantCode: XINHU, kind: 'COMMENDATION', reason: '完成任务好', rewardFundsWan: '5' }],
        },
      },
      COUNTY_LEADER,
    );
  });
  afterAll(() => {
    live.stop();
    return server.close();
  });

  it('names every change by a current field of the type it names, written as that field is, for every kind of record', async () => {
    const records = await server.adminOrm.em
      .fork()
      .execute<{ entity: AuditedEntity; entity_id: string }[]>(
        'select distinct entity, entity_id from audit_record order by entity, entity_id',
      );
    expect(new Set(records.map((r) => r.entity))).toEqual(new Set(Object.values(AuditedEntity)));

    const problems: string[] = [];
    let checked = 0;
    for (const { entity, entity_id: id } of records) {
      const type = schema.getType(entity) as GraphQLObjectType;
      const fields = type.getFields();
      for (const changes of await trail(entity, id)) {
        for (const { field, before, after } of changes) {
          checked += 1;
          const apiField = fields[field];
          if (!apiField) {
            problems.push(`${entity}.${field} is not a field of ${entity}`);
            continue;
          }
          if (apiField.deprecationReason) problems.push(`${entity}.${field} is deprecated: ${apiField.deprecationReason}`);
          for (const value of [before, after]) {
            const problem = value === null || isObjectType(getNamedType(apiField.type)) ? undefined : formatProblem(apiField.type, value);
            if (problem) problems.push(`${entity}.${field}: ${problem}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('shows every column of every audited table as a current field, or leaves it out on purpose', async () => {
    const metadata = server.orm.getMetadata();
    const unaccounted: string[] = [];
    for (const entity of Object.values(AuditedEntity)) {
      const table = metadata.find(entity)!.tableName;
      const columns = await server.adminOrm.em
        .fork()
        .execute<{ column_name: string }[]>(
          `select column_name from information_schema.columns where table_schema = 'public' and table_name = ?`,
          [table],
        );
      const fields = apiFieldsOf(entity, metadata, schema);
      const apiFields = (schema.getType(entity) as GraphQLObjectType).getFields();
      const leftOut = COLUMNS_LEFT_OUT[entity] ?? [];
      for (const { column_name: column } of columns) {
        if (BOOKKEEPING.has(column) || leftOut.includes(column)) continue;
        const field = fields.get(column);
        if (field === undefined) unaccounted.push(`${table}.${column}`);
        else if (!apiFields[field.name] || apiFields[field.name]!.deprecationReason)
          unaccounted.push(`${table}.${column} -> ${field.name}`);
      }
    }
    expect(unaccounted).toEqual([]);
  });

  it('reads references under their field, periods as months, timestamps in UTC, lists as JSON arrays', async () => {
    const [blocker] = await server.adminOrm.em
      .fork()
      .execute<{ id: string; project_id: string }[]>('select id::text as id, project_id::text as project_id from blocker');
    const [raised, escalated, resolved] = await trail(AuditedEntity.BLOCKER, blocker!.id);
    expect(raised).toContainEqual({ field: 'project', before: null, after: blocker!.project_id });
    expect(raised).toContainEqual({ field: 'raisedBySubject', before: null, after: TOWN_OFFICER.subject });
    expect(escalated).toContainEqual({ field: 'escalatedTo', before: null, after: DECHENG });
    expect(resolved?.find((c) => c.field === 'resolvedAt')?.after).toMatch(/Z$/);

    const [report] = await server.adminOrm.em.fork().execute<{ id: string }[]>('select id::text as id from progress_report');
    const [filed] = await trail(AuditedEntity.PROGRESS_REPORT, report!.id);
    expect(filed).toContainEqual({ field: 'period', before: null, after: '2026-10' });
    expect(filed).toContainEqual({ field: 'completedInvestmentWan', before: null, after: '300.25' });

    const [project] = await server.adminOrm.em.fork().execute<{ id: string }[]>('select id::text as id from project');
    const [created, updated] = await trail(AuditedEntity.PROJECT, project!.id);
    expect(created).toContainEqual({ field: 'owner', before: null, after: XINHU });
    expect(updated).toContainEqual({ field: 'designationLevels', before: '["CITY"]', after: '["CITY","PROVINCIAL"]' });
    expect(updated).toContainEqual({ field: 'location', before: null, after: XINHU });
  });

  it('names every live change by a current field of the record its kind is about, written as that field is, as the trail shows it', async () => {
    const events = await live.until(await countRows(server, 'change_event'));
    expect(new Set(events.map((e) => ENTITY_OF_KIND[e.kind as keyof typeof ENTITY_OF_KIND]))).toEqual(
      new Set(Object.values(ENTITY_OF_KIND)),
    );

    const problems: string[] = [];
    let compared = 0;
    for (const { kind, projectId, changes } of events) {
      const entity = ENTITY_OF_KIND[kind as keyof typeof ENTITY_OF_KIND];
      const fields = (schema.getType(entity) as GraphQLObjectType).getFields();
      const recordKey = RECORD_KEY[entity];
      for (const { field, before, after } of changes) {
        const apiField = fields[field];
        if (field === recordKey && !apiField) continue;
        if (!apiField || apiField.deprecationReason) {
          problems.push(`${kind}: ${field} is not a current field of ${entity}`);
          continue;
        }
        for (const value of [before, after]) {
          const problem = value === null || isObjectType(getNamedType(apiField.type)) ? undefined : formatProblem(apiField.type, value);
          if (problem) problems.push(`${kind}.${field}: ${problem}`);
        }
      }

      // The same change in the record's trail: every value that changed, under the same name, as the same text.
      const named = changes.find((c) => c.field === recordKey);
      let id = entity === 'Project' ? projectId! : (named?.after ?? named?.before)!;
      if (entity === 'AnnualPlan') {
        const [plan] = await server.adminOrm.em
          .fork()
          .execute<{ id: string }[]>('select id::text as id from project_annual_plan where project_id = ? and year = ?', [
            projectId,
            Number(id),
          ]);
        id = plan!.id;
      }
      const trailed = new Set((await trail(entity as AuditedEntity, id)).flat().map((c) => JSON.stringify(c)));
      for (const change of changes) {
        if (change.field === recordKey || change.before === change.after) continue;
        compared += 1;
        if (!trailed.has(JSON.stringify(change)))
          problems.push(`${kind}: ${JSON.stringify(change)} is not in the trail of ${entity} ${id}`);
      }
    }
    expect(problems).toEqual([]);
    expect(compared).toBeGreaterThan(50);
  });

  it('leaves the sealed records and their chain as they were', async () => {
    const [stored] = await server.adminOrm.em
      .fork()
      .execute<{ after: Record<string, unknown> }[]>(
        `select after from audit_record where entity = 'Blocker' and operation = 'UPDATE' and after ? 'escalated_to_code'`,
      );
    expect(stored?.after).toEqual(expect.objectContaining({ escalated_to_code: DECHENG }));
    expect(await verifyAuditChain(server.adminOrm.em.fork())).toMatchObject({ ok: true });
  });
});
