import {
  CITY,
  CITY_LEADER,
  COUNTY_LEADER,
  createProject,
  DECHENG,
  NINGJIN,
  NINGJIN_LEADER,
  TOWN_OFFICER,
  XINHU,
  XINHUA,
} from '../../support/fixtures';
import { collect, sleep, TENANT_CHANGES, type TenantChange } from '../../support/live';
import { startTestServer, type TestServer } from '../../support/test-server';

const SET = `mutation($input: SetResponsibilityTargetsInput!) { setResponsibilityTargets(input: $input) {
  id measure targetValue signedOn updatedByName tenant { code } } }`;
const LETTER = `query($code: String!) { responsibilityLetter(tenantCode: $code, year: 2026) {
  id version signedOn updatedByName tenant { code } targets { measure targetValue } } }`;
const PROGRESS = `query($code: String!) { rollup(tenantCode: $code, period: "2026-11") {
  completedThisYearWan fundsArrivedThisYearWan targetProgress { measure targetValue actualValue completionRate } } }`;

/** 目标责任书: the tenant above sets a tenant's yearly targets; the rollups show the progress against them. */
describe('target-responsibility letters (目标责任书)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', COUNTY_LEADER);
  });
  afterAll(() => server.close());

  const set = (targets: Record<string, unknown>[], tenantCode = XINHU, as = COUNTY_LEADER, year = 2026) =>
    server.gql(SET, { input: { tenantCode, year, signedOn: '2026-02-10', targets } }, as);

  it('is set by the county for its town, replaced as a whole, and read against the town’s figures', async () => {
    await createProject(server, { code: null, annualPlans: [{ year: 2026, plannedInvestmentWan: '1000' }] }, TOWN_OFFICER);
    const first = await set([
      { measure: 'FUNDS_ARRIVED', value: '500' },
      { measure: 'INVESTMENT_COMPLETED', value: '20000.5' },
      { measure: 'NEW_PROJECTS_STARTED', value: '4' },
    ]);
    expect(first.errors).toBeUndefined();
    expect(first.data!.setResponsibilityTargets.map((t: { measure: string }) => t.measure)).toEqual([
      'INVESTMENT_COMPLETED',
      'NEW_PROJECTS_STARTED',
      'FUNDS_ARRIVED',
    ]);
    const replaced = await set([
      { measure: 'INVESTMENT_COMPLETED', value: '30000' },
      { measure: 'LEADS_SIGNED', value: '2' },
    ]);
    expect(replaced.data!.setResponsibilityTargets).toMatchObject([
      { measure: 'INVESTMENT_COMPLETED', targetValue: '30000', tenant: { code: XINHU }, updatedByName: COUNTY_LEADER.name },
      { measure: 'LEADS_SIGNED', targetValue: '2' },
    ]);
    const { rollup } = (await server.gql(PROGRESS, { code: XINHU })).data!;
    expect(rollup.targetProgress).toEqual([
      {
        measure: 'INVESTMENT_COMPLETED',
        targetValue: '30000',
        actualValue: rollup.completedThisYearWan,
        completionRate: Math.round((Number(rollup.completedThisYearWan) / 30000) * 10000) / 100,
      },
      { measure: 'LEADS_SIGNED', targetValue: '2', actualValue: '0', completionRate: 0 },
    ]);
    // The town reads its own letter; a tenant with none shows none.
    const own = await server.gql(`{ responsibilityTargets(tenantCode: "${XINHU}", year: 2026) { measure } }`, {}, TOWN_OFFICER);
    expect(own.data!.responsibilityTargets).toHaveLength(2);
    expect((await server.gql(PROGRESS, { code: DECHENG })).data!.rollup.targetProgress).toEqual([]);
  });

  it('is the tenant above’s to set: the town itself and another county are refused', async () => {
    const byTown = await set([{ measure: 'LEADS_SIGNED', value: '9' }], XINHU, TOWN_OFFICER);
    expect(byTown.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const elsewhere = await set([{ measure: 'LEADS_SIGNED', value: '9' }], NINGJIN, COUNTY_LEADER);
    // A county out of reach is no tenant this viewer can name, as in every other input.
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.tenantCode' });
    const byCity = await set([{ measure: 'INVESTMENT_COMPLETED', value: '800000' }], DECHENG, CITY_LEADER);
    expect(byCity.errors).toBeUndefined();
    const cityOwn = await set([{ measure: 'INVESTMENT_COMPLETED', value: '9000000' }], CITY, CITY_LEADER);
    expect(cityOwn.errors).toBeUndefined();
  });

  it.each([
    [
      'a measure twice',
      [
        { measure: 'LEADS_SIGNED', value: '1' },
        { measure: 'LEADS_SIGNED', value: '2' },
      ],
      'input.targets.1.measure',
    ],
    ['a target of zero', [{ measure: 'FUNDS_ARRIVED', value: '0' }], 'input.targets.0.value'],
    ['a fraction of a project', [{ measure: 'NEW_PROJECTS_STARTED', value: '2.5' }], 'input.targets.0.value'],
  ])('refuses %s: BAD_USER_INPUT on the field, the letter unchanged', async (_what, targets, field) => {
    const before = (await server.gql(`{ responsibilityTargets(tenantCode: "${XINHU}", year: 2026) { measure targetValue } }`)).data!;
    const result = await set(targets);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0]?.message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await server.gql(`{ responsibilityTargets(tenantCode: "${XINHU}", year: 2026) { measure targetValue } }`)).data).toEqual(
      before,
    );
  });

  it('says who may set a letter (viewerSetsTargets): the tenant above, not the tenant itself', async () => {
    const ask = (code: string) => `{ tenant(code: "${code}") { viewerSetsTargets } }`;
    expect((await server.gql(ask(XINHU), {}, COUNTY_LEADER)).data!.tenant.viewerSetsTargets).toBe(true);
    expect((await server.gql(ask(DECHENG), {}, COUNTY_LEADER)).data!.tenant.viewerSetsTargets).toBe(false);
    expect((await server.gql(ask(XINHU), {}, TOWN_OFFICER)).data!.tenant.viewerSetsTargets).toBe(false);
    expect((await server.gql(ask(DECHENG), {}, CITY_LEADER)).data!.tenant.viewerSetsTargets).toBe(true);
    expect((await server.gql(ask(CITY), {}, CITY_LEADER)).data!.tenant.viewerSetsTargets).toBe(true);
  });

  it('refuses a year long past: BAD_USER_INPUT on input.year', async () => {
    const result = await set([{ measure: 'LEADS_SIGNED', value: '1' }], XINHU, COUNTY_LEADER, 2020);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.year' });
  });

  it('checks a change against the version read: the second of two officers is told CONFLICT, the letter as the first left it', async () => {
    const read = async () => (await server.gql(LETTER, { code: XINHU })).data!.responsibilityLetter;
    const before = await read();
    expect(before).toMatchObject({ tenant: { code: XINHU }, signedOn: '2026-02-10', updatedByName: COUNTY_LEADER.name });
    const first = await server.gql(SET, {
      input: { tenantCode: XINHU, year: 2026, version: before.version, targets: [{ measure: 'LEADS_SIGNED', value: '3' }] },
    });
    expect(first.errors).toBeUndefined();
    const second = await server.gql(SET, {
      input: { tenantCode: XINHU, year: 2026, version: before.version, targets: [{ measure: 'LEADS_SIGNED', value: '8' }] },
    });
    expect(second.data).toBeNull();
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    expect(second.errors?.[0]?.message).toContain('目标责任书');
    expect(await read()).toMatchObject({
      id: before.id,
      version: before.version + 1,
      targets: [{ measure: 'LEADS_SIGNED', targetValue: '3' }],
    });
    // A version for a letter never set is as stale as an old one.
    const none = await server.gql(SET, { input: { tenantCode: DECHENG, year: 2027, version: 1, targets: [] } }, CITY_LEADER);
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    expect((await server.gql(`{ responsibilityLetter(tenantCode: "${DECHENG}", year: 2027) { id } }`, {}, CITY_LEADER)).data).toEqual({
      responsibilityLetter: null,
    });
  });

  it('announces each setting once, under the tenant it binds, however many measures it has', async () => {
    const streams = server.liveStreams();
    // A town whose letter no earlier test set: an event of theirs the relay reads late cannot pass for one of these.
    const live = collect<TenantChange>(server.wsClient(COUNTY_LEADER), TENANT_CHANGES, { tenant: XINHUA }, (d) => d.projectChanged);
    await server.untilLiveStreams(streams + 1);
    const targets = [
      { measure: 'INVESTMENT_COMPLETED', value: '25000' },
      { measure: 'NEW_PROJECTS_STARTED', value: '3' },
      { measure: 'FUNDS_ARRIVED', value: '900' },
    ];
    await set(targets, XINHUA);
    await set(targets, XINHUA);
    const received = await live.until(2);
    // Three measures each time, and no more than the two settings' events.
    await sleep(500);
    live.stop();
    expect(live.items).toHaveLength(2);
    const letter = (await server.gql(LETTER, { code: XINHUA })).data!.responsibilityLetter;
    expect(received.map((e) => [e.kind, e.tenantCode, e.projectId])).toEqual([
      ['TARGETS_SET', XINHUA, null],
      ['TARGETS_SET', XINHUA, null],
    ]);
    expect(received[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'letter', before: null, after: letter.id },
        { field: 'year', before: null, after: '2026' },
      ]),
    );
  });

  it('keeps each change in the audit trail', async () => {
    const result = await set([{ measure: 'FUNDS_ARRIVED', value: '700' }]);
    const id = result.data!.setResponsibilityTargets[0].id;
    const trail = await server.gql(
      `query($id: ID!) { auditTrail(entity: RESPONSIBILITY_TARGET, id: $id) { nodes { operation changes { field after } } } }`,
      { id },
    );
    expect(trail.errors).toBeUndefined();
    expect(trail.data!.auditTrail.nodes.at(-1).changes).toEqual(expect.arrayContaining([{ field: 'targetValue', after: '700' }]));
    const letter = (await server.gql(LETTER, { code: XINHU })).data!.responsibilityLetter;
    const letterTrail = await server.gql(
      `query($id: ID!) { auditTrail(entity: RESPONSIBILITY_LETTER, id: $id) { nodes { operation changes { field after } } } }`,
      { id: letter.id },
    );
    // The trail keeps what changed: its setting, then whoever set it again (a version alone is bookkeeping).
    expect(letterTrail.data!.auditTrail.nodes[0]).toMatchObject({
      operation: 'CREATE',
      changes: expect.arrayContaining([{ field: 'updatedByName', after: COUNTY_LEADER.name }]),
    });
    // Out of reach, a letter's trail is not there: NOT_FOUND, as for any record.
    const hidden = await server.gql(
      `query($id: ID!) { auditTrail(entity: RESPONSIBILITY_LETTER, id: $id) { nodes { operation } } }`,
      { id: letter.id },
      NINGJIN_LEADER,
    );
    expect(hidden.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});
