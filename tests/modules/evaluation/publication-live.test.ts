import { CITY, CITY_LEADER, COUNTY_LEADER, DECHENG, NINGJIN, NINGJIN_LEADER } from '../../support/fixtures';
import { collect, sleep } from '../../support/live';
import { startTestServer, type TestServer } from '../../support/test-server';

/** What a dashboard's feed reads of an event: the tenant by name, for a line such as "德州市 发布了 2026年10月 月通报". */
const FEED = `subscription($tenant: String!) {
  projectChanged(tenantCode: $tenant) { kind tenantCode projectId tenant { code name } by { subject } changes { field before after } }
}`;

/** The publication events among what arrives (the demo city's housekeeping announces overdue milestones meanwhile). */
async function publications(received: { until(count: number, ms?: number): Promise<FeedEvent[]> }, wanted: number) {
  for (let count = 1; ; count++) {
    const items = (await received.until(count, 15_000)).filter((e) => e.kind.endsWith('_PUBLISHED'));
    if (items.length >= wanted) return items;
  }
}

interface FeedEvent {
  kind: string;
  tenantCode: string;
  projectId: string | null;
  tenant: { code: string; name: string } | null;
  by: { subject: string } | null;
  changes: { field: string; before: string | null; after: string | null }[];
}

/**
 * Publishing a bulletin (印发月通报) or a quarterly ranking (发布季度评比) reaches the dashboards of the
 * publishing tenant's subtree over graphql-ws like every other change, after commit, naming what
 * was published; a dashboard of another subtree gets nothing.
 */
describe('publication events over graphql-ws', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('demo', CITY_LEADER);
  });
  afterAll(() => server.close());

  it("streams the city's bulletin and ranking as they are published, to the city's dashboard and not to a county's", async () => {
    const streams = server.liveStreams();
    const city = collect<FeedEvent>(server.wsClient(CITY_LEADER), FEED, { tenant: CITY }, (d) => d.projectChanged);
    const county = collect<FeedEvent>(server.wsClient(NINGJIN_LEADER), FEED, { tenant: NINGJIN }, (d) => d.projectChanged);
    await server.untilLiveStreams(streams + 2);

    const bulletin = await server.gql(`mutation { publishBulletin(tenantCode: "${CITY}", period: "2026-10") { id version } }`);
    expect(bulletin.errors).toBeUndefined();
    const ranking = await server.gql(`mutation { publishEvaluation(parentCode: "${CITY}", quarter: "2026Q3") { id edition } }`);
    expect(ranking.errors).toBeUndefined();

    const [published, ranked] = await publications(city, 2);
    expect(published).toEqual({
      kind: 'BULLETIN_PUBLISHED',
      tenantCode: CITY,
      projectId: null,
      tenant: { code: CITY, name: '德州市' },
      by: { subject: CITY_LEADER.subject },
      changes: [
        { field: 'period', before: null, after: '2026-10' },
        { field: 'publication', before: null, after: bulletin.data!['publishBulletin'].id },
      ],
    });
    expect(ranked).toEqual({
      kind: 'EVALUATION_PUBLISHED',
      tenantCode: CITY,
      projectId: null,
      tenant: { code: CITY, name: '德州市' },
      by: { subject: CITY_LEADER.subject },
      changes: [
        { field: 'edition', before: null, after: String(ranking.data!['publishEvaluation'].edition) },
        { field: 'publication', before: null, after: ranking.data!['publishEvaluation'].id },
        { field: 'quarter', before: null, after: '2026Q3' },
      ],
    });
    await sleep(300);
    expect(county.items.filter((e) => e.kind.endsWith('_PUBLISHED'))).toEqual([]);
    expect(county.errors).toEqual([]);
  });

  it("streams a county's ranking of its towns to that county's dashboard, and no event for a publication refused", async () => {
    const streams = server.liveStreams();
    const county = collect<FeedEvent>(server.wsClient(COUNTY_LEADER), FEED, { tenant: DECHENG }, (d) => d.projectChanged);
    await server.untilLiveStreams(streams + 1);
    // Refused (a county's leader does not publish the city's ranking): nothing is written, so nothing is sent.
    const refused = await server.gql(`mutation { publishEvaluation(parentCode: "${CITY}", quarter: "2026Q3") { id } }`, {}, COUNTY_LEADER);
    expect(refused.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const own = await server.gql(`mutation { publishEvaluation(parentCode: "${DECHENG}", quarter: "2026Q3") { id } }`, {}, COUNTY_LEADER);
    expect(own.errors).toBeUndefined();
    const [event] = await publications(county, 1);
    expect(event).toMatchObject({ kind: 'EVALUATION_PUBLISHED', tenantCode: DECHENG, by: { subject: COUNTY_LEADER.subject } });
    expect(event!.changes).toContainEqual({ field: 'publication', before: null, after: own.data!['publishEvaluation'].id });
    await sleep(300);
    expect(county.items.filter((e) => e.kind.endsWith('_PUBLISHED'))).toHaveLength(1);
  });
});
