import { COUNTY_LEADER, countRows, createProject, TOWN_OFFICER, XINHU, XINHUA_OFFICER } from '../../support/fixtures';
import { startTestServer, type TestServer } from '../../support/test-server';

const ADD = `mutation($input: AddMilestoneInput!) { addMilestone(input: $input) { id } }`;
const UPDATE = `mutation($input: UpdateMilestoneInput!) { updateMilestone(input: $input) { id } }`;
const TRAIL = `query($entity: AuditedEntity!, $id: ID!, $first: Int, $after: String) {
  auditTrail(entity: $entity, id: $id, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id recordedAt actorSubject actorName actorTenantCode entity entityId operation changes { field before after } }
  } }`;

interface StoredRecord {
  id: string;
  entity: string;
  entity_id: string;
  operation: string;
  actor_subject: string;
  actor_name: string;
  actor_tenant_code: string;
  tenant_code: string;
  project_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  same_tx: boolean | null;
}

describe('audit trail', () => {
  let server: TestServer;
  let projectId: string;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants');
    projectId = (await createProject(server, { code: null })).id;
  });
  afterAll(() => server.close());

  /**
   * What the owner sees: the records written after `afterId`, and whether each was written by the
   * transaction that wrote its change event (the row itself carries the mutation's savepoint's xid).
   */
  async function recordsAfter(afterId: string, kind?: string): Promise<StoredRecord[]> {
    const sameTx = kind
      ? `exists (select 1 from change_event e where e.tx = r.tx and e.kind = '${kind}' and e.changes -> 'title' ->> 'after' = r.after ->> 'title')`
      : 'null';
    return server.adminOrm.em.fork().execute(
      `select r.id::text as id, r.entity, r.entity_id, r.operation, r.actor_subject, r.actor_name, r.actor_tenant_code,
              r.tenant_code, r.project_id::text as project_id, r.before, r.after, ${sameTx} as same_tx
         from audit_record r where r.id > ? order by r.id`,
      [afterId],
    );
  }
  async function lastId(): Promise<string> {
    const [row] = await server.adminOrm.em.fork().execute<{ id: string }[]>('select coalesce(max(id), 0)::text as id from audit_record');
    return row!.id;
  }

  it('records a creation through the API in the same transaction: who, from where, whose, every field after', async () => {
    const since = await lastId();
    const added = await server.gql(ADD, { input: { projectId, title: '环评批复', dueOn: '2026-12-31' } });
    const id = added.data?.addMilestone.id;
    const records = await recordsAfter(since, 'MILESTONE_ADDED');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      entity: 'Milestone',
      entity_id: id,
      operation: 'CREATE',
      actor_subject: TOWN_OFFICER.subject,
      actor_name: TOWN_OFFICER.name,
      actor_tenant_code: XINHU,
      tenant_code: XINHU,
      project_id: projectId,
      before: null,
      same_tx: true,
    });
    expect(records[0]!.after).toMatchObject({ id, project_id: projectId, title: '环评批复', due_on: '2026-12-31', done_on: null });
    expect(records[0]!.after).not.toHaveProperty('updated_at');
  });

  it('records only the fields an update changed, and nothing for an update that changes nothing', async () => {
    const id = (await server.gql(ADD, { input: { projectId, title: '规划许可', dueOn: '2026-10-31' } })).data?.addMilestone.id;
    const since = await lastId();
    await server.gql(UPDATE, { input: { id, note: '已提交材料', dueOn: '2026-11-30' } });
    await server.gql(UPDATE, { input: { id, title: '规划许可' } });
    const records = await recordsAfter(since);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      operation: 'UPDATE',
      before: { note: null, due_on: '2026-10-31' },
      after: { note: '已提交材料', due_on: '2026-11-30' },
    });
  });

  it('records nothing for a mutation that is refused', async () => {
    const before = await countRows(server, 'audit_record');
    const empty = await server.gql(ADD, { input: { projectId, title: ' ', dueOn: '2026-12-31' } });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
    expect(await countRows(server, 'audit_record')).toBe(before);
  });

  it("shows a project's trail to its readers, money exact and fields named as the API names them", async () => {
    const project = await createProject(server, { code: null, totalInvestmentWan: '52000' });
    const updated = await server.gql(`mutation($input: UpdateProjectInput!) { updateProject(input: $input) { id } }`, {
      input: { id: project.id, totalInvestmentWan: '60000.5' },
    });
    expect(updated.errors).toBeUndefined();
    const trail = await server.gql(TRAIL, { entity: 'PROJECT', id: project.id }, COUNTY_LEADER);
    expect(trail.errors).toBeUndefined();
    const nodes = trail.data?.auditTrail.nodes;
    expect(nodes.map((n: { operation: string }) => n.operation)).toEqual(['CREATE', 'UPDATE']);
    expect(nodes[0]).toMatchObject({
      actorSubject: TOWN_OFFICER.subject,
      actorName: TOWN_OFFICER.name,
      actorTenantCode: XINHU,
      entityId: project.id,
    });
    expect(nodes[0].changes).toContainEqual({ field: 'totalInvestmentWan', before: null, after: '52000' });
    expect(nodes[1].changes).toEqual([{ field: 'totalInvestmentWan', before: '52000', after: '60000.5' }]);
    expect(trail.data?.auditTrail.totalCount).toBe(2);
  });

  it("keeps a deleted milestone's trail for its project's readers", async () => {
    const id = (await server.gql(ADD, { input: { projectId, title: '主体封顶', dueOn: '2026-09-30' } })).data?.addMilestone.id;
    const deleted = await server.gql(`mutation($id: ID!) { deleteMilestone(id: $id) }`, { id });
    expect(deleted.errors).toBeUndefined();
    const trail = await server.gql(TRAIL, { entity: 'MILESTONE', id }, COUNTY_LEADER);
    const nodes = trail.data?.auditTrail.nodes;
    expect(nodes.map((n: { operation: string }) => n.operation)).toEqual(['CREATE', 'DELETE']);
    expect(nodes[1].changes).toContainEqual({ field: 'title', before: '主体封顶', after: null });
  });

  it('pages through a trail', async () => {
    const id = (await server.gql(ADD, { input: { projectId, title: '设备调试', dueOn: '2026-09-30' } })).data?.addMilestone.id;
    await server.gql(UPDATE, { input: { id, note: '一' } });
    await server.gql(UPDATE, { input: { id, note: '二' } });
    const first = await server.gql(TRAIL, { entity: 'MILESTONE', id, first: 2 });
    expect(first.data?.auditTrail.pageInfo.hasNextPage).toBe(true);
    const rest = await server.gql(TRAIL, { entity: 'MILESTONE', id, first: 2, after: first.data?.auditTrail.pageInfo.endCursor });
    expect(rest.data?.auditTrail.nodes.map((n: { changes: { after: string }[] }) => n.changes[0]?.after)).toEqual(['二']);
    expect(rest.data?.auditTrail.pageInfo.hasNextPage).toBe(false);
    const bad = await server.gql(TRAIL, { entity: 'MILESTONE', id, after: 'nonsense' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it("answers NOT_FOUND to a neighbour town's officer, for the project and what hangs off it", async () => {
    const id = (await server.gql(ADD, { input: { projectId, title: '竣工验收', dueOn: '2027-06-30' } })).data?.addMilestone.id;
    for (const [entity, target] of [
      ['PROJECT', projectId],
      ['MILESTONE', id],
    ]) {
      const result = await server.gql(TRAIL, { entity, id: target }, XINHUA_OFFICER);
      expect(result.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      expect(result.data).toBeNull();
    }
  });

  it('answers NOT_FOUND for an unknown or malformed id', async () => {
    for (const [entity, id] of [
      ['PROJECT', '00000000-0000-4000-8000-000000000000'],
      ['MILESTONE', '00000000-0000-4000-8000-000000000000'],
      ['PROGRESS_REPORT', 'not-a-uuid'],
      ['TRAFFIC_LIGHT_RULES', 'x'],
      ['TRAFFIC_LIGHT_RULES', XINHU],
    ]) {
      const result = await server.gql(TRAIL, { entity, id });
      expect(result.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    }
  });
});
