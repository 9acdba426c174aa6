import { createHash } from 'node:crypto';
import { adHocUser } from '../../../src/auth/dev-realm';
import { Role } from '../../../src/auth/roles';
import { Period } from '../../../src/calendar/period';
import { Quarter } from '../../../src/calendar/quarter';
import { CITY, CITY_LEADER, COUNTY_LEADER, DECHENG, NINGJIN, TOWN_OFFICER, XINHU } from '../../support/fixtures';
import { startTestServer, type TestServer } from '../../support/test-server';
import { childFigures, EVALUATION, expectEntries, recompute, type Rule } from './evaluation-support';

const PUBLISH = `mutation($parent: String!, $quarter: Quarter!) { publishEvaluation(parentCode: $parent, quarter: $quarter) {
  id parent { code } quarter period previousPeriod edition schemeVersion content sha256 publishedAt publishedByName publishedBySubject
  scheme { version measures { measure weight method floor target step } }
  entries { tenantCode tenantName rank previousRank rankChange totalScore measures { measure method weight figure score place } } } }`;
const PUBLICATIONS = `query($parent: String!, $quarter: Quarter!) { evaluationPublications(parentCode: $parent, quarter: $quarter) { id edition sha256 } }`;
const PUBLICATION = `query($id: ID!) { evaluationPublication(id: $id) { id edition content sha256 entries { tenantCode rank totalScore } } }`;
const SET = `mutation($input: SetEvaluationSchemeInput!) { setEvaluationScheme(input: $input) {
  cityCode version isDefault createdByName measures { measure weight method floor target step } } }`;
const SCHEME = `query($city: String!) { evaluationScheme(cityCode: $city) { version isDefault measures { measure weight method floor target step } } }`;

const SUPERVISOR = 'supervisor';
const LAST_QUARTER = '2026Q3';

/** A scheme with every method, weights summing to 100. */
const CUSTOM: Rule[] = [
  { measure: 'COMPLETION_RATE', weight: 30, method: 'LINEAR', floor: 40, target: 90, step: null },
  { measure: 'ANNUAL_START_RATE', weight: 25, method: 'RANK', floor: null, target: null, step: 2.5 },
  { measure: 'ON_TIME_REPORTING', weight: 20, method: 'THRESHOLD', floor: null, target: 95, step: null },
  { measure: 'BLOCKER_RESOLUTION', weight: 15, method: 'RANK', floor: null, target: null, step: 3 },
  { measure: 'ATTRACTION_FULFILMENT', weight: 10, method: 'LINEAR', floor: 0, target: 100, step: null },
];

function previousLastMonth(quarter: string): string {
  return Quarter.parse(quarter)!.previous().lastMonth.toString();
}

