import { canonicalWan } from '../../../src/money/wan';
import { COUNTY_LEADER, createProject, DECHENG, TOWN_OFFICER, XINHU, XINHUA, XINHUA_OFFICER } from '../../support/fixtures';
import { startTestServer, type TestServer } from '../../support/test-server';

/** Each metric's figure, the rollup field it comes from, and the ranking entry's field of its kind. */
const METRICS = [
  ['COMPLETION_RATE', 'completionRate', 'rate'],
  ['PROGRESS_GAP', 'progressGap', 'rate'],
  ['START_RATE', 'startRate', 'rate'],
  ['NEW_START_RATE', 'newStartRate', 'rate'],
  ['ANNUAL_START_RATE', 'annualStartRate', 'rate'],
  ['YEAR_OVER_YEAR_GROWTH', 'yearOverYearGrowth', 'rate'],
  ['COMPLETED_THIS_YEAR', 'completedThisYearWan', 'amountWan'],
  ['NET_INCREASE', 'netIncreaseWan', 'amountWan'],
  ['FUNDS_IN_PLACE', 'fundsInPlaceWan', 'amountWan'],
  ['OVERDUE_MILESTONES', 'overdueMilestoneCount', 'count'],
] as const;

const KINDS = ['rate', 'amountWan', 'count'] as const;

const RANKING = `query($parent: String!, $metric: RankingMetric!) { ranking(parentCode: $parent, period: "2026-10", metric: $metric) {
  position rate amountWan count value
  rollup { tenant { code } completionRate progressGap startRate newStartRate annualStartRate yearOverYearGrowth completedThisYearWan netIncreaseWan fundsInPlaceWan overdueMilestoneCount }
} }`;

type Entry = Record<(typeof KINDS)[number] | 'value', unknown> & {
  position: number;
  rollup: Record<string, unknown> & { tenant: { code: string } };
};

describe('ranking figures, one type per kind of figure', () => {
  describe('over the demo counties', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer('demo', 'city-leader');
    });
    afterAll(() => server.close());

    it.each(METRICS)(
      'gives %s in the field of its kind, typed as the rollup types %s, the others null',
      async (metric, rollupField, kind) => {
        const result = await server.gql<{ ranking: Entry[] }>(RANKING, { parent: '371400', metric });
        expect(result.errors).toBeUndefined();
        const entries = result.data!.ranking;
        expect(entries).toHaveLength(12);
        for (const entry of entries) {
          const figure = entry.rollup[rollupField];
          expect(entry[kind]).toStrictEqual(figure);
          for (const other of KINDS.filter((k) => k !== kind)) expect(entry[other]).toBeNull();
          // The deprecated text stays what it was (money as the rollup table holds it, 4 decimals).
          expect(entry.value === null ? null : kind === 'amountWan' ? canonicalWan(String(entry.value)) : entry.value).toBe(
            figure === null ? null : String(figure),
          );
        }
        expect(entries.some((e) => e[kind] !== null)).toBe(true);
        if (kind === 'rate') expect(entries.every((e) => e.rate === null || typeof e.rate === 'number')).toBe(true);
        if (kind === 'amountWan') expect(entries.every((e) => typeof e.amountWan === 'string')).toBe(true);
        if (kind === 'count') expect(entries.every((e) => Number.isInteger(e.count))).toBe(true);
      },
    );
  });

  describe('over towns with amounts a float cannot tell apart', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer('dezhou-tenants', TOWN_OFFICER);
      // 9999999999999.0001 and .0002 are the same double: ordered as floats they would share a place.
      // One project may hold at most 10^9 万元 (the API's cap); a town's total, summed over many, is
      // not capped, so the town totals are set through the owner's connection (the rollup triggers
      // still keep them).
      const xinhu = await createProject(server, { code: null, ownerTenantCode: XINHU }, TOWN_OFFICER);
      const xinhua = await createProject(server, { code: null, ownerTenantCode: XINHUA }, XINHUA_OFFICER);
      const sql = server.adminOrm.em.fork().getConnection();
      const arrive = (projectId: string, amount: string) =>
        sql.execute(
          `insert into fund_arrival (id, project_id, arrived_on, amount_wan, recorded_by, recorded_by_name)
                     values (gen_random_uuid(), ?, '2026-03-01', ?, 'test', 'test')`,
          [projectId, amount],
        );
      await arrive(xinhu.id, '9999999999999.0001');
      await arrive(xinhua.id, '9999999999999.0002');
    });
    afterAll(() => server.close());

    it('ranks money exactly, to the yuan', async () => {
      const result = await server.gql<{ ranking: Entry[] }>(RANKING, { parent: DECHENG, metric: 'FUNDS_IN_PLACE' }, COUNTY_LEADER);
      expect(result.errors).toBeUndefined();
      const [first, second] = result.data!.ranking;
      expect(first).toMatchObject({ position: 1, amountWan: '9999999999999.0002', rollup: { tenant: { code: XINHUA } } });
      expect(second).toMatchObject({ position: 2, amountWan: '9999999999999.0001', rollup: { tenant: { code: XINHU } } });
    });
  });
});
