import { chinaDate } from '../../../src/calendar/period';
import { adHocUser } from '../../../src/auth/dev-realm';
import { devUser } from '../../../src/auth/dev-users';
import { Role } from '../../../src/auth/roles';
import { escalateOverdueOrders } from '../../../src/modules/supervision-order/supervision-order.jobs';
import {
  CITY,
  CITY_LEADER,
  COUNTY_LEADER,
  countRows,
  createProject,
  DECHENG,
  NINGJIN,
  PROJECT_LEADER,
  TOWN_OFFICER,
  XINHU,
  XINHUA_OFFICER,
} from '../../support/fixtures';
import { startTestServer, type Caller, type TestServer } from '../../support/test-server';

const SUPERVISOR = devUser('supervisor')!;
/** A second leader of 德城区: decides the orders his district issued, whoever of its leaders issued them. */
const DECHENG_LEADER = adHocUser({ subject: 'decheng-deputy', name: '德城区副区长', tenantCode: DECHENG, roles: [Role.COUNTY_LEADER] });

const FIELDS = `id subject title requirement addresseeUnit deadlineOn status version isClosed isOverdue isEscalated escalatedOn
  latestFeedback sendBackReason issuedBySubject issuedByName
  tenant { code } addressee { code } escalatedTo { code } project { id } blocker { id }
  history { seq kind note actedByName actedBySubject fromTenantCode toTenantCode statusAfter }`;
const ISSUE = `mutation($input: IssueSupervisionOrderInput!) { issueSupervisionOrder(input: $input) { ${FIELDS} } }`;
const ACKNOWLEDGE = `mutation($input: SupervisionOrderStepInput!) { acknowledgeSupervisionOrder(input: $input) { ${FIELDS} } }`;
const FEEDBACK = `mutation($input: SupervisionOrderNoteInput!) { giveSupervisionOrderFeedback(input: $input) { ${FIELDS} } }`;
const CLOSE = `mutation($input: SupervisionOrderStepInput!) { closeSupervisionOrder(input: $input) { ${FIELDS} } }`;
const SEND_BACK = `mutation($input: SupervisionOrderNoteInput!) { sendBackSupervisionOrder(input: $input) { ${FIELDS} } }`;
const ACCOUNTABILITY = `mutation($input: RecordAccountabilityInput!) {
  recordAccountability(input: $input) { id personName personUnit measure detail decidedOn recordedByName } }`;
const ORDER = `query($id: ID!) { supervisionOrder(id: $id) { id status accountability { personName measure } } }`;
const STEPS = `query($id: ID!) { supervisionOrder(id: $id) { viewerSteps } }`;
const LIST = `query($filter: SupervisionOrderFilter) { supervisionOrders(filter: $filter, first: 200) { totalCount nodes { id } } }`;

