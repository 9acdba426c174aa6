import { TEST_DEMO_AS_OF } from '../support/database';
import { screenshot } from './browser';
import { signedInFile } from './harness';
import { shownRate, shownWan } from './shown';

/**
 * The 总览's charts in a real Chromium: the year's trend against plan and time progress, projects by
 * stage and the figures by category, each chart's data (its 查看数据 table, drawn from the same rows)
 * equal to what the API gives the same leader.
 */
const PERIOD = TEST_DEMO_AS_OF.slice(0, 7);
let labels: Map<string, string>;

/** The cells of a chart's data table, row by row. */
async function cells(test: string): Promise<string[][]> {
  return desk.page
    .locator(`[data-test="${test}"] [data-test="row"]`)
    .evaluateAll((rows) => rows.map((row) => [...(row as any).querySelectorAll('td')].map((td: any) => String(td.textContent).trim())));
}

const desk = signedInFile('city-leader', `/overview?period=${PERIOD}`, async (dash) => {
  const { data } = await dash.api('city-leader', '{ enumLabels { enum value label } }');
  labels = new Map(data.enumLabels.map((l: any) => [`${l.enum}.${l.value}`, l.label]));
});

describe('the 总览’s charts', () => {
  it('draws the year’s trend from January to the month as the API gives it: completed in the month and to date, the targets (任务分解), plan, rates, time progress', async () => {
    await desk.page.locator('[data-test="trend-chart"] canvas').first().waitFor();
    const { data } = await desk.dash.api(
      'city-leader',
      `query ($from: Period!, $to: Period!) { rollup(tenantCode: "371400", period: $to) {
        trend(from: $from, to: $to) { period completedInMonthWan completedThisYearWan targetInMonthWan cumulativeTargetWan targetCompletionRate
          annualPlanWan completionRate timeProgress } } }`,
      { from: `${PERIOD.slice(0, 4)}-01`, to: PERIOD },
    );
    const trend = data.rollup.trend;
    expect(trend).toHaveLength(Number(PERIOD.slice(5, 7)));
    // The demo city reports every month: a chart of zeros would pass the comparison and show nothing.
    expect(trend.some((p: any) => Number(p.completedInMonthWan) > 0)).toBe(true);
    // Its plans are split into monthly targets (任务分解): the target columns are not all zero either.
    expect(trend.some((p: any) => Number(p.targetInMonthWan) > 0)).toBe(true);
    expect(await cells('trend-data')).toEqual(
      trend.map((p: any) => [
        `${Number(p.period.slice(5, 7))}月`,
        shownWan(p.completedInMonthWan),
        shownWan(p.completedThisYearWan),
        shownWan(p.targetInMonthWan),
        shownWan(p.cumulativeTargetWan),
        shownRate(p.targetCompletionRate),
        shownWan(p.annualPlanWan),
        shownRate(p.completionRate),
        shownRate(p.timeProgress),
      ]),
    );
  });

  it('counts the projects by stage from 谋划 to 达效 and shows each category’s plan and completion as the API gives them', async () => {
    const { data } = await desk.dash.api(
      'city-leader',
      `query ($p: Period!) { rollup(tenantCode: "371400", period: $p) {
        byStage { stage count } byCategory { category count annualPlanWan completedThisYearWan completionRate } } }`,
      { p: PERIOD },
    );
    const { byStage, byCategory } = data.rollup;
    expect(byStage.map((s: any) => s.stage)[0]).toBe('PLANNED');
    expect(byStage.map((s: any) => s.stage).at(-1)).toBe('AT_DESIGN_CAPACITY');
    expect(await cells('stage-data')).toEqual(byStage.map((s: any) => [labels.get(`ProjectStage.${s.stage}`), `${s.count} 个`]));
    expect(await cells('category-data')).toEqual(
      byCategory.map((c: any) => [
        labels.get(`ProjectCategory.${c.category}`),
        `${c.count} 个`,
        shownWan(c.annualPlanWan),
        shownWan(c.completedThisYearWan),
        shownRate(c.completionRate),
      ]),
    );
    await expect(desk.page.locator('[data-test="stage-chart"] canvas').count()).resolves.toBeGreaterThan(0);
    await expect(desk.page.locator('[data-test="category-chart"] canvas').count()).resolves.toBeGreaterThan(0);
    // Nothing in English: stages and categories by the API's Chinese labels.
    expect(await desk.page.locator('main').innerText()).not.toMatch(/\b(PLANNED|UNDER_CONSTRUCTION|INDUSTRIAL_UPGRADE|OTHER)\b/);
    for (const summary of await desk.page.locator('.chart-data summary').all()) await summary.click();
    await screenshot(desk.page, 'overview-charts');
  });
});
