import { leadClient } from '../attraction/attraction-support';
import { CITY, CITY_LEADER, COUNTY_LEADER, createProject, TOWN_OFFICER, XINHU, XINHUA_OFFICER } from '../../support/fixtures';
import { startTestServer, type Caller, type TestServer } from '../../support/test-server';

const TRAIL = `query($entity: AuditedEntity!, $id: ID!) {
  auditTrail(entity: $entity, id: $id) { totalCount nodes { operation actorSubject changes { field before after } } } }`;

interface Trail {
  totalCount: number;
  nodes: { operation: string; actorSubject: string; changes: { field: string; before: string | null; after: string | null }[] }[];
}

/**
 * Every mutation writes an audit record: the blocker ledger, investment leads, monthly targets, a
 * city's reporting rules and tenants join the trail, readable by those who may read the record.
 */
describe('audit trail of the supervision ledgers', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER);
  });
  afterAll(() => server.close());

  async function ok(query: string, variables: Record<string, unknown>, as: Caller = TOWN_OFFICER): Promise<any> {
    const result = await server.gql(query, variables, as);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return Object.values(result.data!)[0];
  }
  const trail = async (entity: string, id: string, as: Caller = TOWN_OFFICER): Promise<Trail> => ok(TRAIL, { entity, id }, as);
  const change = (t: Trail, index: number, field: string) => t.nodes[index]?.changes.find((c) => c.field === field);

  it("records a blocker's raising and escalation, shown to its project's readers only", async () => {
    const project = await createProject(server, { code: null, annualPlans: [] });
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

    const seen = await trail('BLOCKER', blocker.id, COUNTY_LEADER);
    expect(seen.nodes.map((n) => n.operation)).toEqual(['CREATE', 'UPDATE']);
    expect(seen.nodes[0]?.actorSubject).toBe(TOWN_OFFICER.subject);
    expect(change(seen, 0, 'description')).toEqual({ field: 'description', before: null, after: '用地指标未落实' });
    // Named as the API names the field (`Blocker.escalatedTo`), valued by the tenant's code.
    expect(change(seen, 1, 'escalatedTo')).toEqual({ field: 'escalatedTo', before: null, after: '371402' });
    expect(seen.nodes.flatMap((n) => n.changes.map((c) => c.field))).not.toContain('escalatedToCode');

    const hidden = await server.gql(TRAIL, { entity: 'BLOCKER', id: blocker.id }, XINHUA_OFFICER);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("records an investment lead's steps and amounts exactly, for its subtree's readers", async () => {
    const leads = leadClient(server);
    const lead = await leads.signed({ name: '审计招商线索' }, '8800.125');
    const seen = await trail('INVESTMENT_LEAD', lead.id, CITY_LEADER);
    expect(seen.nodes.map((n) => n.operation)).toEqual(['CREATE', 'UPDATE', 'UPDATE']);
    expect(change(seen, 0, 'intendedWan')).toEqual({ field: 'intendedWan', before: null, after: '12345.6789' });
    expect(change(seen, 2, 'stage')).toEqual({ field: 'stage', before: 'FRAMEWORK_AGREEMENT', after: 'CONTRACT_SIGNED' });
    expect(change(seen, 2, 'signedWan')).toEqual({ field: 'signedWan', before: null, after: '8800.125' });

    const hidden = await server.gql(TRAIL, { entity: 'INVESTMENT_LEAD', id: lead.id }, XINHUA_OFFICER);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("records a city's reporting rules and a tenant's retirement, for the readers of that tenant", async () => {
    await ok(`mutation { setReportingRules(cityCode: "${CITY}", deadlineDay: 8) { deadlineDay } }`, {}, 'admin');
    await ok(`mutation { setReportingRules(cityCode: "${CITY}", deadlineDay: 6) { deadlineDay } }`, {}, 'admin');
    const rules = await trail('REPORTING_RULES', CITY, CITY_LEADER);
    expect(rules.nodes.map((n) => n.operation)).toEqual(['CREATE', 'UPDATE']);
    expect(change(rules, 0, 'deadlineDay')).toEqual({ field: 'deadlineDay', before: null, after: '8' });
    expect(change(rules, 1, 'deadlineDay')).toEqual({ field: 'deadlineDay', before: '8', after: '6' });

    await ok(`mutation { retireTenant(code: "371402002") { code } }`, {}, 'admin');
    await ok(`mutation { reinstateTenant(code: "371402002") { code } }`, {}, 'admin');
    const tenant = await trail('TENANT', '371402002', COUNTY_LEADER);
    expect(tenant.nodes.map((n) => n.operation)).toEqual(['UPDATE', 'UPDATE']);
    // A town reads its own tenant's trail, never its county's.
    const county = await server.gql(TRAIL, { entity: 'TENANT', id: '371402' }, TOWN_OFFICER);
    expect(county.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await trail('TENANT', XINHU)).totalCount).toBe(0);
  });

  it("records a project's monthly targets (任务分解)", async () => {
    const project = await createProject(server, { code: null, annualPlans: [{ year: 2026, plannedInvestmentWan: '1200' }] });
    const [target] = await server.adminOrm.em
      .fork()
      .execute<{ id: string }[]>(`select id::text as id from project_monthly_target where project_id = ? order by period limit 1`, [
        project.id,
      ]);
    const seen = await trail('MONTHLY_TARGET', target!.id);
    expect(seen.nodes[0]?.operation).toBe('CREATE');
    expect(change(seen, 0, 'targetWan')).toEqual({ field: 'targetWan', before: null, after: '100' });
  });
});
