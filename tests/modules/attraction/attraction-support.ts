import { TOWN_OFFICER, XINHU } from '../../support/fixtures';
import type { Caller, GraphQLResponse, TestServer } from '../../support/test-server';

/**
 * Steps dated in a year that has passed by the time these tests run, so that "not in the future"
 * holds and every step falls in the same year (本年签约 counts the signed leads of the period's year).
 */
export const YEAR_END = '2026-12';
export const ON = {
  intent: '2026-02-10',
  framework: '2026-04-15',
  signed: '2026-06-20',
  started: '2026-08-01',
  firstFunds: '2026-09-10',
  allFunds: '2026-10-15',
} as const;

export const LEAD_FIELDS = `id name investorName investorOrigin industry responsibleUnit stage version
  intentOn frameworkAgreedOn signedOn startedOn fundsInPlaceOn fundsRecordedOn
  intendedWan signedWan fundsInPlaceWan createdByName updatedByName owner { code }
  project { id name code category nature stage totalInvestmentWan fundsInPlaceWan ownerUnit owner { code } startedOn version }
  stageHistory { stage changedOn amountWan note recordedBy recordedByName }`;

export const CREATE = `mutation($input: CreateInvestmentLeadInput!) { createInvestmentLead(input: $input) { ${LEAD_FIELDS} } }`;
export const UPDATE = `mutation($input: UpdateInvestmentLeadInput!) { updateInvestmentLead(input: $input) { ${LEAD_FIELDS} } }`;
export const ADVANCE = `mutation($input: AdvanceInvestmentLeadInput!) { advanceInvestmentLead(input: $input) { ${LEAD_FIELDS} } }`;
export const START = `mutation($input: StartInvestmentLeadInput!) { startInvestmentLead(input: $input) { ${LEAD_FIELDS} } }`;
export const FUNDS = `mutation($input: RecordLeadFundsInput!) { recordLeadFunds(input: $input) { ${LEAD_FIELDS} } }`;
export const READ = `query($id: ID!) { investmentLead(id: $id) { ${LEAD_FIELDS} } }`;

export type Lead = Record<string, any> & { id: string; version: number; stage: string };

export function leadInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '德州新能源装备产业园项目',
    investorName: '江苏远景新能源科技有限公司',
    investorOrigin: '江苏省',
    industry: '新能源装备制造',
    ownerTenantCode: XINHU,
    responsibleUnit: '新湖街道招商办',
    intendedWan: '12345.6789',
    intentOn: ON.intent,
    ...overrides,
  };
}

/** The lead operations of one test server, failing loudly on any error where success is expected. */
export function leadClient(server: TestServer) {
  async function ok(query: string, input: Record<string, unknown>, as: Caller = TOWN_OFFICER): Promise<Lead> {
    const result: GraphQLResponse = await server.gql(query, { input }, as);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return Object.values(result.data!)[0] as Lead;
  }
  const client = {
    ok,
    create: (overrides: Record<string, unknown> = {}, as: Caller = TOWN_OFFICER) => ok(CREATE, leadInput(overrides), as),
    advance: (id: string, stage: string, extra: Record<string, unknown> = {}, as: Caller = TOWN_OFFICER) =>
      ok(ADVANCE, { id, stage, ...extra }, as),
    start: (id: string, extra: Record<string, unknown> = {}, as: Caller = TOWN_OFFICER) => ok(START, { id, ...extra }, as),
    funds: (id: string, fundsInPlaceWan: string, on: string, as: Caller = TOWN_OFFICER) => ok(FUNDS, { id, fundsInPlaceWan, on }, as),
    async read(id: string, as: Caller = TOWN_OFFICER): Promise<Lead> {
      const result = await server.gql(READ, { id }, as);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data!.investmentLead as Lead;
    },
    /** A lead at CONTRACT_SIGNED, dated as in ON, signed for `signedWan`. */
    async signed(overrides: Record<string, unknown> = {}, signedWan = '10000.5', as: Caller = TOWN_OFFICER): Promise<Lead> {
      const lead = await client.create(overrides, as);
      await client.advance(lead.id, 'FRAMEWORK_AGREEMENT', { on: ON.framework }, as);
      return client.advance(lead.id, 'CONTRACT_SIGNED', { on: ON.signed, signedWan }, as);
    },
  };
  return client;
}
