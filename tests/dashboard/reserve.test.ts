import { screenshot } from './browser';
import { apiProblem } from './api-problem';
import { signedInFile } from './harness';
import { currentPeriod, shownRate } from './shown';

/**
 * 储备库 in a real Chromium, as a county's development and reform office works it (德城区's project
 * manager, 李娜): a project is pooled, regraded, promoted into the year's list (a bad year first: the
 * API's message shows under 转入年度), and the county's 总览 shows its pool and conversion move as the
 * API counts them; a town reads its own pool and not another town's.
 */
const desk = signedInFile('county-leader', '/reserve');
const COUNTY = '371402';
const NAME = '德城区城市更新片区综合开发项目';
const POOL_FIGURES = `query ($code: String!, $p: Period!) { rollup(tenantCode: $code, period: $p) {
  reservePool { pooledCount yearPooledCount yearPromotedCount conversionRate } } }`;
const PROMOTE = `mutation ($input: PromoteReserveProjectInput!) { promoteReserveProject(input: $input) { id } }`;
const thisYear = Number(currentPeriod().slice(0, 4));
let entryId: string;

const figures = async () =>
  (await desk.dash.api('county-leader', POOL_FIGURES, { code: COUNTY, p: currentPeriod() })).data.rollup.reservePool;

/** The 总览's reserve panel shows exactly these figures (the live update or the read, whichever came). */
async function overviewShows(pool: {
  pooledCount: number;
  yearPooledCount: number;
  yearPromotedCount: number;
  conversionRate: number | null;
}) {
  const { page } = desk;
  await page.locator('[data-test="reserve-pooled"]', { hasText: `在库项目${pool.pooledCount.toLocaleString('en-US')} 个` }).waitFor();
  await page.locator('[data-test="reserve-conversion"]', { hasText: `本年转化率${shownRate(pool.conversionRate)}` }).waitFor();
  const year = `本年转化${pool.yearPromotedCount} 个，入库及结转${pool.yearPooledCount} 个`;
  await page.locator('[data-test="reserve-year"]', { hasText: year }).waitFor();
}