describe('supervision orders (督办)', () => {
  let server: TestServer;
  let projectId: string;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER);
    projectId = (await createProject(server, { code: null, name: '新湖街道农贸市场改造项目' })).id;
  });
  afterAll(() => server.close());

  async function ok<T = any>(query: string, input: Record<string, unknown>, as: Caller): Promise<T> {
    const result = await server.gql(query, { input }, as);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return Object.values(result.data!)[0] as T;
  }

  const issue = (overrides: Record<string, unknown> = {}, as: Caller = SUPERVISOR) =>
    ok(
      ISSUE,
      {
        subject: 'PROJECT',
        projectId,
        title: '关于加快新湖街道农贸市场改造项目土地报批进度的督办通知',
        requirement: '请于期限内完成土地报批材料组卷并报区自然资源局，书面反馈办理情况。',
        addresseeTenantCode: XINHU,
        addresseeUnit: '新湖街道办事处',
        deadlineOn: '2099-12-31',
        ...overrides,
      },
      as,
    );

  async function failure(query: string, input: Record<string, unknown>, as: Caller) {
    const result = await server.gql(query, { input }, as);
    expect(result.data).toBeNull();
    return result.errors![0]!;
  }

  it('runs an order from issued through acknowledged, feedback, sent back and feedback again to closed, keeping every step', async () => {
    const issued = await issue();
    expect(issued).toMatchObject({
      subject: 'PROJECT',
      status: 'ISSUED',
      version: 1,
      isClosed: false,
      isOverdue: false,
      isEscalated: false,
      tenant: { code: XINHU },
      addressee: { code: XINHU },
      project: { id: projectId },
      issuedBySubject: SUPERVISOR.subject,
    });
    const acknowledged = await ok(ACKNOWLEDGE, { id: issued.id, version: 1 }, TOWN_OFFICER);
    expect(acknowledged).toMatchObject({ status: 'ACKNOWLEDGED', version: 2 });
    const answered = await ok(FEEDBACK, { id: issued.id, note: '已完成组卷，待区局审查' }, TOWN_OFFICER);
    expect(answered).toMatchObject({ status: 'FEEDBACK_GIVEN', latestFeedback: '已完成组卷，待区局审查' });
    const sentBack = await ok(SEND_BACK, { id: issued.id, note: '请附区自然资源局受理回执' }, SUPERVISOR);
    expect(sentBack).toMatchObject({ status: 'SENT_BACK', sendBackReason: '请附区自然资源局受理回执' });
    await ok(FEEDBACK, { id: issued.id, note: '已补充受理回执（区自然资源局〔2026〕118号）' }, TOWN_OFFICER);
    const closed = await ok(CLOSE, { id: issued.id, version: 5 }, SUPERVISOR);
    expect(closed).toMatchObject({ status: 'CLOSED', isClosed: true, version: 6 });
    expect(closed.history.map((e: { kind: string }) => e.kind)).toEqual([
      'ISSUED',
      'ACKNOWLEDGED',
      'FEEDBACK_GIVEN',
      'SENT_BACK',
      'FEEDBACK_GIVEN',
      'CLOSED',
    ]);
    expect(closed.history.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(closed.history[2]).toMatchObject({
      note: '已完成组卷，待区局审查',
      actedByName: TOWN_OFFICER.name,
      statusAfter: 'FEEDBACK_GIVEN',
    });
    expect(closed.history[3]).toMatchObject({ note: '请附区自然资源局受理回执', actedByName: SUPERVISOR.name });
  });

  it('sends each step to the live events of the tenant the order concerns and to the audit trail', async () => {
    const before = await countRows(server, "change_event where kind like 'ORDER_%'");
    const issued = await issue();
    await ok(ACKNOWLEDGE, { id: issued.id }, TOWN_OFFICER);
    const rows: { kind: string; tenant_code: string; project_id: string }[] = await server.adminOrm.em
      .fork()
      .getConnection()
      .execute(`select kind, tenant_code, project_id from change_event where changes -> 'order' ->> 'after' = ? order by id`, [issued.id]);
    expect(rows.map((r) => r.kind)).toEqual(['ORDER_ISSUED', 'ORDER_ACKNOWLEDGED']);
    expect(rows.every((r) => r.tenant_code === XINHU && r.project_id === projectId)).toBe(true);
    expect(await countRows(server, "change_event where kind like 'ORDER_%'")).toBe(before + 2);
    const trail = await server.gql(
      `query($id: ID!) { auditTrail(entity: SUPERVISION_ORDER, id: $id) { totalCount nodes { operation actedByName } } }`,
      { id: issued.id },
      CITY_LEADER,
    );
    expect(trail.errors).toBeUndefined();
    expect(trail.data!.auditTrail.nodes).toEqual([
      { operation: 'CREATE', actedByName: SUPERVISOR.name },
      { operation: 'UPDATE', actedByName: TOWN_OFFICER.name },
    ]);
  });

  it('escalates an overdue order once, one level above its addressee, with the step in its history', async () => {
    const issued = await issue({ title: '关于督促新湖街道农贸市场项目按期开工的通知' });
    await server.adminOrm.em
      .fork()
      .getConnection()
      .execute(`update supervision_order set deadline_on = '2026-01-31' where id = ?`, [issued.id]);
    await escalateOverdueOrders.run(server.adminOrm.em.fork());
    await escalateOverdueOrders.run(server.adminOrm.em.fork());
    const read = await server.gql(`query($id: ID!) { supervisionOrder(id: $id) { ${FIELDS} } }`, { id: issued.id }, CITY_LEADER);
    const order = read.data!.supervisionOrder;
    expect(order).toMatchObject({
      isOverdue: true,
      isEscalated: true,
      escalatedTo: { code: DECHENG },
      escalatedOn: chinaDate(),
      version: 2,
    });
    expect(order.history.at(-1)).toMatchObject({
      seq: 2,
      kind: 'ESCALATED',
      fromTenantCode: XINHU,
      toTenantCode: DECHENG,
      actedBySubject: null,
      statusAfter: 'ISSUED',
    });
    // The version moved: a client holding the old one is told CONFLICT, and nothing changes.
    const stale = await failure(ACKNOWLEDGE, { id: issued.id, version: 1 }, TOWN_OFFICER);
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    const overdue = await server.gql(LIST, { filter: { isOverdue: true, escalatedToMe: true } }, COUNTY_LEADER);
    expect(overdue.data!.supervisionOrders.nodes.map((n: { id: string }) => n.id)).toContain(issued.id);
    const notTheCity = await server.gql(LIST, { filter: { escalatedToMe: true } }, CITY_LEADER);
    expect(notTheCity.data!.supervisionOrders.nodes.map((n: { id: string }) => n.id)).not.toContain(issued.id);
    const escalations: { n: number }[] = await server.adminOrm.em
      .fork()
      .getConnection()
      .execute(`select count(*)::int as n from change_event where kind = 'ORDER_ESCALATED' and changes -> 'order' ->> 'after' = ?`, [
        issued.id,
      ]);
    expect(escalations[0]!.n).toBe(1);
  });

  it('answers a retried issue with the first answer: one order for one idempotency key', async () => {
    const orders = await countRows(server, 'supervision_order');
    const input = {
      subject: 'TENANT',
      tenantCode: XINHU,
      title: '关于新湖街道重点项目月报逾期报送问题的督办通知',
      requirement: '请于期限内补报并说明原因',
      addresseeTenantCode: XINHU,
      deadlineOn: '2099-12-31',
    };
    const key = { 'idempotency-key': 'order-retry-7c1f0a9e' };
    const first = await server.gql(ISSUE, { input }, SUPERVISOR, key);
    const retry = await server.gql(ISSUE, { input }, SUPERVISOR, key);
    expect(retry.data!.issueSupervisionOrder.id).toBe(first.data!.issueSupervisionOrder.id);
    expect(await countRows(server, 'supervision_order')).toBe(orders + 1);
  });

  it('answers CONFLICT for a step out of order and for a stale version, changing nothing', async () => {
    const issued = await issue();
    const events = await countRows(server, 'supervision_order_event');
    const early = await failure(CLOSE, { id: issued.id }, SUPERVISOR);
    expect(early.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
    expect(early.message).toMatch(/已反馈/);
    const feedbackFirst = await failure(FEEDBACK, { id: issued.id, note: '未签收先反馈' }, TOWN_OFFICER);
    expect(feedbackFirst.extensions.code).toBe('CONFLICT');
    await ok(ACKNOWLEDGE, { id: issued.id, version: 1 }, TOWN_OFFICER);
    const twice = await failure(ACKNOWLEDGE, { id: issued.id, version: 1 }, TOWN_OFFICER);
    expect(twice.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    expect(await countRows(server, 'supervision_order_event')).toBe(events + 1);
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, in Chinese first, and writes nothing', async () => {
    const orders = await countRows(server, 'supervision_order');
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '  ' }, 'input.title'],
      [{ title: '督'.repeat(201) }, 'input.title'],
      [{ requirement: '' }, 'input.requirement'],
      [{ deadlineOn: '2020-01-01' }, 'input.deadlineOn'],
      [{ addresseeTenantCode: null, addresseeUnit: null }, 'input.addresseeTenantCode'],
      [{ addresseeUnit: '单'.repeat(101) }, 'input.addresseeUnit'],
      [{ projectId: null }, 'input.projectId'],
      [{ tenantCode: XINHU }, 'input.tenantCode'],
      [{ addresseeTenantCode: '999999' }, 'input.addresseeTenantCode'],
    ];
    for (const [overrides, field] of cases) {
      const error = await failure(
        ISSUE,
        {
          subject: 'PROJECT',
          projectId,
          title: '关于加快项目进度的督办通知',
          requirement: '按期完成',
          addresseeTenantCode: XINHU,
          deadlineOn: '2099-12-31',
          ...overrides,
        },
        SUPERVISOR,
      );
      expect([field, error.extensions]).toEqual([field, expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
      expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const empty = await issue();
    const note = await failure(FEEDBACK, { id: empty.id, note: ' ' }, TOWN_OFFICER);
    expect(note.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.note' });
    expect(await countRows(server, 'supervision_order')).toBe(orders + 1);
  });

  it('lets the supervisor and leaders issue within their reach only, and the addressee answer', async () => {
    const town = await failure(
      ISSUE,
      { subject: 'TENANT', tenantCode: XINHU, title: '督办', requirement: '按期', addresseeTenantCode: XINHU, deadlineOn: '2099-12-31' },
      TOWN_OFFICER,
    );
    expect(town.extensions.code).toBe('FORBIDDEN');
    const sibling = await failure(
      ISSUE,
      {
        subject: 'TENANT',
        tenantCode: NINGJIN,
        title: '督办',
        requirement: '按期',
        addresseeTenantCode: NINGJIN,
        deadlineOn: '2099-12-31',
      },
      COUNTY_LEADER,
    );
    expect(sibling.extensions.code).toBe('NOT_FOUND');
    const byCounty = await issue({ subject: 'TENANT', projectId: null, tenantCode: XINHU }, COUNTY_LEADER);
    expect(byCounty).toMatchObject({ subject: 'TENANT', tenant: { code: XINHU }, project: null });
    // Another town's officer neither reads nor answers it; the supervisor may not answer for the addressee.
    const other = await failure(ACKNOWLEDGE, { id: byCounty.id }, XINHUA_OFFICER);
    expect(other.extensions.code).toBe('NOT_FOUND');
    const notAddressee = await failure(ACKNOWLEDGE, { id: byCounty.id }, SUPERVISOR);
    expect(notAddressee.extensions.code).toBe('FORBIDDEN');
    // Only the issuing side closes or sends back.
    await ok(ACKNOWLEDGE, { id: byCounty.id }, TOWN_OFFICER);
    await ok(FEEDBACK, { id: byCounty.id, note: '已整改' }, TOWN_OFFICER);
    const byTown = await failure(CLOSE, { id: byCounty.id }, TOWN_OFFICER);
    expect(byTown.extensions.code).toBe('FORBIDDEN');
    const byCity = await ok(CLOSE, { id: byCounty.id }, COUNTY_LEADER);
    expect(byCity.status).toBe('CLOSED');
  });

  it('lists by state, addressee and project, under the reader’s scope', async () => {
    const issued = await issue();
    const ids = async (filter: Record<string, unknown>, as: Caller) =>
      (await server.gql(LIST, { filter }, as)).data!.supervisionOrders.nodes.map((n: { id: string }) => n.id);
    expect(await ids({ statuses: ['ISSUED'], projectId }, TOWN_OFFICER)).toContain(issued.id);
    expect(await ids({ addressedToMe: true }, TOWN_OFFICER)).toContain(issued.id);
    expect(await ids({ addresseeTenantCode: XINHU }, CITY_LEADER)).toContain(issued.id);
    expect(await ids({ statuses: ['CLOSED'] }, CITY_LEADER)).not.toContain(issued.id);
    expect(await ids({}, XINHUA_OFFICER)).toEqual([]);
    const sibling = await server.gql(ORDER, { id: issued.id }, XINHUA_OFFICER);
    expect(sibling.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('lists in awaitingMe (待我办理) what each role’s next step is, and the step of every other order is refused', async () => {
    const own = (await createProject(server, { code: null, name: '新湖街道社区养老服务中心项目' })).id;
    const assigned = await server.gql(
      `mutation($input: AssignLeaderInput!) { assignLeader(input: $input) { id } }`,
      { input: { projectId: own, subject: PROJECT_LEADER.subject, name: PROJECT_LEADER.name, kind: 'LEAD_LEADER' } },
      COUNTY_LEADER,
    );
    expect(assigned.errors).toBeUndefined();
    // To acknowledge: the town (addressee) and the project's 包抓 leader; to decide: 李娜, who issued it, and her district's other leader.
    const toAcknowledge = await issue({ projectId: own });
    const toDecide = await issue({ subject: 'TENANT', projectId: null, tenantCode: XINHU }, COUNTY_LEADER);
    await ok(ACKNOWLEDGE, { id: toDecide.id }, TOWN_OFFICER);
    await ok(FEEDBACK, { id: toDecide.id, note: '已完成整改并书面报告' }, TOWN_OFFICER);
    const awaiting = async (as: Caller, awaitingMe = true) =>
      (await server.gql(LIST, { filter: { awaitingMe } }, as)).data!.supervisionOrders.nodes.map((n: { id: string }) => n.id);
    const scope: [string, Caller, string[], string[]][] = [
      ['the addressee town', TOWN_OFFICER, [toAcknowledge.id], [toDecide.id]],
      ['the project’s 包抓 leader', PROJECT_LEADER, [toAcknowledge.id], [toDecide.id]],
      ['the issuer', COUNTY_LEADER, [toDecide.id], [toAcknowledge.id]],
      ['another leader of the issuer’s district', DECHENG_LEADER, [toDecide.id], [toAcknowledge.id]],
      ['the supervisor, who issued neither step now due', SUPERVISOR, [], [toAcknowledge.id, toDecide.id]],
      ['another town', XINHUA_OFFICER, [], [toAcknowledge.id, toDecide.id]],
    ];
    for (const [who, as, listed, notListed] of scope) {
      const mine = await awaiting(as);
      for (const id of listed) expect({ who, listed: mine.includes(id) }).toEqual({ who, listed: true });
      for (const id of notListed) expect({ who, listed: mine.includes(id) }).toEqual({ who, listed: false });
    }
    // viewerSteps names the same steps, order by order; more feedback stays open to the town while 李娜 decides.
    const steps = async (id: string, as: Caller) => (await server.gql(STEPS, { id }, as)).data!.supervisionOrder.viewerSteps;
    expect(await steps(toAcknowledge.id, TOWN_OFFICER)).toEqual(['ACKNOWLEDGED']);
    expect(await steps(toAcknowledge.id, PROJECT_LEADER)).toEqual(['ACKNOWLEDGED']);
    expect(await steps(toAcknowledge.id, SUPERVISOR)).toEqual([]);
    expect(await steps(toAcknowledge.id, COUNTY_LEADER)).toEqual([]);
    expect(await steps(toDecide.id, TOWN_OFFICER)).toEqual(['FEEDBACK_GIVEN']);
    expect(await steps(toDecide.id, COUNTY_LEADER)).toEqual(['CLOSED', 'SENT_BACK']);
    expect(await steps(toDecide.id, DECHENG_LEADER)).toEqual(['CLOSED', 'SENT_BACK']);
    expect(await steps(toDecide.id, SUPERVISOR)).toEqual([]);
    // false lists the rest of what the viewer reads: the town reads the order waiting on the district.
    expect(await awaiting(TOWN_OFFICER, false)).toContain(toDecide.id);
    expect(await awaiting(TOWN_OFFICER, false)).not.toContain(toAcknowledge.id);
    // What the list leaves out, the step refuses: nobody is offered a step the API would not take.
    expect((await failure(ACKNOWLEDGE, { id: toAcknowledge.id }, COUNTY_LEADER)).extensions.code).toBe('FORBIDDEN');
    expect((await failure(ACKNOWLEDGE, { id: toAcknowledge.id }, SUPERVISOR)).extensions.code).toBe('FORBIDDEN');
    expect((await failure(CLOSE, { id: toDecide.id }, TOWN_OFFICER)).extensions.code).toBe('FORBIDDEN');
    expect((await failure(CLOSE, { id: toDecide.id }, SUPERVISOR)).extensions.code).toBe('FORBIDDEN');
    expect((await failure(FEEDBACK, { id: toDecide.id, note: '补充' }, XINHUA_OFFICER)).extensions.code).toBe('NOT_FOUND');
    // And what it lists, the step takes.
    expect((await ok(ACKNOWLEDGE, { id: toAcknowledge.id }, PROJECT_LEADER)).status).toBe('ACKNOWLEDGED');
    expect((await ok(CLOSE, { id: toDecide.id }, DECHENG_LEADER)).status).toBe('CLOSED');
    expect(await awaiting(DECHENG_LEADER)).not.toContain(toDecide.id);
  });

  it('tells each viewer whether they may issue orders about a project (viewerIssuesOrders), as issuing decides', async () => {
    const own = (await createProject(server, { code: null, name: '新湖街道老旧小区改造项目' })).id;
    const MAY = `query($id: ID!) { project(id: $id) { viewerIssuesOrders } }`;
    const may = async (as: Caller) => (await server.gql(MAY, { id: own }, as)).data!.project.viewerIssuesOrders;
    expect(await may(SUPERVISOR)).toBe(true);
    expect(await may(CITY_LEADER)).toBe(true);
    expect(await may(COUNTY_LEADER)).toBe(true);
    expect(await may(TOWN_OFFICER)).toBe(false);
    const refused = await failure(
      ISSUE,
      { subject: 'PROJECT', projectId: own, title: '督办', requirement: '按期', addresseeTenantCode: XINHU, deadlineOn: '2099-12-31' },
      TOWN_OFFICER,
    );
    expect(refused.extensions.code).toBe('FORBIDDEN');
  });

  it('counts issued, open, overdue and closed orders and the closure rate in the rollups of every level', async () => {
    const figures = async (code: string) => {
      const result = await server.gql(
        `query($p: Period!) { rollup(tenantCode: "${code}", period: $p) {
           supervisionOrders { issuedCount openCount overdueCount closedCount closureRate } } }`,
        { p: chinaDate().slice(0, 7) },
        CITY_LEADER,
      );
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data!.rollup.supervisionOrders;
    };
    const rows: { issued: number; open: number; overdue: number; closed: number }[] = await server.adminOrm.em
      .fork()
      .getConnection()
      .execute(
        `select count(*)::int as issued, (count(*) filter (where status <> 'CLOSED'))::int as open,
                (count(*) filter (where status <> 'CLOSED' and deadline_on < ?::date))::int as overdue,
                (count(*) filter (where status = 'CLOSED'))::int as closed
           from supervision_order where owner_tenant_code like '371402%'`,
        [chinaDate()],
      );
    const expected = rows[0]!;
    expect(expected.closed).toBeGreaterThan(0);
    expect(expected.overdue).toBeGreaterThan(0);
    const rate = Math.round((expected.closed / expected.issued) * 10000) / 100;
    for (const code of [CITY, DECHENG, XINHU]) {
      expect(await figures(code)).toEqual({
        issuedCount: expected.issued,
        openCount: expected.open,
        overdueCount: expected.overdue,
        closedCount: expected.closed,
        closureRate: rate,
      });
    }
  });

  it('records accountability on a closed order or a blocker, readable with it and audited; not on an open order', async () => {
    const issued = await issue();
    const open = await failure(
      ACCOUNTABILITY,
      { orderId: issued.id, personName: '张某', personUnit: '新湖街道办事处副主任', measure: 'INTERVIEW', decidedOn: chinaDate() },
      SUPERVISOR,
    );
    expect(open.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.orderId' });
    await ok(ACKNOWLEDGE, { id: issued.id }, TOWN_OFFICER);
    await ok(FEEDBACK, { id: issued.id, note: '已办结' }, TOWN_OFFICER);
    await ok(CLOSE, { id: issued.id }, SUPERVISOR);
    const both = await failure(
      ACCOUNTABILITY,
      {
        orderId: issued.id,
        blockerId: issued.id,
        personName: '张某',
        personUnit: '新湖街道',
        measure: 'INTERVIEW',
        decidedOn: chinaDate(),
      },
      SUPERVISOR,
    );
    expect(both.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.orderId' });
    const byTown = await failure(
      ACCOUNTABILITY,
      { orderId: issued.id, personName: '张某', personUnit: '新湖街道', measure: 'INTERVIEW', decidedOn: chinaDate() },
      TOWN_OFFICER,
    );
    expect(byTown.extensions.code).toBe('FORBIDDEN');
    const outcome = await ok(
      ACCOUNTABILITY,
      {
        orderId: issued.id,
        personName: '张某',
        personUnit: '新湖街道办事处副主任',
        measure: 'CIRCULATED_CRITICISM',
        detail: '土地报批工作推进不力，逾期未完成，予以全区通报批评',
        decidedOn: chinaDate(),
      },
      SUPERVISOR,
    );
    expect(outcome).toMatchObject({ measure: 'CIRCULATED_CRITICISM', recordedByName: SUPERVISOR.name });
    const read = await server.gql(ORDER, { id: issued.id }, TOWN_OFFICER);
    expect(read.data!.supervisionOrder.accountability).toEqual([{ personName: '张某', measure: 'CIRCULATED_CRITICISM' }]);
    const hidden = await server.gql(
      `query($id: ID!) { auditTrail(entity: ACCOUNTABILITY_OUTCOME, id: $id) { totalCount } }`,
      { id: outcome.id },
      XINHUA_OFFICER,
    );
    expect(hidden.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const trail = await server.gql(
      `query($id: ID!) { auditTrail(entity: ACCOUNTABILITY_OUTCOME, id: $id) { totalCount } }`,
      { id: outcome.id },
      CITY_LEADER,
    );
    expect(trail.data!.auditTrail.totalCount).toBe(1);

    const blocker = await ok(
      `mutation($input: RaiseBlockerInput!) { raiseBlocker(input: $input) { id } }`,
      { projectId, type: 'LAND', description: '用地指标未落实', responsibleUnit: '区自然资源局', deadlineOn: '2099-12-31' },
      TOWN_OFFICER,
    );
    await ok(
      ACCOUNTABILITY,
      { blockerId: blocker.id, personName: '李某', personUnit: '区自然资源局', measure: 'REMINDER_TALK', decidedOn: chinaDate() },
      COUNTY_LEADER,
    );
    const onBlocker = await server.gql(
      `query($id: ID!) { blocker(id: $id) { accountability { personName measure } } }`,
      { id: blocker.id },
      TOWN_OFFICER,
    );
    expect(onBlocker.data!.blocker.accountability).toEqual([{ personName: '李某', measure: 'REMINDER_TALK' }]);
  });

  it('hides orders from another town in the database too (row-level security)', async () => {
    const issued = await issue();
    const em = server.orm.em.fork();
    const visible = await em.transactional(async (tx) => {
      await tx.execute(`select set_config('kp.read_root', ?, true), set_config('kp.subject', ?, true)`, [
        `${CITY}.${DECHENG}.${XINHU}`,
        'nobody',
      ]);
      return tx.execute<{ n: number }[]>('select count(*)::int as n from supervision_order where id = ?', [issued.id]);
    });
    expect(visible[0]!.n).toBe(1);
    const hidden = await em.transactional(async (tx) => {
      await tx.execute(`select set_config('kp.read_root', ?, true), set_config('kp.subject', ?, true)`, [`${CITY}.${NINGJIN}`, 'nobody']);
      return tx.execute<{ n: number }[]>('select count(*)::int as n from supervision_order where id = ?', [issued.id]);
    });
    expect(hidden[0]!.n).toBe(0);
  });
});
