import type { Page } from 'playwright-core';
import { Period } from '../../src/calendar/period';
import { Quarter } from '../../src/calendar/quarter';
import { screenshot, signIn, type Watch } from './browser';
import { startDashboard, type Dashboard } from './harness';

/**
 * 季度评比 in a real Chromium: the city leader opens it from the navigation and reads the counties
 * ranked for the last quarter exactly as the API ranks them (names, ranks, changes, points, totals,
 * in Chinese); picking another quarter reads that one and keeps it in the address. A town officer,
 * whose town has no children to rank, is not offered it.
 */
let dash: Dashboard;
let page: Page;
let watch: Watch;

const EVALUATION = `query ($q: Quarter!) { evaluation(parentCode: "371400", quarter: $q) {
  scheme { measures { measure } } entries { tenantName rank rankChange totalScore measures { measure score } } } }`;
const LAST_QUARTER = Quarter.containing(Period.current()).previous();

beforeAll(async () => {
  dash = await startDashboard();
  ({ page, watch } = await dash.desk());
  await signIn(page, dash.origin, dash.realmOrigin, 'city-leader', '/overview');
}, 240_000);

afterAll(async () => {
  await dash?.close();
});

afterEach(() => {
  expect(watch.problems.splice(0)).toEqual([]);
});

async function expectTableOf(quarter: Quarter): Promise<void> {
  const { data } = await dash.api('city-leader', EVALUATION, { q: quarter.toString() });
  const entries = data.evaluation.entries as {
    tenantName: string;
    rank: number;
    totalScore: number;
    measures: { measure: string; score: number }[];
  }[];
  expect(entries).toHaveLength(12);
  await page.locator('[data-test="evaluation-title"]', { hasText: quarter.chineseName }).waitFor();
  const rows = page.locator('[data-test="evaluation-table"] .el-table__body tr.el-table__row');
  await rows.nth(11).waitFor();
  await expect(rows.count()).resolves.toBe(12);
  for (const [i, entry] of entries.entries()) {
    const row = rows.nth(i);
    await expect(row.locator('[data-test="tenant-name"]').textContent()).resolves.toBe(entry.tenantName);
    await expect(row.locator('[data-test="rank"]').textContent()).resolves.toBe(String(entry.rank));
    await expect(row.locator('[data-test="total"]').textContent()).resolves.toBe(entry.totalScore.toFixed(2));
    for (const m of entry.measures) {
      await expect(row.locator(`[data-test="score-${m.measure}"]`).textContent()).resolves.toBe(m.score.toFixed(2));
    }
  }
}

describe('季度评比 (the quarterly evaluation view)', () => {
  it('shows the counties ranked for the last quarter as the API ranks them, in Chinese', async () => {
    await page.click('[data-test="nav-evaluation"]');
    await page.waitForURL(`${dash.origin}/evaluation`);
    await expectTableOf(LAST_QUARTER);
    // Left from the live 总览: its socket closes on purpose, which is no lost connection to warn of.
    await page.locator('[data-test="live-state"]').waitFor({ state: 'detached' });
    await page.locator('[data-test="methods"]', { hasText: '投资完成率与时序进度之差：40 分，线性插值法' }).waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/\b(PROGRESS_GAP|ORDER_CLOSURE|LINEAR|THRESHOLD|RANK|null|undefined)\b/);
    await screenshot(page, 'evaluation');
  });

  it('reads the quarter picked and keeps it in the address, so a reload shows the same', async () => {
    const before = LAST_QUARTER.previous();
    await page.click('[data-test="quarter"]');
    await page.locator('.el-select-dropdown__item', { hasText: before.chineseName }).click();
    await page.waitForURL(`${dash.origin}/evaluation?quarter=${before.toString()}`);
    await expectTableOf(before);
    await page.reload();
    await expectTableOf(before);
  });

  it('is not offered to a town officer', async () => {
    // A desk of its own (its own session); left open: this Chromium runs in one process, and closing a context ends it.
    const town = await dash.desk();
    await signIn(town.page, dash.origin, dash.realmOrigin, 'town-officer', '/tasks');
    await town.page.locator('[data-test="nav"]', { hasText: '待办' }).waitFor();
    await expect(town.page.locator('[data-test="nav-evaluation"]').count()).resolves.toBe(0);
    expect(town.watch.problems).toEqual([]);
  });
});
