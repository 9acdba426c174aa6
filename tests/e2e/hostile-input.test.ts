import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { adHocUser } from '../../src/auth/dev-realm';
import { Role } from '../../src/auth/roles';
import { chinaDate, Period } from '../../src/calendar/period';
import { CITY, XINHU } from '../support/fixtures';
import { argumentsFor, hostileFor, leavesOf, operationFor, targetsOf, typeAt, type Baselines, type Target } from '../support/hostile-input';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * For every field that takes arguments (every mutation, every query, the fields below them),
 * found by introspecting the running server, hostile values in one place at a time (very long
 * strings, control characters, emoji, SQL metacharacters, overflowing and over-precise amounts,
 * impossible dates and periods, wrong enums, empty and huge lists, wrong types), written inline or
 * sent as variables, over real HTTP with a token that may act: the answer is never an internal
 * error, never HTTP 5xx. The rest of each request is plausible (real ids, the viewer's own
 * tenant), so the hostile value reaches the services and the database.
 */

/** Fixed, so a run is repeatable; the number of runs keeps the test within a few tens of seconds. */
const SEED = 20261203;
const RUNS = 1000;

/** What bad input may answer: a client error with a stable code, never INTERNAL_SERVER_ERROR. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
]);

/** City leader and administrator of the city: may create, change and review the city's own projects. */
const ACTOR = adHocUser({ subject: randomUUID(), name: '市级测试', tenantCode: CITY, roles: [Role.CITY_LEADER, Role.ADMIN] });

describe('hostile input', () => {
  let server: TestServer;
  let targets: Target[];
  let baselines: Baselines;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', ACTOR, { RATE_LIMIT_PER_MINUTE: '1000000' });
    const introspection = await server.gql<IntrospectionQuery>(getIntrospectionQuery());
    targets = targetsOf(buildClientSchema(introspection.data!)).filter((t) => !t.name.startsWith('Subscription.'));
    baselines = await fixtures(server);
  });
  afterAll(() => server?.close());

  it('finds the fields to attack by introspection', () => {
    const names = targets.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Mutation.raiseBlocker',
        'Mutation.assignLeader',
        'Query.rollup',
        'Project.completedThisYearWan',
        'Rollup.trend',
      ]),
    );
  });

  it('never answers hostile arguments with an internal error or HTTP 5xx', async () => {
    const byName = new Map(targets.map((t) => [t.name, t]));
    // Cases name their target, so a counterexample reads as `Mutation.raiseBlocker` at `input.description`.
    const cases = fc
      .constantFrom(...byName.keys())
      .chain((name) => fc.tuple(fc.constant(name), fc.constantFrom(...leavesOf(byName.get(name)!.field))))
      .chain(([name, leaf]) =>
        fc.record({
          target: fc.constant(name),
          leaf: fc.constant(leaf),
          value: hostileFor(typeAt(byName.get(name)!.field, leaf)),
          inline: fc.boolean(),
        }),
      );
    await fc.assert(
      fc.asyncProperty(cases, async ({ target: name, leaf, value, inline }) => {
        const target = byName.get(name)!;
        const { query, variables } = operationFor(target, argumentsFor(target.field, leaf, value, baselines), inline, baselines);
        const response = await server.gql(query, variables);
        const uncoded = response.errors?.find((e) => !CLIENT_CODES.has(e.extensions?.code));
        if (response.status >= 500 || uncoded) {
          throw new Error(
            `${target.name} at ${leaf.join('.')} answered ${response.status}: ${JSON.stringify(response.errors).slice(0, 500)}\n${query.slice(0, 500)}\n${JSON.stringify(variables).slice(0, 500)}`,
          );
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 300_000);
});

/** A project of the city with a milestone, a blocker, a report and an assignment, and a lead: real ids for every `ID` argument. */
async function fixtures(server: TestServer): Promise<Baselines> {
  const today = chinaDate();
  const period = Period.current().toString();
  const run = async (query: string, variables: Record<string, unknown>) => {
    const result = await server.gql(query, variables);
    if (result.errors) throw new Error(`fixture failed: ${JSON.stringify(result.errors)}`);
    return Object.values(result.data!)[0] as { id: string };
  };
  const project = await run('mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }', {
    input: {
      name: '敌意输入测试项目',
      category: 'OTHER',
      nature: 'NEW',
      ownerTenantCode: CITY,
      totalInvestmentWan: '50000',
      annualPlans: [{ year: Number(today.slice(0, 4)), plannedInvestmentWan: '1200' }],
    },
  });
  const milestone = await run('mutation($input: AddMilestoneInput!) { addMilestone(input: $input) { id } }', {
    input: { projectId: project.id, title: '主体完工', dueOn: today },
  });
  const blocker = await run('mutation($input: RaiseBlockerInput!) { raiseBlocker(input: $input) { id } }', {
    input: { projectId: project.id, type: 'LAND', description: '用地指标不足', responsibleUnit: '市自然资源局', deadlineOn: today },
  });
  const report = await run('mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }', {
    input: {
      projectId: project.id,
      period: Period.current().plusMonths(-1).toString(),
      completedInvestmentWan: '100',
      progressNote: '主体施工',
    },
  });
  const assignment = await run('mutation($input: AssignLeaderInput!) { assignLeader(input: $input) { id } }', {
    input: { projectId: project.id, subject: randomUUID(), name: '刘洋', kind: 'LEAD_LEADER' },
  });
  const lead = await run('mutation($input: CreateInvestmentLeadInput!) { createInvestmentLead(input: $input) { id } }', {
    input: { name: '新材料产业园', investorName: '某某集团', ownerTenantCode: CITY, intendedWan: '30000' },
  });
  const byType: Record<string, string> = {
    Milestone: milestone.id,
    Blocker: blocker.id,
    ProgressReport: report.id,
    ProjectAssignment: assignment.id,
    InvestmentLead: lead.id,
  };
  return {
    id(argName, returnType, fieldName) {
      if (argName === 'projectId') return project.id;
      const kind = Object.keys(byType).find((type) => returnType === type || fieldName.toLowerCase().includes(type.toLowerCase()));
      return kind ? byType[kind]! : project.id;
    },
    tenantCode: CITY,
    townCode: XINHU,
    today,
    period,
    year: Number(today.slice(0, 4)),
  };
}
