import { chinaDate, Period } from '../../../src/calendar/period';
import { CITY_LEADER, COUNTY_LEADER, createProject, DECHENG, XINHU } from '../../support/fixtures';
import { collect } from '../../support/live';
import { startTestServer, type TestServer } from '../../support/test-server';

const DAY_MS = 86_400_000;

/**
 * Time progress of the running month, worked out here independently of the server's code: whole
 * days of the year elapsed to the end of yesterday, over the days in the year, in percent with two
 * decimals (half up; a day count never lands on an exact half here).
 */
function expectedTimeProgress(today: string): number {
  const year = Number(today.slice(0, 4));
  const elapsed = (Date.parse(`${today}T00:00:00Z`) - Date.UTC(year, 0, 1)) / DAY_MS; // days before today
  const days = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY_MS;
  return Math.round((elapsed * 10_000) / days) / 100;
}

/**
 * Runs `read` on one China day: the answer depends on the date, so a read that straddles midnight
 * is read again (it cannot straddle two midnights).
 */
async function onOneDay<T>(read: () => Promise<T>): Promise<{ today: string; answer: T }> {
  for (;;) {
    const today = chinaDate();
    const answer = await read();
    if (chinaDate() === today) return { today, answer };
  }
}

describe("the running month's time progress is measured to today", () => {
  let server: TestServer;
  const current = Period.current();
  let projectId: string;

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', 'town-officer');
    // The only project: planned for this year, nothing done yet, so every gap is minus the time progress.
    const project = await createProject(server, {
      code: null,
      plannedStartOn: `${current.year}-01-01`,
      plannedCompletionOn: `${current.year + 1}-12-31`,
      annualPlans: [{ year: current.year, plannedInvestmentWan: '1000' }],
    });
    projectId = project.id;
  });
  afterAll(() => server.close());

  it('measures the rollup, its gap and its children to the end of yesterday, not to the end of the month', async () => {
    const { today, answer } = await onOneDay(() =>
      server.gql(
        `query($p: Period!) { rollup(tenantCode: "${DECHENG}", period: $p) {
           completionRate timeProgress progressGap children { tenant { code } completionRate timeProgress progressGap } } }`,
        { p: current.toString() },
        CITY_LEADER,
      ),
    );
    expect(answer.errors).toBeUndefined();
    const time = expectedTimeProgress(today);
    expect(time).toBeLessThan(100);
    expect(answer.data?.rollup).toMatchObject({ completionRate: 0, timeProgress: time, progressGap: -time });
    const xinhu = answer.data?.rollup.children.find((c: { tenant: { code: string } }) => c.tenant.code === XINHU);
    expect(xinhu).toMatchObject({ completionRate: 0, timeProgress: time, progressGap: -time });
  });

  it('ends the trend with the running month measured the same way, the months before at their ends', async () => {
    const from = Period.of(current.year, 1);
    const { today, answer } = await onOneDay(() =>
      server.gql(
        `query($p: Period!, $from: Period!) { rollup(tenantCode: "${DECHENG}", period: $p) { trend(from: $from, to: $p) { period timeProgress } } }`,
        { p: current.toString(), from: from.toString() },
        CITY_LEADER,
      ),
    );
    const trend = answer.data?.rollup.trend as { period: string; timeProgress: number }[];
    expect(trend.at(-1)).toEqual({ period: current.toString(), timeProgress: expectedTimeProgress(today) });
    // A month that is over is measured to its last day: as read on the first day of the next.
    for (const point of trend.slice(0, -1)) {
      const next = Period.parse(point.period)!.plusMonths(1);
      expect(point.timeProgress).toBe(expectedTimeProgress(next.firstDay));
    }
  });

  it('ranks by a gap measured the same way', async () => {
    const { today, answer } = await onOneDay(() =>
      server.gql(
        `query($p: Period!) { ranking(parentCode: "${DECHENG}", period: $p, metric: PROGRESS_GAP) { position rate rollup { tenant { code } } } }`,
        { p: current.toString() },
        CITY_LEADER,
      ),
    );
    expect(answer.errors).toBeUndefined();
    const [first] = answer.data?.ranking as { position: number; rate: number | null; rollup: { tenant: { code: string } } }[];
    expect(first).toEqual({ position: 1, rate: -expectedTimeProgress(today), rollup: { tenant: { code: XINHU } } });
  });

  it("turns a project's light by the same time progress, and says so in the reader's language", async () => {
    // Yellow from 0 points behind: the light always gives its reason, even on 1 January.
    const set = await server.gql(
      `mutation { setTrafficLightRules(input: { cityCode: "371400", yellowGapPoints: 0, redGapPoints: 100 }) { yellowGapPoints } }`,
      {},
      'admin',
    );
    expect(set.errors).toBeUndefined();
    const LIGHT = `query($id: ID!) { project(id: $id) { trafficLight { color reasons { rule figure message } } } }`;
    const { today, answer } = await onOneDay(async () => ({
      zh: await server.gql(LIGHT, { id: projectId }),
      en: await server.gql(LIGHT, { id: projectId }, undefined, { 'accept-language': 'en' }),
    }));
    const time = expectedTimeProgress(today);
    expect(answer.zh.data?.project.trafficLight).toEqual({
      color: 'YELLOW',
      reasons: [
        {
          rule: 'PROGRESS_GAP',
          figure: time,
          message: `完成率 0%，低于时序进度（${time}%）${time} 个百分点（落后 0 个百分点起亮黄灯，100 个百分点起亮红灯）`,
        },
      ],
    });
    expect(answer.en.data?.project.trafficLight.reasons[0].message).toBe(
      `completion 0% is ${time} points behind time progress ${time}% (yellow from 0 points behind, red from 100)`,
    );
  });

  it('sends the same figures live', async () => {
    const { today, answer } = await onOneDay(async () => {
      const client = server.wsClient(COUNTY_LEADER);
      const live = collect<{ timeProgress: number; progressGap: number }>(
        client,
        `subscription($p: Period!) { rollupChanged(tenantCode: "${DECHENG}", period: $p) { timeProgress progressGap } }`,
        { p: current.toString() },
        (d) => d.rollupChanged,
      );
      try {
        return (await live.until(1))[0]!;
      } finally {
        live.stop();
        await client.dispose();
      }
    });
    const time = expectedTimeProgress(today);
    expect(answer).toEqual({ timeProgress: time, progressGap: -time });
  });
});