describe('储备库 (the reserve pool)', () => {
  let before: Awaited<ReturnType<typeof figures>>;

  it('the county’s officer pools a project from the 储备库 view, and the 总览 counts it', async () => {
    before = await figures();
    const { page } = desk;
    await page.locator('[data-test="nav-reserve"]').waitFor();
    await page.click('[data-test="reserve-new"]');
    const form = page.locator('[data-test="reserve-pool-form"]');
    await form.locator('[data-test="field-name"] input').fill(NAME);
    await form.locator('[data-test="field-estimatedInvestmentWan"] input').fill('86000');
    await form.locator('[data-test="field-promotingUnit"] input').fill('德城区发展和改革局');
    await form.locator('[data-test="reserve-pool-submit"]').click();
    const row = page.locator('article', { hasText: NAME });
    await row.waitFor();
    entryId = (await row.getAttribute('data-test'))!.replace('reserve-', '');
    await row.locator('[data-test="reserve-grade"]', { hasText: '谋划阶段' }).waitFor();
    await screenshot(page, 'reserve-list');

    await page.goto(`${desk.dash.origin}/overview?period=${currentPeriod()}`);
    const pooled = await figures();
    expect(pooled.pooledCount).toBe(before.pooledCount + 1);
    expect(pooled.yearPooledCount).toBe(before.yearPooledCount + 1);
    await overviewShows(pooled);
  });

  it('regrades it (调整成熟度) in place', async () => {
    const { page } = desk;
    await page.goto(`${desk.dash.origin}/reserve?search=${encodeURIComponent(NAME)}`);
    const actions = page.locator(`[data-test="reserve-actions-${entryId}"]`);
    await actions.locator('[data-test="reserve-maturity"]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '具备开工条件' }).click();
    await actions.locator('[data-test="reserve-regrade"]').click();
    await page.locator(`[data-test="reserve-${entryId}"] [data-test="reserve-grade"]`, { hasText: '具备开工条件' }).waitFor();
    const { data } = await desk.dash.api('county-leader', `query ($id: ID!) { reserveProject(id: $id) { maturity } }`, { id: entryId });
    expect(data.reserveProject.maturity).toBe('READY_TO_START');
  });

  it('shows the API’s message under 转入年度 for a year the list cannot take, and changes nothing', async () => {
    const { page } = desk;
    const actions = page.locator(`[data-test="reserve-actions-${entryId}"]`);
    await actions.locator('[data-test="reserve-promote"]').click();
    const form = actions.locator('[data-test="reserve-promote-form"]');
    await form.locator('[data-test="field-year"] input').fill(String(thisYear + 3));
    await form.locator('[data-test="field-plannedInvestmentWan"] input').fill('12000');
    await form.locator('[data-test="reserve-promote-submit"]').click();
    const message = await apiProblem(
      desk.dash,
      'county-leader',
      PROMOTE,
      { id: entryId, year: thisYear + 3, plannedInvestmentWan: '12000' },
      'input.year',
    );
    await form.locator('[data-test="field-year"] .el-form-item__error', { hasText: message }).waitFor();
    await screenshot(page, 'reserve-promote-error');
    const { data } = await desk.dash.api('county-leader', `query ($id: ID!) { reserveProject(id: $id) { status } }`, { id: entryId });
    expect(data.reserveProject.status).toBe('POOLED');
  });

  it('promotes it into this year’s list: the row links to the key project, and the 总览’s conversion moves', async () => {
    const { page } = desk;
    const form = page.locator(`[data-test="reserve-actions-${entryId}"] [data-test="reserve-promote-form"]`);
    await form.locator('[data-test="field-year"] input').fill(String(thisYear));
    await form.locator('[data-test="reserve-promote-submit"]').click();
    const row = page.locator(`[data-test="reserve-${entryId}"]`);
    await row.locator('[data-test="reserve-status"]', { hasText: '已转入年度计划' }).waitFor();
    await row.locator('[data-test="reserve-project-link"]').click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    await page.locator('[data-test="project-name"]', { hasText: NAME }).waitFor();

    await page.goto(`${desk.dash.origin}/overview?period=${currentPeriod()}`);
    const promoted = await figures();
    expect(promoted.yearPromotedCount).toBe(before.yearPromotedCount + 1);
    expect(promoted.pooledCount).toBe(before.pooledCount);
    expect(promoted.conversionRate).not.toBe(before.conversionRate);
    await overviewShows(promoted);
  });

  it('filters by grade and category as the API does, and offers no action on another office’s entries', async () => {
    const { page } = desk;
    const { data } = await desk.dash.api(
      'county-leader',
      `{ reserveProjects(tenantCode: "${COUNTY}", maturities: [CONCEPT], categories: [URBAN_CONSTRUCTION]) { totalCount nodes { id owner { code } status } } }`,
    );
    await page.goto(`${desk.dash.origin}/reserve?maturities=CONCEPT&categories=URBAN_CONSTRUCTION`);
    await page.locator('[data-test="reserve-count"]', { hasText: `共 ${data.reserveProjects.totalCount} 个储备项目` }).waitFor();
    // A town's pooled entry is the town's to work: the county reads it, with no buttons.
    const towns = data.reserveProjects.nodes.filter((n: any) => n.owner.code !== COUNTY && n.status === 'POOLED');
    for (const n of towns.slice(0, 3)) {
      await page.locator(`[data-test="reserve-${n.id}"]`).waitFor();
      await expect(page.locator(`[data-test="reserve-actions-${n.id}"]`).count()).resolves.toBe(0);
    }
    expect(await page.locator('main').innerText()).not.toMatch(/\b(CONCEPT|POOLED|PROMOTED|URBAN_CONSTRUCTION)\b/);
  });

  it('a town reads its own pool and not another town’s: NOT_FOUND, said in Chinese', async () => {
    const town = await desk.dash.signedInDesk('town-officer', '/reserve');
    const own = await desk.dash.api('town-officer', `{ reserveProjects(tenantCode: "371402001") { totalCount } }`);
    await town.page.locator('[data-test="reserve-count"]', { hasText: `共 ${own.data.reserveProjects.totalCount} 个储备项目` }).waitFor();
    await town.page.locator('[data-test="reserve-new"]').waitFor();
    const other = await desk.dash.api('town-officer', `{ reserveProjects(tenantCode: "371402002") { totalCount } }`);
    expect(other.errors[0].extensions.code).toBe('NOT_FOUND');
    await town.page.goto(`${desk.dash.origin}/reserve?tenant=371402002`);
    await town.page.locator('[role="alert"][data-code="NOT_FOUND"]', { hasText: other.errors[0].message }).waitFor();
    await expect(town.page.locator('[data-test="reserve-list"] article').count()).resolves.toBe(0);
    await expect(town.page.locator('[data-test="reserve-new"]').count()).resolves.toBe(0);
    expect(town.watch.problems.splice(0)).toEqual([]);
  });
});
