import { createHash } from 'node:crypto';
import { Period } from '../../../src/calendar/period';
import { verifyAuditChain } from '../../../src/modules/audit/audit-chain';
import { CITY, CITY_LEADER, COUNTY_LEADER, DECHENG, NINGJIN, NINGJIN_LEADER, TOWN_OFFICER, XINHU } from '../../support/fixtures';
import { collect, sleep } from '../../support/live';
import { startTestServer, type Caller, type TestServer } from '../../support/test-server';
import { childFigures, recompute, type Rule } from '../evaluation/evaluation-support';

const ENTRY = `tenantCode tenantName tenant { code } rank totalScore evaluationScore figuresScore targetScore targetCompletion
  measures { measure figure score place } targets { measure targetValue actualValue completionRate } award { kind reason rewardFundsWan }`;
const DRAFT = `query($tenant: String!, $year: Int!) { yearEndAssessmentDraft(tenantCode: $tenant, year: $year) {
  parent { code } year period targetShare freezableOn scheme { version measures { measure weight method floor target step } }
  entries { ${ENTRY} } frozen { id } } }`;
const FROZEN = `query($tenant: String!, $year: Int!) { yearEndAssessment(tenantCode: $tenant, year: $year) {
  id parent { code } year period schemeVersion targetShare content sha256 frozenByName frozenBySubject entries { ${ENTRY} } } }`;
const FREEZE = `mutation($input: FreezeYearEndAssessmentInput!) { freezeYearEndAssessment(input: $input) {
  id parent { code } year content sha256 frozenByName entries { tenantCode rank totalScore award { kind reason rewardFundsWan } } } }`;
const LETTERS = `query($tenant: String!, $period: Period!) { rollup(tenantCode: $tenant, period: $period) { children {
  tenant { code } targetProgress { measure completionRate } } } }`;

const REPORTING = `query($tenant: String!, $period: Period!) { rollup(tenantCode: $tenant, period: $period) { children {
  tenant { code } reporting { owedCount onTimeCount onTimeRate } } } }`;

const THIS_YEAR = Period.current().year;
const LAST_YEAR = THIS_YEAR - 1;

interface Expected {
  tenantCode: string;
  evaluation: number;
  figures: number;
  target: number | null;
  completion: number | null;
  total: number;
  rank: number;
}

/**
 * The assessment recomputed from the children's raw figures and letters by the rules the schema
 * states: the quarterly evaluation's total over the year's last month (recomputed by the
 * evaluation's own test support), then 80 of 100 for it and 20 for the letter's mean completion
 * (each measure at most 100%), all in hundredths; the figures alone without a letter.
 */
async function expected(server: TestServer, parent: string, period: string, rules: Rule[], as?: Caller): Promise<Expected[]> {
  const children = await childFigures(server, parent, period, as);
  const yearRates = await yearReporting(server, parent, period, as);
  // On-time reporting over the whole year (reports on time / owed, January to the month scored), not the month's.
  const evaluated = recompute(
    rules,
    children.map((c) => ({ ...c, reporting: { onTimeRate: yearRates.get(c.tenant.code) ?? null } })),
  );
  const letters = await server.gql(LETTERS, { tenant: parent, period }, as);
  const rates = new Map<string, (number | null)[]>(
    letters.data!.rollup.children.map((c: any) => [c.tenant.code, c.targetProgress.map((t: any) => t.completionRate)]),
  );
  const scored = evaluated.map((e) => {
    const letter = rates.get(e.tenantCode) ?? [];
    if (letter.length === 0)
      return { tenantCode: e.tenantCode, evaluation: e.total, figures: e.total, target: null, completion: null, total: e.total };
    const capped = letter.map((r) => Math.round(Math.min(100, Math.max(0, r ?? 0)) * 100));
    const completion = Math.round(capped.reduce((s, r) => s + r, 0) / capped.length);
    const figures = Math.round((e.total * 80) / 100);
    const target = Math.round((completion * 20) / 100);
    return { tenantCode: e.tenantCode, evaluation: e.total, figures, target, completion, total: figures + target };
  });
  return scored.map((s) => ({ ...s, rank: 1 + scored.filter((o) => o.total > s.total).length }));
}

