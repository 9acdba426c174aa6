import { TEST_DEMO_AS_OF } from '../support/database';
import { screenshot } from './browser';
import { signedInFile } from './harness';
import { shownRate, shownWan } from './shown';

/**
 * The 总览's panels before and around the year's list (issue 18) in a real Chromium: the target
 * letter against what is done (目标责任书), plan and funds by source (资金来源, a chart and its 查看数据),
 * the pending approvals per office (前期手续) and the reserve pool (储备库), each equal to what the API
 * gives the same leader for the same tenant and month, and following the drill-down.
 */
const PERIOD = TEST_DEMO_AS_OF.slice(0, 7);
const PLANNING = `query ($code: String!, $p: Period!) { rollup(tenantCode: $code, period: $p) {
  timeProgress
  targetProgress { measure targetValue actualValue completionRate }
  byFundingSource { source plannedWan plannedShare completedThisYearWan completionRate fundsArrivedThisYearWan fundsInPlaceWan arrivalRate }
  approvals { pendingCount submittedCount overdueCount heldUpProjectCount
    byOffice { office pendingCount submittedCount overdueCount warnedCount light } }
  reservePool { pooledCount pooledInvestmentWan yearPooledCount yearPromotedCount yearDroppedCount conversionRate
    byMaturity { maturity count estimatedInvestmentWan } } } }`;
let labels: Map<string, string>;

const desk = signedInFile('city-leader', `/overview?period=${PERIOD}`, async (dash) => {
  const { data } = await dash.api('city-leader', '{ enumLabels { enum value label } }');
  labels = new Map(data.enumLabels.map((l: any) => [`${l.enum}.${l.value}`, l.label]));
});

/** The cells of a table, row by row. */
async function cells(test: string): Promise<string[][]> {
  return desk.page
    .locator(`[data-test="${test}"] [data-test="row"]`)
    .evaluateAll((rows) => rows.map((row) => [...(row as any).querySelectorAll('td')].map((td: any) => String(td.textContent).trim())));
}

const count = (n: number) => n.toLocaleString('en-US');
const label = (e: string, v: string) => labels.get(`${e}.${v}`);
/** A target or what is done as the letter writes it: money in 万元 / 亿元, counts in 个. */
const shownTarget = (measure: string, value: string) =>
  measure === 'INVESTMENT_COMPLETED' || measure === 'FUNDS_ARRIVED' ? shownWan(value) : `${Number(value).toLocaleString('en-US')} 个`;
const points = (rate: number | null, time: number | null) => {
  if (rate === null || time === null) return '—';
  const gap = Math.round((rate - time) * 100) / 100;
  return `${gap > 0 ? '+' : ''}${gap.toFixed(2)} 个百分点`;
};

async function planning(code: string) {
  const { data, errors } = await desk.dash.api('city-leader', PLANNING, { code, p: PERIOD });
  expect(errors).toBeUndefined();
  return data.rollup;
}

async function expectPanelsEqual(rollup: any): Promise<void> {
  expect(await cells('target-data')).toEqual(
    rollup.targetProgress.map((t: any) => [
      label('TargetMeasure', t.measure),
      shownTarget(t.measure, t.targetValue),
      shownTarget(t.measure, t.actualValue),
      shownRate(t.completionRate),
      shownRate(rollup.timeProgress),
      points(t.completionRate, rollup.timeProgress),
    ]),
  );
  expect(await cells('funding-data')).toEqual(
    rollup.byFundingSource.map((s: any) => [
      s.source ? label('FundingSource', s.source) : '未注明来源',
      shownWan(s.plannedWan),
      shownRate(s.plannedShare),
      shownWan(s.completedThisYearWan),
      shownRate(s.completionRate),
      shownWan(s.fundsArrivedThisYearWan),
      shownWan(s.fundsInPlaceWan),
      shownRate(s.arrivalRate),
    ]),
  );
  const a = rollup.approvals;
  // The ten most overdue offices show; the rest are one click away, and all of them are compared.
  if (a.byOffice.length > 10) await desk.page.click('[data-test="approval-more"]');
  expect(await cells('approval-data')).toEqual(
    a.byOffice.map((o: any) => [
      o.office,
      label('LightColor', o.light),
      count(o.pendingCount),
      count(o.submittedCount),
      count(o.warnedCount),
      count(o.overdueCount),
    ]),
  );
  await desk.page.locator('[data-test="approval-pending"]', { hasText: `待批复${count(a.pendingCount)} 项` }).waitFor();
  await desk.page.locator('[data-test="approval-overdue"]', { hasText: `超期${count(a.overdueCount)} 项` }).waitFor();
  await desk.page.locator('[data-test="approval-held-up"]', { hasText: `手续制约开工${count(a.heldUpProjectCount)} 个项目` }).waitFor();
  const r = rollup.reservePool;
  expect(await cells('reserve-data')).toEqual(
    r.byMaturity.map((m: any) => [label('ReserveMaturity', m.maturity), `${count(m.count)} 个`, shownWan(m.estimatedInvestmentWan)]),
  );
  await desk.page.locator('[data-test="reserve-pooled"]', { hasText: `在库项目${count(r.pooledCount)} 个` }).waitFor();
  await desk.page.locator('[data-test="reserve-investment"]', { hasText: shownWan(r.pooledInvestmentWan) }).waitFor();
  await desk.page.locator('[data-test="reserve-conversion"]', { hasText: `本年转化率${shownRate(r.conversionRate)}` }).waitFor();
}

