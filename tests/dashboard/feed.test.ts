import { screenshot } from './browser';
import { signedInFile } from './harness';
import { currentPeriod } from './shown';

/**
 * The overview's feed (实时动态) in a real Chromium: a town's report appears as it is filed; when the
 * live socket closes with 4403 (token expired) the app renews the token at the realm, reconnects,
 * and resumes with `after:`, so what happened while it was away appears too.
 */
let reportId: string;

/**
 * How long a live line may take to show: a bound on arrival, not a speed (bench:live measures that).
 * Under the full suite on 2 cores, two lines after the socket's resume took over five seconds once.
 */
const LIVE_LINE_MS = 15_000;
const month = () => `${Number(currentPeriod().slice(5, 7))} 月`;
/** Every subscribe the page sends, as graphql-ws frames. */
const subscribes: string[] = [];

const desk = signedInFile('city-leader', '/overview', async (dash, page) => {
  // The page's WebSockets, reachable from the test: the only way to close one as the server would.
  await page.addInitScript(() => {
    const Native = WebSocket;
    const sockets: WebSocket[] = [];
    (globalThis as any).liveSockets = sockets;
    (globalThis as any).WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        sockets.push(this);
      }
    };
  });
  page.on('websocket', (socket) =>
    socket.on('framesent', (frame) => {
      if (typeof frame.payload === 'string' && frame.payload.includes('"subscribe"')) subscribes.push(frame.payload);
    }),
  );
});

describe('实时动态 (the overview’s feed)', () => {
  it('shows “新湖街道 报送了 N 月进度” as the town files its report', async () => {
    await desk.page.locator('[data-test="live-state"]', { hasText: '实时：已连接' }).waitFor();
    await desk.page.waitForFunction(() => (globalThis as any).liveSockets.length > 0);
    // graphql-ws does not acknowledge a subscribe: wait until the page has sent the feed's.
    for (const until = Date.now() + 10_000; !subscribes.some((s) => s.includes('projectChanged'));) {
      expect(Date.now()).toBeLessThan(until);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Nor does it say when the server has taken the subscription: on a loaded machine a report filed
    // right after the frame went out came before the stream, and the feed never saw it. Wait until the
    // server counts as many live streams as the page has sent.
    const streams = async () => Number(/^kp_live_streams (\d+)/m.exec(await (await fetch(`${desk.dash.origin}/metrics`)).text())?.[1] ?? 0);
    for (const until = Date.now() + 10_000; (await streams()) < subscribes.length;) {
      expect(Date.now()).toBeLessThan(until);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const mine = await desk.dash.api('town-officer', `{ projects(filter: { tenantCode: "371402001" }, first: 1) { nodes { id } } }`);
    const filed = await desk.dash.api('town-officer', `mutation ($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`, {
      input: {
        projectId: mine.data.projects.nodes[0].id,
        period: currentPeriod(),
        completedInvestmentWan: '66',
        progressNote: '二次结构施工',
      },
    });
    expect(filed.errors).toBeUndefined();
    reportId = filed.data.reportProgress.id;
    await desk.page.locator('[data-test="feed-line"]', { hasText: `新湖街道 报送了 ${month()}进度` }).waitFor({ timeout: 3000 });
    await screenshot(desk.page, 'overview-feed');
  });

  it('on close 4403 renews the token, reconnects and resumes after the last event: nothing done meanwhile is missed', async () => {
    const renewed = desk.page.waitForRequest(
      (request) =>
        request.url().endsWith('/protocol/openid-connect/token') && (request.postData() ?? '').includes('grant_type=refresh_token'),
    );
    const before = subscribes.length;
    await desk.page.evaluate(() => (globalThis as any).liveSockets.at(-1).close(4403, 'Forbidden'));
    await desk.page.locator('[data-test="live-state"]', { hasText: '实时：重新连接中' }).waitFor();
    // While the page is away: 李娜 approves the report.
    const approved = await desk.dash.api('county-leader', `mutation ($id: ID!) { approveProgressReport(id: $id) { status } }`, {
      id: reportId,
    });
    expect(approved.errors).toBeUndefined();
    await renewed;
    await desk.page.locator('[data-test="live-state"]', { hasText: '实时：已连接' }).waitFor();
    // A review step's event carries what it changed (the status), not the month.
    await desk.page.locator('[data-test="feed-line"]', { hasText: '李娜 审核通过了 新湖街道 的月报' }).waitFor({ timeout: LIVE_LINE_MS });
    // The feed's new subscribe carried `after`: the server sent what the page had missed.
    const resumed = subscribes.slice(before).filter((s) => s.includes('projectChanged'));
    expect(resumed.length).toBeGreaterThan(0);
    expect(JSON.parse(resumed[resumed.length - 1]!).payload.variables.after).toEqual(expect.any(String));
    // Each event once: the line of the report filed before the close is not repeated by the resume.
    await expect(desk.page.locator('[data-test="feed-line"]', { hasText: `新湖街道 报送了 ${month()}进度` }).count()).resolves.toBe(1);
  });

  it('shows “德州市 发布了 2026年10月 月通报” and the quarter’s ranking as the city publishes them', async () => {
    const bulletin = await desk.dash.api('city-leader', `mutation { publishBulletin(tenantCode: "371400", period: "2026-10") { id } }`);
    expect(bulletin.errors).toBeUndefined();
    await desk.page.locator('[data-test="feed-line"]', { hasText: '德州市 发布了 2026年10月 月通报' }).waitFor({ timeout: LIVE_LINE_MS });
    const ranking = await desk.dash.api('city-leader', `mutation { publishEvaluation(parentCode: "371400", quarter: "2026Q3") { id } }`);
    expect(ranking.errors).toBeUndefined();
    await desk.page
      .locator('[data-test="feed-line"]', { hasText: '德州市 发布了 2026年第三季度 季度评比结果' })
      .waitFor({ timeout: LIVE_LINE_MS });
  });

  it('shows “德城区 冻结了 2025年度 年终考核” as a county freezes its towns’ year-end assessment', async () => {
    const year = Number(currentPeriod().slice(0, 4)) - 1;
    const frozen = await desk.dash.api(
      'county-leader',
      `mutation($year: Int!) { freezeYearEndAssessment(input: { tenantCode: "371402", year: $year, awards: [] }) { id } }`,
      { year },
    );
    expect(frozen.errors).toBeUndefined();
    await desk.page
      .locator('[data-test="feed-line"]', { hasText: `德城区 冻结了 ${year}年度 年终考核` })
      .waitFor({ timeout: LIVE_LINE_MS });
  });
});
