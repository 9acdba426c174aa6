import { subtractWan } from '../../../src/money/wan';
import { CITY, CITY_LEADER, DECHENG, NINGJIN, NINGJIN_LEADER, TOWN_OFFICER, XINHU, XINHUA } from '../../support/fixtures';
import { startTestServer, type TestServer } from '../../support/test-server';
import { leadClient, ON, YEAR_END } from './attraction-support';

const ATTRACTION = `leadCount signedCount signedWan startedOfSignedCount fulfilmentRate fundsInPlaceWan
  byStage { stage count intendedWan signedWan }`;
const LEVELS = { city: CITY, county: DECHENG, town: XINHU, neighbour: XINHUA, otherCounty: NINGJIN } as const;
type Level = keyof typeof LEVELS;

interface StageFigures {
  stage: string;
  count: number;
  intendedWan: string;
  signedWan: string;
}
interface Figures {
  leadCount: number;
  signedCount: number;
  signedWan: string;
  startedOfSignedCount: number;
  fulfilmentRate: number | null;
  fundsInPlaceWan: string;
  byStage: StageFigures[];
}
interface Level$ {
  projectCount: number;
  totalInvestmentWan: string;
  fundsInPlaceWan: string;
  byCategory: { category: string; count: number }[];
  attraction: Figures;
}

/** What moved between two readings of a level: counts and exact amounts, steps that did not move left out. */
function delta(was: Level$, now: Level$) {
  const a = was.attraction;
  const b = now.attraction;
  const stages: Record<string, { count: number; intendedWan: string; signedWan: string }> = {};
  for (const stage of b.byStage) {
    const before = a.byStage.find((s) => s.stage === stage.stage)!;
    const moved = {
      count: stage.count - before.count,
      intendedWan: subtractWan(stage.intendedWan, before.intendedWan),
      signedWan: subtractWan(stage.signedWan, before.signedWan),
    };
    if (moved.count !== 0 || moved.intendedWan !== '0' || moved.signedWan !== '0') stages[stage.stage] = moved;
  }
  const category = (l: Level$) => l.byCategory.find((c) => c.category === 'INVESTMENT_ATTRACTION')!.count;
  return {
    leadCount: b.leadCount - a.leadCount,
    signedCount: b.signedCount - a.signedCount,
    signedWan: subtractWan(b.signedWan, a.signedWan),
    startedOfSignedCount: b.startedOfSignedCount - a.startedOfSignedCount,
    fundsInPlaceWan: subtractWan(b.fundsInPlaceWan, a.fundsInPlaceWan),
    stages,
    projects: {
      count: now.projectCount - was.projectCount,
      investmentAttraction: category(now) - category(was),
      totalInvestmentWan: subtractWan(now.totalInvestmentWan, was.totalInvestmentWan),
      fundsInPlaceWan: subtractWan(now.fundsInPlaceWan, was.fundsInPlaceWan),
    },
  };
}

const NOTHING = {
  leadCount: 0,
  signedCount: 0,
  signedWan: '0',
  startedOfSignedCount: 0,
  fundsInPlaceWan: '0',
  stages: {},
  projects: { count: 0, investmentAttraction: 0, totalInvestmentWan: '0', fundsInPlaceWan: '0' },
};