describe('the 总览’s 目标责任书, 资金来源, 前期手续 and 储备库', () => {
  it('shows the city’s letter, funding sources, approvals and pool as the API gives them', async () => {
    const rollup = await planning('371400');
    // The demo signs the city's letter, splits plans by source, has approvals at every state and a pool:
    // empty tables would pass the comparison and show nothing.
    expect(rollup.targetProgress.length).toBeGreaterThan(0);
    expect(rollup.byFundingSource.some((s: any) => s.source && Number(s.plannedWan) > 0)).toBe(true);
    expect(rollup.approvals.byOffice.length).toBeGreaterThan(0);
    expect(rollup.reservePool.pooledCount).toBeGreaterThan(0);
    await desk.page.locator('[data-test="funding-chart"] canvas').first().waitFor();
    await expectPanelsEqual(rollup);
    expect(await desk.page.locator('main').innerText()).not.toMatch(
      /\b(CENTRAL_BUDGET|LOCAL_SPECIAL_BONDS|INVESTMENT_COMPLETED|FUNDS_ARRIVED|CONCEPT|READY_TO_START|RED|YELLOW|GREEN)\b/,
    );
    await screenshot(desk.page, 'overview-planning');
  });

  it('follows the drill-down: a county’s panels are the county’s', async () => {
    const county = await planning('371402');
    await desk.page.goto(`${desk.dash.origin}/overview/371402?period=${PERIOD}`);
    await desk.page.locator('[data-test="tenant-name"]', { hasText: '德城区' }).waitFor();
    await desk.page.locator('[data-test="funding-chart"] canvas').first().waitFor();
    await expectPanelsEqual(county);
    await desk.page.click('[data-test="reserve-open"]');
    await desk.page.waitForURL(/\/reserve\?tenant=371402$/);
    const { data } = await desk.dash.api('city-leader', `{ reserveProjects(tenantCode: "371402") { totalCount } }`);
    await desk.page.locator('[data-test="reserve-count"]', { hasText: `共 ${data.reserveProjects.totalCount} 个储备项目` }).waitFor();
  });

  it('opens the projects held up by an approval from the running month’s count, as many as it says', async () => {
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const { data } = await desk.dash.api(
      'city-leader',
      `query($p: Period!) { rollup(tenantCode: "371402", period: $p) { approvals { heldUpProjectCount } } }`,
      { p: month },
    );
    const held = data.rollup.approvals.heldUpProjectCount as number;
    // The demo city requires approvals before a start, and some projects wait on them.
    expect(held).toBeGreaterThan(0);
    await desk.page.goto(`${desk.dash.origin}/overview/371402?period=${month}`);
    await desk.page.click('[data-test="approval-held-up-open"]');
    await desk.page.waitForURL(/\/projects\?.*heldUp=1/);
    expect(await desk.page.isChecked('[data-test="filter-held-up"] input')).toBe(true);
    await desk.page.locator('[data-test="project-count"]', { hasText: `共 ${held.toLocaleString('zh-CN')} 个项目` }).waitFor();
  });

  it('fits a laptop screen: the panels stack and nothing spills sideways', async () => {
    await desk.page.setViewportSize({ width: 1366, height: 768 });
    try {
      await desk.page.goto(`${desk.dash.origin}/overview?period=${PERIOD}`);
      await desk.page.locator('[data-test="funding-chart"] canvas').first().waitFor();
      const overflow = await desk.page.evaluate(() => {
        // Runs in the page: the DOM's types are not in the tests' compilation.
        const root = (globalThis as any).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(desk.page, 'overview-planning-laptop');
    } finally {
      await desk.page.setViewportSize({ width: 1920, height: 1080 });
    }
  });
});