/** Each child's on-time rate over the months of `period`'s year to `period`, from the monthly rollups' counts (percent, half away from zero). */
async function yearReporting(server: TestServer, parent: string, period: string, as?: Caller): Promise<Map<string, number | null>> {
  const [year, last] = period.split('-').map(Number) as [number, number];
  const sums = new Map<string, { owed: number; onTime: number }>();
  for (let month = 1; month <= last; month++) {
    const result = await server.gql(REPORTING, { tenant: parent, period: `${year}-${String(month).padStart(2, '0')}` }, as);
    for (const c of result.data!.rollup.children) {
      const sum = sums.get(c.tenant.code) ?? { owed: 0, onTime: 0 };
      sum.owed += c.reporting.owedCount;
      sum.onTime += c.reporting.onTimeCount;
      sums.set(c.tenant.code, sum);
    }
  }
  return new Map([...sums].map(([code, s]) => [code, s.owed === 0 ? null : Math.round((s.onTime * 10_000) / s.owed) / 100]));
}

function expectScored(entries: any[], want: Expected[]): void {
  expect(entries).toHaveLength(want.length);
  const byCode = new Map(entries.map((e) => [e.tenantCode, e]));
  for (const w of want) {
    const got = byCode.get(w.tenantCode);
    expect({
      rank: got.rank,
      evaluation: Math.round(got.evaluationScore * 100),
      figures: Math.round(got.figuresScore * 100),
      target: got.targetScore === null ? null : Math.round(got.targetScore * 100),
      completion: got.targetCompletion === null ? null : Math.round(got.targetCompletion * 100),
      total: Math.round(got.totalScore * 100),
    }).toEqual({ rank: w.rank, evaluation: w.evaluation, figures: w.figures, target: w.target, completion: w.completion, total: w.total });
  }
  const order = [...entries].sort((a, b) => a.rank - b.rank || a.tenantCode.localeCompare(b.tenantCode));
  expect(entries.map((e) => e.tenantCode)).toEqual(order.map((e) => e.tenantCode));
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('year-end assessment (年终考核) of the demo city', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('demo', CITY_LEADER);
  });
  afterAll(() => server.close());

  async function draft(tenant: string, year: number, as: Caller = CITY_LEADER) {
    const result = await server.gql(DRAFT, { tenant, year }, as);
    expect(result.errors).toBeUndefined();
    return result.data!.yearEndAssessmentDraft;
  }

  it("scores the counties over this year by the city's scheme and their target letters, recomputed from the raw figures", async () => {
    const got = await draft(CITY, THIS_YEAR);
    const period = Period.current().toString();
    expect(got).toMatchObject({ parent: { code: CITY }, year: THIS_YEAR, period, targetShare: 20, freezableOn: `${THIS_YEAR + 1}-01-06` });
    const want = await expected(server, CITY, period, got.scheme.measures);
    // The demo signs this year's letters with the counties: the target part counts (a test that can tell the split apart).
    expect(want.filter((w) => w.target !== null).length).toBeGreaterThan(6);
    expectScored(got.entries, want);
    expect(new Set(got.entries.map((e: any) => e.rank)).size).toBeGreaterThan(3);
    // The year's on-time reporting is not the running month's (a test that can tell them apart).
    const month = await childFigures(server, CITY, period);
    const onTime = (entries: any[], code: string) =>
      entries.find((e: any) => e.tenantCode === code).measures.find((m: any) => m.measure === 'ON_TIME_REPORTING').figure;
    expect(month.some((c) => c.reporting.onTimeRate !== onTime(got.entries, c.tenant.code))).toBe(true);
    const withLetter = got.entries.find((e: any) => e.targets.length > 0);
    expect(withLetter.targets[0]).toEqual(expect.objectContaining({ measure: expect.any(String), targetValue: expect.any(String) }));
    expect(got.entries.every((e: any) => e.award === null && e.tenant.code === e.tenantCode)).toBe(true);
  });

  it("scores last year over its December by the figures alone where no letter was signed, and shows the city's frozen result with its 奖惩", async () => {
    const got = await draft(CITY, LAST_YEAR);
    expect(got).toMatchObject({ year: LAST_YEAR, period: `${LAST_YEAR}-12`, freezableOn: `${THIS_YEAR}-01-06` });
    expectScored(got.entries, await expected(server, CITY, `${LAST_YEAR}-12`, got.scheme.measures));
    expect(got.entries.every((e: any) => e.targetScore === null && e.figuresScore === e.evaluationScore)).toBe(true);

    const frozen = (await server.gql(FROZEN, { tenant: CITY, year: LAST_YEAR })).data!.yearEndAssessment;
    expect(got.frozen).toEqual({ id: frozen.id });
    expect(frozen).toMatchObject({ parent: { code: CITY }, year: LAST_YEAR, period: `${LAST_YEAR}-12`, frozenByName: CITY_LEADER.name });
    expect(frozen.sha256).toBe(sha256(frozen.content));
    // Frozen as the draft reads now (no figure of last year has moved since): the same scores and ranks.
    const plain = (entries: any[]) => entries.map((e) => [e.tenantCode, e.rank, e.totalScore]);
    expect(plain(frozen.entries)).toEqual(plain(got.entries));
    const awards = frozen.entries.filter((e: any) => e.award).map((e: any) => [e.rank, e.award.kind, e.award.rewardFundsWan]);
    expect(awards).toEqual([
      [1, 'COMMENDATION', '50'],
      [frozen.entries[1].rank, 'COMMENDATION', '30'],
      [frozen.entries.at(-1).rank, 'ADMONITORY_TALK', null],
    ]);
    expect(frozen.entries[0].award.reason).toMatch(/位列全市第1名/);
  });

  it("lets each county read the city's frozen result, not its draft; a sibling's tenant and a town read nothing", async () => {
    const county = await server.gql(FROZEN, { tenant: CITY, year: LAST_YEAR }, COUNTY_LEADER);
    expect(county.errors).toBeUndefined();
    expect(county.data!.yearEndAssessment.entries.map((e: any) => e.tenantCode)).toContain(DECHENG);
    // It sees its own line's tenant, not its siblings' (tenants stay on one's own branch).
    const own = county.data!.yearEndAssessment.entries.find((e: any) => e.tenantCode === DECHENG);
    expect(own.tenant).toEqual({ code: DECHENG });
    expect(county.data!.yearEndAssessment.entries.find((e: any) => e.tenantCode === NINGJIN).tenant).toBeNull();

    const countyDraft = await server.gql(DRAFT, { tenant: CITY, year: LAST_YEAR }, COUNTY_LEADER);
    expect(countyDraft.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    // A town is not assessed by the city: null, as if never frozen.
    const town = await server.gql(FROZEN, { tenant: CITY, year: LAST_YEAR }, TOWN_OFFICER);
    expect(town.errors).toBeUndefined();
    expect(town.data!.yearEndAssessment).toBeNull();
    // Row-level security says the same as the service: the town's scope reads no row of the table.
    const sql = server.orm.em.fork();
    const rows = await sql.transactional(async (em) => {
      await em.execute(`select set_config('kp.read_root', ?, true)`, ['371400.371402.371402001']);
      return em.execute(`select count(*)::int as n from year_end_assessment`);
    });
    expect(rows[0]!.n).toBe(0);
    const countyRows = await sql.transactional(async (em) => {
      await em.execute(`select set_config('kp.read_root', ?, true)`, ['371400.371402']);
      return em.execute(`select count(*)::int as n from year_end_assessment where parent_code = ?`, [CITY]);
    });
    expect(countyRows[0]!.n).toBe(1);
  });

  it('refuses to freeze the running year, with the day it becomes possible, and stores nothing', async () => {
    const result = await server.gql(FREEZE, { input: { tenantCode: CITY, year: THIS_YEAR, awards: [] } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.year' });
    expect(result.errors?.[0]?.message).toBe(
      `${THIS_YEAR}年度尚未结束：12月月报的报送截止日之后（${THIS_YEAR + 1}-01-06起）才能冻结年终考核结果`,
    );
    expect((await server.gql(FROZEN, { tenant: CITY, year: THIS_YEAR })).data!.yearEndAssessment).toBeNull();
  });

  it('refuses a second freeze of a year (CONFLICT), and keeps the first', async () => {
    const before = (await server.gql(FROZEN, { tenant: CITY, year: LAST_YEAR })).data!.yearEndAssessment;
    const result = await server.gql(FREEZE, { input: { tenantCode: CITY, year: LAST_YEAR, awards: [] } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.year' });
    expect(result.errors?.[0]?.message).toMatch(/^德州市\d{4}年度年终考核结果已由张伟冻结，不能再次冻结或修改$/);
    const after = (await server.gql(FROZEN, { tenant: CITY, year: LAST_YEAR })).data!.yearEndAssessment;
    expect(after).toEqual(before);
  });

  const award = (tenantCode: string, kind: string, reason: string, rewardFundsWan?: string) => ({
    tenantCode,
    kind,
    reason,
    rewardFundsWan,
  });
  it.each([
    ['an unknown tenant', { tenantCode: '999999' }, 'input.tenantCode', /^没有区划代码为 "999999" 的行政区划/],
    ['a year to come', { year: THIS_YEAR + 1 }, 'input.year', /^考核年度须为 2000 至今年/],
    ['a year before 2000', { year: 1999 }, 'input.year', /^考核年度须为 2000 至今年/],
    [
      'an award to a tenant it does not assess',
      { awards: [award(CITY, 'CRITICISM', '进度滞后')] },
      'input.awards.0.tenantCode',
      /不是德城区\d{4}年度年终考核的对象/,
    ],
    [
      'two awards to one town',
      { awards: [award(XINHU, 'COMMENDATION', '完成任务好'), award(XINHU, 'CRITICISM', '进度滞后')] },
      'input.awards.1.tenantCode',
      /奖惩重复/,
    ],
    [
      'reward funds with a penalty',
      { awards: [award(XINHU, 'ADMONITORY_TALK', '进度滞后', '10')] },
      'input.awards.0.rewardFundsWan',
      /^约谈是处罚，不能发放奖励资金/,
    ],
    [
      'reward funds of nothing',
      { awards: [award(XINHU, 'COMMENDATION', '完成任务好', '0')] },
      'input.awards.0.rewardFundsWan',
      /^奖励资金须大于零/,
    ],
    ['an empty reason', { awards: [award(XINHU, 'COMMENDATION', '  ')] }, 'input.awards.0.reason', /^奖惩理由不能为空/],
  ])('refuses %s with BAD_USER_INPUT on the field at fault, changing nothing', async (_what, change, field, message) => {
    // 德城区 freezing its towns' result of last year: the one left to freeze (the city's is frozen by the demo).
    const input = { tenantCode: DECHENG, year: LAST_YEAR, awards: [], ...change };
    const result = await server.gql(FREEZE, { input }, COUNTY_LEADER);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0]?.message).toMatch(message);
    expect((await server.gql(FROZEN, { tenant: DECHENG, year: LAST_YEAR }, COUNTY_LEADER)).data!.yearEndAssessment).toBeNull();
  });

  it("refuses a county's leader freezing the city's assessment (FORBIDDEN) and a town's, which assesses no one", async () => {
    const city = await server.gql(FREEZE, { input: { tenantCode: CITY, year: LAST_YEAR - 1, awards: [] } }, COUNTY_LEADER);
    expect(city.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(city.errors?.[0]?.message).toBe('只有德州市的领导可以冻结其年终考核结果');
    const town = await server.gql(FREEZE, { input: { tenantCode: XINHU, year: LAST_YEAR, awards: [] } }, TOWN_OFFICER);
    expect(town.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.tenantCode' });
    expect(town.errors?.[0]?.message).toMatch(/^新湖街道没有下级区划，没有可考核的对象/);
    const sibling = await server.gql(DRAFT, { tenant: NINGJIN, year: LAST_YEAR }, COUNTY_LEADER);
    expect(sibling.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  describe("a county freezing its towns' result", () => {
    let frozen: any;

    it('freezes once for a retried request with the same Idempotency-Key, announces it live and reads back as frozen', async () => {
      const streams = server.liveStreams();
      const FEED = `subscription($tenant: String!) { projectChanged(tenantCode: $tenant) { kind tenantCode projectId tenant { name } changes { field before after } } }`;
      const county = collect<any>(server.wsClient(COUNTY_LEADER), FEED, { tenant: DECHENG }, (d) => d.projectChanged);
      const other = collect<any>(server.wsClient(NINGJIN_LEADER), FEED, { tenant: NINGJIN }, (d) => d.projectChanged);
      await server.untilLiveStreams(streams + 2);

      const towns = (await draft(DECHENG, LAST_YEAR, COUNTY_LEADER)).entries;
      const input = {
        tenantCode: DECHENG,
        year: LAST_YEAR,
        awards: [
          { tenantCode: towns[0].tenantCode, kind: 'HONOUR_AND_REWARD', reason: '全年重点项目推进有力', rewardFundsWan: '12.5' },
          { tenantCode: towns.at(-1).tenantCode, kind: 'CRITICISM', reason: '全年投资完成率末位' },
        ],
      };
      const key = { 'idempotency-key': 'freeze-decheng-last-year' };
      const a = await server.gql(FREEZE, { input }, COUNTY_LEADER, key);
      expect(a.errors).toBeUndefined();
      const b = await server.gql(FREEZE, { input }, COUNTY_LEADER, key);
      expect(b.data?.freezeYearEndAssessment.id).toBe(a.data?.freezeYearEndAssessment.id);
      frozen = a.data!.freezeYearEndAssessment;
      expect(frozen).toMatchObject({ parent: { code: DECHENG }, year: LAST_YEAR, frozenByName: COUNTY_LEADER.name });
      expect(frozen.sha256).toBe(sha256(frozen.content));
      expect(frozen.entries[0].award).toEqual({ kind: 'HONOUR_AND_REWARD', reason: '全年重点项目推进有力', rewardFundsWan: '12.5' });
      expect(frozen.entries.at(-1).award).toEqual({ kind: 'CRITICISM', reason: '全年投资完成率末位', rewardFundsWan: null });
      expect(frozen.entries.filter((e: any) => e.award === null)).toHaveLength(towns.length - 2);

      for (let count = 1; ; count++) {
        const events = (await county.until(count, 15_000)).filter((e) => e.kind === 'YEAR_END_ASSESSMENT_FROZEN');
        if (events.length === 0) continue;
        expect(events).toEqual([
          {
            kind: 'YEAR_END_ASSESSMENT_FROZEN',
            tenantCode: DECHENG,
            projectId: null,
            tenant: { name: '德城区' },
            changes: [
              { field: 'assessment', before: null, after: frozen.id },
              { field: 'year', before: null, after: String(LAST_YEAR) },
            ],
          },
        ]);
        break;
      }
      await sleep(300);
      expect(other.items.filter((e) => e.kind === 'YEAR_END_ASSESSMENT_FROZEN')).toEqual([]);

      // A town it assessed reads the result; the draft is the county's.
      const town = await server.gql(FROZEN, { tenant: DECHENG, year: LAST_YEAR }, TOWN_OFFICER);
      expect(town.data!.yearEndAssessment).toMatchObject({ id: frozen.id, sha256: frozen.sha256 });
      expect((await server.gql(DRAFT, { tenant: DECHENG, year: LAST_YEAR }, TOWN_OFFICER)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      const list = await server.gql(`query($t: String!) { yearEndAssessments(tenantCode: $t) { id year } }`, { t: DECHENG }, TOWN_OFFICER);
      expect(list.data!.yearEndAssessments).toEqual([{ id: frozen.id, year: LAST_YEAR }]);
    });

    it('is in the audit trail with who froze it, and the trail still verifies', async () => {
      const trail = await server.gql(
        `query($id: ID!) { auditTrail(entity: YEAR_END_ASSESSMENT, id: $id, first: 10) { nodes { operation actorName } } }`,
        { id: frozen.id },
        COUNTY_LEADER,
      );
      expect(trail.errors).toBeUndefined();
      expect(trail.data?.auditTrail.nodes).toEqual([{ operation: 'CREATE', actorName: COUNTY_LEADER.name }]);
      expect(await verifyAuditChain(server.adminOrm.em.fork())).toMatchObject({ ok: true });
    });

    it('can never be changed or removed, not even by the owner of the table', async () => {
      const app = server.orm.em.fork().getConnection();
      await expect(app.execute(`update year_end_assessment set sha256 = 'x' where id = ?`, [frozen.id])).rejects.toThrow(
        /permission denied/,
      );
      const owner = server.adminOrm.em.fork().getConnection();
      await expect(owner.execute(`update year_end_assessment set sha256 = 'x' where id = ?`, [frozen.id])).rejects.toThrow(/已冻结/);
      await expect(owner.execute(`delete from year_end_assessment where id = ?`, [frozen.id])).rejects.toThrow(/已冻结/);
      await expect(owner.execute(`truncate year_end_assessment`)).rejects.toThrow(/已冻结/);
      const [row] = await owner.execute(`select sha256 from year_end_assessment where id = ?`, [frozen.id]);
      expect(row!.sha256).toBe(frozen.sha256);
    });
  });
});
