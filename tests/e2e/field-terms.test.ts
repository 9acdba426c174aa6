import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, getNullableType, isInputObjectType, type GraphQLInputType } from 'graphql';
import { devUser } from '../../src/auth/dev-users';
import { describedTerm } from '../../src/errors/described-term';
import { COUNTY_LEADER, createProject, TOWN_OFFICER, XINHU } from '../support/fixtures';
import { startTestServer, type Caller, type TestServer } from '../support/test-server';

const SUPERVISOR = devUser('supervisor')!;
const SCHEMA = buildSchema(readFileSync(join(__dirname, '../../schema/schema.graphql'), 'utf8'));

/** An API name as a person must never read it: camelCase (`blockerId`, `deadlineOn`) or a lower-case identifier opening the message (`name 不能为空`). */
const API_NAME = /[a-z]+[A-Z][a-zA-Z]*|^[a-z][a-zA-Z.\d]*\s/;

/** The Chinese term the schema's description gives the input field at `field` (`input.title`) of `mutation`'s arguments. */
function termOf(mutation: string, field: string): string | undefined {
  const [argument, ...path] = field.split('.');
  const fields = SCHEMA.getMutationType()!.getFields();
  const arg = fields[mutation]!.args.find((a) => a.name === argument);
  if (!arg) return undefined;
  if (path.length === 0) return describedTerm(arg.description);
  let type: GraphQLInputType = arg.type;
  let description: string | undefined | null;
  for (const segment of path) {
    const inner = getNamedType(getNullableType(type));
    if (!isInputObjectType(inner)) return undefined;
    const def = inner.getFields()[segment];
    if (!def) return undefined;
    ({ type, description } = def);
  }
  return describedTerm(description);
}

/**
 * What an officer reads under a form's field names the field in Chinese, by the term the schema's
 * description gives it, and never by its API name; `extensions.field` keeps the API path for the
 * form. Each mutation that takes free text is driven with blank text (and its other rules broken
 * where it has them), in Chinese (no Accept-Language).
 */
describe('field terms in messages', () => {
  let server: TestServer;
  let projectId: string;
  let blockerId: string;
  let orderId: string;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER);
    projectId = (await createProject(server, { code: null })).id;
    const raised = await server.gql(
      `mutation($input: RaiseBlockerInput!) { raiseBlocker(input: $input) { id } }`,
      { input: { projectId, type: 'LAND', description: '用地指标未落实', responsibleUnit: '区自然资源局', deadlineOn: '2099-12-31' } },
      TOWN_OFFICER,
    );
    blockerId = raised.data!['raiseBlocker'].id;
    const issued = await server.gql(
      `mutation($input: IssueSupervisionOrderInput!) { issueSupervisionOrder(input: $input) { id } }`,
      {
        input: {
          subject: 'PROJECT',
          projectId,
          title: '关于加快土地报批的督办通知',
          requirement: '书面反馈办理情况',
          addresseeTenantCode: XINHU,
          deadlineOn: '2099-12-31',
        },
      },
      SUPERVISOR,
    );
    orderId = issued.data!['issueSupervisionOrder'].id;
  });
  afterAll(() => server.close());

  const BLANK = ' ';
  const cases: readonly (readonly [string, string, () => Record<string, unknown>, Caller, readonly string[]])[] = [
    [
      'createProject',
      'CreateProjectInput',
      () => ({ name: BLANK, ownerTenantCode: XINHU, category: 'OTHER', nature: 'NEW', totalInvestmentWan: '100' }),
      TOWN_OFFICER,
      ['input.name'],
    ],
    ['addMilestone', 'AddMilestoneInput', () => ({ projectId, title: BLANK, dueOn: '2099-01-01' }), TOWN_OFFICER, ['input.title']],
    [
      'assignLeader',
      'AssignLeaderInput',
      () => ({ projectId, subject: '王磊', name: BLANK, kind: 'LEAD_LEADER' }),
      COUNTY_LEADER,
      ['input.subject', 'input.name'],
    ],
    [
      'raiseBlocker',
      'RaiseBlockerInput',
      () => ({ projectId, type: 'LAND', description: BLANK, responsibleUnit: BLANK, deadlineOn: '2020-01-01' }),
      TOWN_OFFICER,
      ['input.description', 'input.responsibleUnit', 'input.deadlineOn'],
    ],
    ['escalateBlocker', 'EscalateBlockerInput', () => ({ id: blockerId, reason: BLANK }), TOWN_OFFICER, ['input.reason']],
    ['resolveBlocker', 'ResolveBlockerInput', () => ({ id: blockerId, feedback: BLANK }), TOWN_OFFICER, ['input.feedback']],
    [
      'issueSupervisionOrder',
      'IssueSupervisionOrderInput',
      () => ({ subject: 'BLOCKER', projectId, title: BLANK, requirement: BLANK, deadlineOn: '2020-01-01' }),
      SUPERVISOR,
      ['input.title', 'input.requirement', 'input.addresseeTenantCode', 'input.deadlineOn', 'input.blockerId', 'input.projectId'],
    ],
    ['sendBackSupervisionOrder', 'SupervisionOrderNoteInput', () => ({ id: orderId, note: BLANK }), SUPERVISOR, ['input.note']],
    [
      'recordAccountability',
      'RecordAccountabilityInput',
      () => ({ personName: BLANK, personUnit: BLANK, measure: 'INTERVIEW', decidedOn: '2099-01-01' }),
      SUPERVISOR,
      ['input.orderId', 'input.personName', 'input.personUnit', 'input.decidedOn'],
    ],
    [
      'createInvestmentLead',
      'CreateInvestmentLeadInput',
      () => ({ name: BLANK, investorName: BLANK, ownerTenantCode: XINHU, intendedWan: '100' }),
      TOWN_OFFICER,
      ['input.name', 'input.investorName'],
    ],
  ];

  it.each(cases)(
    '%s names each field at fault by its Chinese term, with no API name in the message',
    async (mutation, inputType, input, as, fields) => {
      const result = await server.gql(`mutation($input: ${inputType}!) { ${mutation}(input: $input) { id } }`, { input: input() }, as);
      expect(result.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      const problems = (result.errors![0]!.extensions['problems'] as { field: string; message: string }[] | undefined) ?? [
        { field: result.errors![0]!.extensions.field!, message: result.errors![0]!.message },
      ];
      expect(problems.map((p) => p.field)).toEqual(fields);
      for (const { field, message } of problems) {
        expect({ field, message, apiName: API_NAME.exec(message)?.[0] }).toEqual({ field, message, apiName: undefined });
        const term = termOf(mutation, field);
        // Every field named above has its term in the schema: a description that loses it fails here, not silently.
        expect({ field, term }).toEqual({ field, term: expect.any(String) });
        expect(message).toContain(term);
      }
    },
  );
});