describe('quarterly evaluation (季度评比) of the demo city', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('demo', CITY_LEADER);
  });
  afterAll(() => server.close());

  async function evaluation(parent: string, quarter: string, as = CITY_LEADER as Parameters<TestServer['gql']>[2]) {
    const result = await server.gql(EVALUATION, { parent, quarter }, as);
    expect(result.errors).toBeUndefined();
    return result.data!.evaluation;
  }

  it("scores every county by the demo city's scheme (the default measures, adopted as its version 1) from its rollup figures: points, total, rank and change recomputed", async () => {
    const got = await evaluation(CITY, LAST_QUARTER);
    expect(got).toMatchObject({ quarter: LAST_QUARTER, period: '2026-09', previousPeriod: '2026-06' });
    expect(got.scheme).toMatchObject({ cityCode: CITY, version: 1, isDefault: false });
    expect(got.scheme.measures.map((m: Rule) => [m.measure, m.weight])).toEqual([
      ['PROGRESS_GAP', 40],
      ['NEW_START_RATE', 20],
      ['ON_TIME_REPORTING', 15],
      ['BLOCKER_RESOLUTION', 10],
      ['ORDER_CLOSURE', 10],
      ['ATTRACTION_FULFILMENT', 5],
    ]);
    expect(got.entries).toHaveLength(12);
    expectEntries(
      got.entries,
      got.scheme.measures,
      await childFigures(server, CITY, '2026-09'),
      await childFigures(server, CITY, '2026-06'),
    );
    // The demo city differs between counties: a ranking with more than one rank and some moves.
    expect(new Set(got.entries.map((e: { rank: number }) => e.rank)).size).toBeGreaterThan(3);
    expect(got.entries.some((e: { rankChange: number }) => e.rankChange !== 0)).toBe(true);
    expect(got.entries.every((e: { tenant: { code: string }; tenantCode: string }) => e.tenant.code === e.tenantCode)).toBe(true);
  });

  it('measures the running quarter to the running month, against the last month of the previous quarter', async () => {
    const current = Quarter.containing(Period.current()).toString();
    const got = await evaluation(CITY, current);
    expect(got).toMatchObject({ quarter: current, period: Period.current().toString(), previousPeriod: previousLastMonth(current) });
    expectEntries(
      got.entries,
      got.scheme.measures,
      await childFigures(server, CITY, Period.current().toString()),
      await childFigures(server, CITY, previousLastMonth(current)),
    );
  });

  it("ranks a county's towns for its leader, in as many statements as the city's twelve counties take", async () => {
    // Warmed first: a first request also reads what the server caches (the tenant directory), which is not the evaluation's.
    await evaluation(CITY, LAST_QUARTER);
    await evaluation(DECHENG, LAST_QUARTER, COUNTY_LEADER);
    // The server's own background work (rollup slot compaction, the live relay, pruning) runs when it will: not the request's.
    const requests = () => server.statements.filter((s) => !/kp_compact_rollup_slot|kp_change_events|kp_prune/.test(s)).length;
    server.statements.length = 0;
    await evaluation(CITY, LAST_QUARTER);
    const forCity = requests();
    server.statements.length = 0;
    const got = await evaluation(DECHENG, LAST_QUARTER, COUNTY_LEADER);
    const forCounty = requests();
    expect(got.entries.length).toBeGreaterThan(3);
    expectEntries(
      got.entries,
      got.scheme.measures,
      await childFigures(server, DECHENG, '2026-09', COUNTY_LEADER),
      await childFigures(server, DECHENG, '2026-06', COUNTY_LEADER),
    );
    // Two months, each its children's rollups and four batched figure reads, plus the parent, the scheme and the
    // request's transaction bookkeeping (which varies a little with the pool): bounded, and the same for 12 or 8 children.
    expect(forCity).toBeLessThanOrEqual(24);
    expect(forCounty).toBe(forCity);
  });

  it.each([
    ['a county leader, the city', COUNTY_LEADER, CITY],
    ['a county leader, a sibling county', COUNTY_LEADER, NINGJIN],
    ['a town officer, its county', TOWN_OFFICER, DECHENG],
  ])('answers NOT_FOUND to %s', async (_, who, parent) => {
    const result = await server.gql(EVALUATION, { parent, quarter: LAST_QUARTER }, who);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets the supervision office read the city’s evaluation', async () => {
    const result = await server.gql(EVALUATION, { parent: CITY, quarter: LAST_QUARTER }, SUPERVISOR);
    expect(result.errors).toBeUndefined();
    expect(result.data!.evaluation.entries).toHaveLength(12);
  });

  it.each([
    ['not a quarter', '2026Q5', 'quarter'],
    ['a quarter not yet begun', Quarter.containing(Period.current().plusMonths(3)).toString(), 'quarter'],
    ['a quarter before 2000', '1999Q4', 'quarter'],
  ])('refuses %s with BAD_USER_INPUT on quarter', async (_, quarter, field) => {
    const result = await server.gql(EVALUATION, { parent: CITY, quarter });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0]?.message).toMatch(/季度/);
  });

  it('answers NOT_FOUND for a parent that does not exist', async () => {
    const result = await server.gql(EVALUATION, { parent: '379999', quarter: LAST_QUARTER });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  describe('publication', () => {
    let first: any;

    beforeAll(async () => {
      const result = await server.gql(PUBLISH, { parent: CITY, quarter: LAST_QUARTER }, CITY_LEADER);
      expect(result.errors).toBeUndefined();
      first = result.data!.publishEvaluation;
    });

    it('freezes the evaluation as it stands, hashed, with who published it', async () => {
      const now = await evaluation(CITY, LAST_QUARTER);
      expect(first).toMatchObject({
        parent: { code: CITY },
        quarter: LAST_QUARTER,
        period: '2026-09',
        previousPeriod: '2026-06',
        // The demo city published its first edition when it was loaded (src/demo/demo-publications.ts).
        edition: 2,
        schemeVersion: 1,
        publishedByName: CITY_LEADER.name,
      });
      expect(first.entries).toEqual(now.entries.map(({ tenant: _tenant, ...entry }: Record<string, unknown>) => entry));
      expect(first.scheme).toEqual({ version: 1, measures: now.scheme.measures });
      expect(first.sha256).toBe(createHash('sha256').update(first.content, 'utf8').digest('hex'));
      expect(JSON.parse(first.content)).toMatchObject({ parentCode: CITY, quarter: LAST_QUARTER, entries: first.entries });
    });

    it('lists the editions, readable by id by whoever reads the parent and by no one else', async () => {
      const list = await server.gql(PUBLICATIONS, { parent: CITY, quarter: LAST_QUARTER }, SUPERVISOR);
      expect(list.data?.evaluationPublications).toEqual([
        { id: expect.any(String), edition: 1, sha256: expect.any(String) },
        { id: first.id, edition: 2, sha256: first.sha256 },
      ]);
      const byId = await server.gql(PUBLICATION, { id: first.id }, SUPERVISOR);
      expect(byId.data?.evaluationPublication).toMatchObject({ id: first.id, content: first.content, sha256: first.sha256 });
      for (const who of [COUNTY_LEADER, TOWN_OFFICER]) {
        expect((await server.gql(PUBLICATION, { id: first.id }, who)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
        expect((await server.gql(PUBLICATIONS, { parent: CITY, quarter: LAST_QUARTER }, who)).errors?.[0]?.extensions.code).toBe(
          'NOT_FOUND',
        );
      }
      expect((await server.gql(PUBLICATION, { id: 'not-an-id' })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    });

    it.each([
      ['the supervision office', SUPERVISOR, CITY],
      ['a town officer', TOWN_OFFICER, DECHENG],
      ['the city administrator', 'admin', CITY],
    ])('refuses publication by %s', async (_, who, parent) => {
      const before = await server.gql(PUBLICATIONS, { parent: CITY, quarter: LAST_QUARTER });
      const result = await server.gql(PUBLISH, { parent, quarter: LAST_QUARTER }, who);
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(result.errors?.[0]?.extensions.code);
      expect(result.errors?.[0]?.extensions.code).toBe(who === TOWN_OFFICER ? 'NOT_FOUND' : 'FORBIDDEN');
      expect((await server.gql(PUBLICATIONS, { parent: CITY, quarter: LAST_QUARTER })).data).toEqual(before.data);
    });

    it('refuses to publish an empty ranking for a town, which has no tenants below it, with BAD_USER_INPUT on parentCode', async () => {
      // The town's own officers manage it, so the refusal is for the empty ranking, not for who asks.
      const result = await server.gql(PUBLISH, { parent: XINHU, quarter: LAST_QUARTER }, TOWN_OFFICER);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentCode' });
      expect(result.errors?.[0]?.message).toMatch(/^新湖街道没有下级区划，没有可发布的季度评比排名/);
      const list = await server.gql(PUBLICATIONS, { parent: XINHU, quarter: LAST_QUARTER }, TOWN_OFFICER);
      expect(list.data?.evaluationPublications).toEqual([]);
    });

    it("lets a county's leader publish its towns' ranking, not the city's", async () => {
      const own = await server.gql(PUBLISH, { parent: DECHENG, quarter: LAST_QUARTER }, COUNTY_LEADER);
      expect(own.data?.publishEvaluation).toMatchObject({ parent: { code: DECHENG }, edition: 1 });
      const city = await server.gql(PUBLISH, { parent: CITY, quarter: LAST_QUARTER }, COUNTY_LEADER);
      expect(city.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    });

    it('publishes once for a retried request with the same Idempotency-Key', async () => {
      const key = { 'idempotency-key': 'publish-2026Q2-once' };
      const a = await server.gql(PUBLISH, { parent: CITY, quarter: '2026Q2' }, CITY_LEADER, key);
      const b = await server.gql(PUBLISH, { parent: CITY, quarter: '2026Q2' }, CITY_LEADER, key);
      expect(b.data?.publishEvaluation.id).toBe(a.data?.publishEvaluation.id);
      const list = await server.gql(PUBLICATIONS, { parent: CITY, quarter: '2026Q2' });
      expect(list.data?.evaluationPublications).toHaveLength(1);
    });

    it('keeps a publication as published when the scheme changes later, and publishes the next edition beside it', async () => {
      const set = await server.gql(SET, { input: { cityCode: CITY, measures: CUSTOM } }, CITY_LEADER);
      expect(set.errors).toBeUndefined();
      const kept = await server.gql(PUBLICATION, { id: first.id });
      expect(kept.data?.evaluationPublication).toMatchObject({ content: first.content, sha256: first.sha256 });

      const second = (await server.gql(PUBLISH, { parent: CITY, quarter: LAST_QUARTER }, CITY_LEADER)).data?.publishEvaluation;
      expect(second).toMatchObject({ edition: 3, schemeVersion: set.data?.setEvaluationScheme.version });
      expect(second.sha256).not.toBe(first.sha256);
      const list = await server.gql(PUBLICATIONS, { parent: CITY, quarter: LAST_QUARTER });
      expect(list.data?.evaluationPublications.map((p: { edition: number }) => p.edition)).toEqual([1, 2, 3]);
    });

    it('cannot be changed or removed by the application, whatever it tries', async () => {
      const sql = server.orm.em.fork().getConnection();
      await expect(sql.execute(`update evaluation_publication set sha256 = 'x' where id = ?`, [first.id])).rejects.toThrow(
        /permission denied/,
      );
      await expect(sql.execute(`delete from evaluation_publication where id = ?`, [first.id])).rejects.toThrow(/permission denied/);
    });

    it('is in the audit trail with who published it', async () => {
      const trail = await server.gql(
        `query($id: ID!) { auditTrail(entity: EVALUATION_PUBLICATION, id: $id, first: 10) { nodes { operation actorName } } }`,
        { id: first.id },
      );
      expect(trail.errors).toBeUndefined();
      expect(trail.data?.auditTrail.nodes).toEqual([{ operation: 'CREATE', actorName: CITY_LEADER.name }]);
    });
  });
});

describe("a city's evaluation scheme", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('demo', CITY_LEADER);
  });
  afterAll(() => server.close());

  const scheme = async () => (await server.gql(SCHEME, { city: CITY })).data?.evaluationScheme;

  it('scores by the scheme the city sets, as its next version, with every method', async () => {
    const adopted: Rule[] = (await scheme()).measures;
    const set = await server.gql(SET, { input: { cityCode: CITY, measures: CUSTOM } });
    expect(set.errors).toBeUndefined();
    expect(set.data?.setEvaluationScheme).toMatchObject({ cityCode: CITY, version: 2, isDefault: false, createdByName: CITY_LEADER.name });
    expect(set.data?.setEvaluationScheme.measures).toEqual(CUSTOM);
    const got = (await server.gql(EVALUATION, { parent: CITY, quarter: LAST_QUARTER })).data!.evaluation;
    expect(got.scheme).toMatchObject({ version: 2, measures: CUSTOM });
    // The previous quarter (2026Q2) is ranked by the version in force when it ended, the one adopted in January.
    expect(got).toMatchObject({ previousSchemeVersion: 1, previousPublication: null });
    expectEntries(got.entries, CUSTOM, await childFigures(server, CITY, '2026-09'), await childFigures(server, CITY, '2026-06'), adopted);
    // RANK measures give places; the others none.
    expect(got.entries[0].measures.map((m: { place: number | null }) => m.place !== null)).toEqual([false, true, false, true, false]);

    const again = await server.gql(SET, { input: { cityCode: CITY, measures: CUSTOM.slice().reverse() } });
    expect(again.data?.setEvaluationScheme.version).toBe(3);
    const history = await server.gql(`{ evaluationSchemeHistory(cityCode: "${CITY}") { version } }`);
    expect(history.data?.evaluationSchemeHistory).toEqual([{ version: 3 }, { version: 2 }, { version: 1 }]);
    // A county reads the scheme of its city.
    expect((await server.gql(SCHEME, { city: DECHENG }, COUNTY_LEADER)).data?.evaluationScheme.version).toBe(3);
  });

  it('takes the previous ranks from the published ranking of that quarter (what the meeting read), not from a scheme set since', async () => {
    const june = await childFigures(server, CITY, '2026-06');
    const ranksBy = (rules: Rule[]) => Object.fromEntries(recompute(rules, june).map((e) => [e.tenantCode, e.rank]));
    const adopted: Rule[] = (
      await server.gql(`{ evaluationSchemeHistory(cityCode: "${CITY}") { version measures { measure weight method floor target step } } }`)
    ).data!.evaluationSchemeHistory.find((s: { version: number }) => s.version === 1).measures;
    // The scheme in force now ranks June otherwise than the one in force then: a test that can tell them apart.
    expect(ranksBy(CUSTOM)).not.toEqual(ranksBy(adopted));
    const unpublished = (await server.gql(EVALUATION, { parent: CITY, quarter: LAST_QUARTER })).data!.evaluation;
    expect(unpublished).toMatchObject({ previousSchemeVersion: 1, previousPublication: null });
    expect(Object.fromEntries(unpublished.entries.map((e: any) => [e.tenantCode, e.previousRank]))).toEqual(ranksBy(adopted));

    // 2026Q2 published now, by the scheme in force today (its third version): that ranking is the one circulated.
    const published = (await server.gql(PUBLISH, { parent: CITY, quarter: '2026Q2' }, CITY_LEADER)).data!.publishEvaluation;
    expect(published.schemeVersion).toBe(3);
    const got = (await server.gql(EVALUATION, { parent: CITY, quarter: LAST_QUARTER })).data!.evaluation;
    expect(got).toMatchObject({ previousSchemeVersion: 3, previousPublication: { id: published.id, edition: 1 } });
    const publishedRanks = Object.fromEntries(published.entries.map((e: any) => [e.tenantCode, e.rank]));
    expect(publishedRanks).toEqual(ranksBy(CUSTOM));
    for (const entry of got.entries) {
      expect(entry).toMatchObject({
        previousRank: publishedRanks[entry.tenantCode],
        rankChange: publishedRanks[entry.tenantCode] - entry.rank,
      });
    }
  });

  it.each([
    ['a county leader', COUNTY_LEADER],
    ['the supervision office', SUPERVISOR],
    ['the city administrator', 'admin'],
    ['a county leader bound to the city by mistake', adHocUser({ tenantCode: CITY, roles: [Role.COUNTY_LEADER] })],
  ])('refuses a change by %s with FORBIDDEN, and keeps the scheme', async (_, who) => {
    const before = await scheme();
    const result = await server.gql(SET, { input: { cityCode: CITY, measures: CUSTOM } }, who);
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(await scheme()).toEqual(before);
  });

  const change = (i: number, patch: Partial<Rule>) => CUSTOM.map((rule, j) => (j === i ? { ...rule, ...patch } : rule));

  it.each([
    ['weights summing to 99', change(0, { weight: 29 }), 'input.measures'],
    ['a weight of 0', [...change(0, { weight: 0 }), { ...CUSTOM[0]!, measure: 'PROGRESS_GAP', weight: 30 }], 'input.measures.0.weight'],
    ['a measure listed twice', [...change(0, { weight: 15 }), { ...CUSTOM[0]!, weight: 15 }], 'input.measures.5.measure'],
    ['LINEAR without a floor', change(0, { floor: null }), 'input.measures.0.floor'],
    ['LINEAR with its target below its floor', change(0, { floor: 90, target: 40 }), 'input.measures.0.target'],
    ['THRESHOLD without a target', change(2, { target: null }), 'input.measures.2.target'],
    ['THRESHOLD with a floor', change(2, { floor: 10 }), 'input.measures.2.floor'],
    ['RANK with a step of 0', change(1, { step: 0 }), 'input.measures.1.step'],
    ['RANK with a step above its weight', change(1, { step: 26 }), 'input.measures.1.step'],
    ['RANK without a step', change(1, { step: null }), 'input.measures.1.step'],
    ['LINEAR with a step', change(0, { step: 1 }), 'input.measures.0.step'],
    ['a target beyond 1000', change(4, { target: 1e6 }), 'input.measures.4.target'],
    ['no measure at all', [], 'input.measures'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and keeps the scheme', async (_, measures, field) => {
    const before = await scheme();
    const result = await server.gql(SET, { input: { cityCode: CITY, measures } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0]?.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await scheme()).toEqual(before);
  });

  it('refuses a scheme for a county (schemes are a city’s) with FORBIDDEN', async () => {
    const result = await server.gql(SET, { input: { cityCode: DECHENG, measures: CUSTOM } });
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('keeps every version in the audit trail under the city’s code', async () => {
    const trail = await server.gql(
      `query { auditTrail(entity: EVALUATION_SCHEME, id: "${CITY}", first: 10) { nodes { operation actorName } } }`,
    );
    expect(trail.errors).toBeUndefined();
    expect(trail.data?.auditTrail.nodes.length).toBeGreaterThanOrEqual(2);
    expect(trail.data?.auditTrail.nodes.every((n: { operation: string }) => n.operation === 'CREATE')).toBe(true);
  });
});