describe('investment attraction figures in the rollups (招商引资统计)', () => {
  let server: TestServer;
  let leads: ReturnType<typeof leadClient>;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', TOWN_OFFICER);
    leads = leadClient(server);
  });
  afterAll(() => server.close());

  async function figures(period: string = YEAR_END): Promise<Record<Level, Level$>> {
    const levels = Object.entries(LEVELS)
      .map(
        ([name, code]) => `${name}: rollup(tenantCode: "${code}", period: $p) {
        projectCount totalInvestmentWan fundsInPlaceWan byCategory { category count } attraction { ${ATTRACTION} } }`,
      )
      .join('\n');
    const result = await server.gql(`query($p: Period!) { ${levels} }`, { p: period }, CITY_LEADER);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data as Record<Level, Level$>;
  }

  /** Every level of the lead's branch moved by `moved`; the other town and the other county did not move. */
  function expectMoved(was: Record<Level, Level$>, now: Record<Level, Level$>, moved: Partial<typeof NOTHING>) {
    for (const level of ['city', 'county', 'town'] as const) {
      expect({ level, delta: delta(was[level], now[level]) }).toEqual({ level, delta: { ...NOTHING, ...moved } });
      const rate = now[level].attraction;
      if (rate.signedCount === 0) expect(rate.fulfilmentRate).toBeNull();
      else expect(rate.fulfilmentRate).toBeCloseTo((rate.startedOfSignedCount * 100) / rate.signedCount, 2);
    }
    for (const level of ['neighbour', 'otherCounty'] as const) {
      expect({ level, delta: delta(was[level], now[level]) }).toEqual({ level, delta: NOTHING });
    }
  }

  it("moves the town's, the county's and the city's figures at every step of a lead, and nobody else's", async () => {
    const stage = (name: string, count: number, intendedWan = '0', signedWan = '0') => ({ [name]: { count, intendedWan, signedWan } });
    const start = await figures();
    const lead = await leads.create({ intendedWan: '12345.6789' });
    const intent = await figures();
    expectMoved(start, intent, { leadCount: 1, stages: stage('INTENT', 1, '12345.6789') });

    await leads.advance(lead.id, 'FRAMEWORK_AGREEMENT', { on: ON.framework });
    const framework = await figures();
    expectMoved(intent, framework, { stages: { ...stage('INTENT', -1, '-12345.6789'), ...stage('FRAMEWORK_AGREEMENT', 1, '12345.6789') } });

    await leads.advance(lead.id, 'CONTRACT_SIGNED', { on: ON.signed, signedWan: '10000.5' });
    const signed = await figures();
    expectMoved(framework, signed, {
      signedCount: 1,
      signedWan: '10000.5',
      stages: { ...stage('FRAMEWORK_AGREEMENT', -1, '-12345.6789'), ...stage('CONTRACT_SIGNED', 1, '12345.6789', '10000.5') },
    });

    // The start makes the key project: the project figures move too.
    await leads.start(lead.id, { on: ON.started });
    const started = await figures();
    expectMoved(signed, started, {
      startedOfSignedCount: 1,
      stages: { ...stage('CONTRACT_SIGNED', -1, '-12345.6789', '-10000.5'), ...stage('STARTED', 1, '12345.6789', '10000.5') },
      projects: { count: 1, investmentAttraction: 1, totalInvestmentWan: '10000.5', fundsInPlaceWan: '0' },
    });

    await leads.funds(lead.id, '4000.2501', ON.firstFunds);
    const some = await figures();
    expectMoved(started, some, { fundsInPlaceWan: '4000.2501', projects: { ...NOTHING.projects, fundsInPlaceWan: '4000.2501' } });

    await leads.funds(lead.id, '10000.5', ON.allFunds);
    const all = await figures();
    expectMoved(some, all, {
      fundsInPlaceWan: '6000.2499',
      stages: { ...stage('STARTED', -1, '-12345.6789', '-10000.5'), ...stage('FUNDS_IN_PLACE', 1, '12345.6789', '10000.5') },
      projects: { ...NOTHING.projects, fundsInPlaceWan: '6000.2499' },
    });
    // From the first reading to the last: one lead, signed, started, its funds all in place.
    expectMoved(start, all, {
      leadCount: 1,
      signedCount: 1,
      signedWan: '10000.5',
      startedOfSignedCount: 1,
      fundsInPlaceWan: '10000.5',
      stages: stage('FUNDS_IN_PLACE', 1, '12345.6789', '10000.5'),
      projects: { count: 1, investmentAttraction: 1, totalInvestmentWan: '10000.5', fundsInPlaceWan: '10000.5' },
    });
  });

  it("computes the fulfilment rate (履约率) as the percentage of this year's signed leads that started, null before any signing", async () => {
    const ningjin = async (period = YEAR_END) => (await figures(period)).otherCounty.attraction;
    expect(await ningjin()).toMatchObject({ leadCount: 0, signedCount: 0, signedWan: '0', startedOfSignedCount: 0, fulfilmentRate: null });

    const owner = { ownerTenantCode: NINGJIN };
    const first = await leads.signed({ ...owner, name: '宁津县健身器材产业园项目' }, '3000', NINGJIN_LEADER);
    const second = await leads.signed({ ...owner, name: '宁津县家具产业集群项目' }, '1500.75', NINGJIN_LEADER);
    await leads.create({ ...owner, name: '宁津县意向项目' }, NINGJIN_LEADER);
    expect(await ningjin()).toMatchObject({
      leadCount: 3,
      signedCount: 2,
      signedWan: '4500.75',
      startedOfSignedCount: 0,
      fulfilmentRate: 0,
    });

    await leads.start(first.id, { on: ON.started }, NINGJIN_LEADER);
    expect(await ningjin()).toMatchObject({ signedCount: 2, startedOfSignedCount: 1, fulfilmentRate: 50 });

    // Three signed, one started: a third, in percent to two decimals.
    await leads.signed({ ...owner, name: '宁津县第三个签约项目' }, '100', NINGJIN_LEADER);
    expect(await ningjin()).toMatchObject({ signedCount: 3, startedOfSignedCount: 1, fulfilmentRate: 33.33 });

    await leads.start(second.id, { on: ON.started }, NINGJIN_LEADER);
    expect(await ningjin()).toMatchObject({ signedCount: 3, startedOfSignedCount: 2, fulfilmentRate: 66.67 });
  });

  it("counts a lead signed last year in last year's fulfilment rate, not this year's, though it started this year", async () => {
    const town = async (period: string) => (await figures(period)).town.attraction;
    const lastYear = await town('2025-12');
    const thisYear = await town(YEAR_END);
    const lead = await leads.create({ name: '跨年签约项目', intentOn: '2025-09-01', intendedWan: '800' });
    await leads.advance(lead.id, 'FRAMEWORK_AGREEMENT', { on: '2025-10-01' });
    await leads.advance(lead.id, 'CONTRACT_SIGNED', { on: '2025-12-15', signedWan: '700' });
    await leads.start(lead.id, { on: ON.started });

    const then = await town('2025-12');
    expect(then.signedCount - lastYear.signedCount).toBe(1);
    expect(subtractWan(then.signedWan, lastYear.signedWan)).toBe('700');
    // It had not started by the end of 2025.
    expect(then.startedOfSignedCount - lastYear.startedOfSignedCount).toBe(0);
    expect(then.byStage.find((s) => s.stage === 'CONTRACT_SIGNED')!.count).toBe(
      lastYear.byStage.find((s) => s.stage === 'CONTRACT_SIGNED')!.count + 1,
    );
    const now = await town(YEAR_END);
    expect(now.signedCount - thisYear.signedCount).toBe(0);
    expect(now.startedOfSignedCount - thisYear.startedOfSignedCount).toBe(0);
    expect(now.leadCount - thisYear.leadCount).toBe(1);
    expect(now.byStage.find((s) => s.stage === 'STARTED')!.count - thisYear.byStage.find((s) => s.stage === 'STARTED')!.count).toBe(1);
  });

  it('reads the step a lead stood at on the last day of an earlier month from its step dates', async () => {
    // Month -> the step the lead stood at on its last day (none before its intent).
    const months: [string, string | undefined][] = [
      ['2026-01', undefined],
      ['2026-03', 'INTENT'],
      ['2026-05', 'FRAMEWORK_AGREEMENT'],
      ['2026-06', 'CONTRACT_SIGNED'],
      ['2026-08', 'STARTED'],
      ['2026-10', 'FUNDS_IN_PLACE'],
    ];
    const before = new Map<string, Level$>();
    for (const [period] of months) before.set(period, (await figures(period)).town);
    const lead = await leads.signed({ name: '历史月份测试项目', intendedWan: '50' }, '40');
    await leads.start(lead.id, { on: ON.started });
    await leads.funds(lead.id, '40', ON.allFunds);

    for (const [period, step] of months) {
      const moved = delta(before.get(period)!, (await figures(period)).town);
      const signedWan = step === 'INTENT' || step === 'FRAMEWORK_AGREEMENT' ? '0' : '40';
      expect({ period, leadCount: moved.leadCount, stages: moved.stages }).toEqual({
        period,
        leadCount: step ? 1 : 0,
        stages: step ? { [step]: { count: 1, intendedWan: '50', signedWan } } : {},
      });
      // Signed in June: this year's signed leads from June on, started from August on.
      expect({ period, signed: moved.signedCount, started: moved.startedOfSignedCount }).toEqual({
        period,
        signed: period >= '2026-06' ? 1 : 0,
        started: period >= '2026-08' ? 1 : 0,
      });
    }
  });

  it("reads every child's attraction figures of a rollup in one statement", async () => {
    server.statements.length = 0;
    const result = await server.gql(
      `{ rollup(tenantCode: "${CITY}", period: "${YEAR_END}") { attraction { leadCount } children { tenant { code } attraction { ${ATTRACTION} } } } }`,
      {},
      CITY_LEADER,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.rollup.children.length).toBeGreaterThan(5);
    expect(server.statements.filter((line) => line.includes('kp_attraction_read'))).toHaveLength(1);
    const decheng = result.data?.rollup.children.find((c: { tenant: { code: string } }) => c.tenant.code === DECHENG);
    const county = (await figures()).county.attraction;
    expect(decheng.attraction).toEqual(county);
  });

  it("answers NOT_FOUND to a town officer for the county's attraction figures", async () => {
    const result = await server.gql(
      `{ rollup(tenantCode: "${DECHENG}", period: "${YEAR_END}") { attraction { leadCount } } }`,
      {},
      TOWN_OFFICER,
    );
    expect(result.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });
});
