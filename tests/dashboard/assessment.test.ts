import type { Page } from 'playwright-core';
import { Period } from '../../src/calendar/period';
import { screenshot, signIn, type Watch } from './browser';
import { startDashboard, type Dashboard } from './harness';

/**
 * 年终考核 in a real Chromium, under the quarterly ranking: the city leader reads last year's frozen
 * result of the counties with its 奖惩 exactly as the API stored them (names, ranks, totals, the
 * awards by their Chinese labels, the reward funds), then picks the running year and reads its
 * draft, with the day it may be frozen and no 奖惩 yet. The year stays in the address.
 */
let dash: Dashboard;
let page: Page;
let watch: Watch;

const THIS_YEAR = Period.current().year;
const LAST_YEAR = THIS_YEAR - 1;
const ASSESSMENT = `query ($y: Int!) { yearEndAssessmentDraft(tenantCode: "371400", year: $y) {
  freezableOn entries { tenantName rank totalScore }
  frozen { frozenByName entries { tenantName rank totalScore award { kind rewardFundsWan } } } } }`;

interface Line {
  tenantName: string;
  rank: number;
  totalScore: number;
  award?: { kind: string; rewardFundsWan: string | null } | null;
}

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

async function expectLines(lines: Line[]): Promise<void> {
  const rows = page.locator('[data-test="assessment-table"] .el-table__body tr.el-table__row');
  await rows.nth(lines.length - 1).waitFor();
  await expect(rows.count()).resolves.toBe(lines.length);
  for (const [i, line] of lines.entries()) {
    const row = rows.nth(i);
    await expect(row.locator('[data-test="assessment-tenant"]').textContent()).resolves.toBe(line.tenantName);
    await expect(row.locator('[data-test="assessment-rank"]').textContent()).resolves.toBe(String(line.rank));
    await expect(row.locator('[data-test="assessment-total"]').textContent()).resolves.toBe(line.totalScore.toFixed(2));
  }
}

describe('年终考核 (the year-end assessment on the evaluation view)', () => {
  it("shows last year's frozen result with its 奖惩 as the API stored them, in Chinese", async () => {
    const { data } = await dash.api('city-leader', ASSESSMENT, { y: LAST_YEAR });
    const frozen = data.yearEndAssessmentDraft.frozen as { frozenByName: string; entries: Line[] };
    expect(frozen.entries).toHaveLength(12);
    await page.click('[data-test="nav-evaluation"]');
    await page.waitForURL(`${dash.origin}/evaluation`);
    await page.locator('[data-test="assessment-title"]', { hasText: `德州市 · ${LAST_YEAR}年度年终考核` }).waitFor();
    await page.locator('[data-test="assessment-state"]', { hasText: `已冻结：${frozen.frozenByName}` }).waitFor();
    await expectLines(frozen.entries);
    const rows = page.locator('[data-test="assessment-table"] .el-table__body tr.el-table__row');
    const label: Record<string, string> = { COMMENDATION: '通报表扬', ADMONITORY_TALK: '约谈' };
    for (const [i, line] of frozen.entries.entries()) {
      await expect(rows.nth(i).locator('[data-test="assessment-award"]').textContent()).resolves.toBe(
        line.award ? label[line.award.kind] : '—',
      );
    }
    await expect(rows.nth(0).locator('[data-test="assessment-funds"]').textContent()).resolves.toBe('奖励资金 50.00 万元');
    expect(await page.locator('[data-test="assessment"]').innerText()).not.toMatch(/\b(COMMENDATION|ADMONITORY_TALK|null|undefined|NaN)\b/);
    await screenshot(page, 'assessment');
  });

  it('reads the running year as a draft, with the day it may be frozen, and keeps the year in the address', async () => {
    const { data } = await dash.api('city-leader', ASSESSMENT, { y: THIS_YEAR });
    const draft = data.yearEndAssessmentDraft as { freezableOn: string; entries: Line[]; frozen: null };
    expect(draft.frozen).toBeNull();
    await page.click('[data-test="assessment-year"]');
    await page.locator('.el-select-dropdown__item', { hasText: `${THIS_YEAR}年度` }).click();
    await page.waitForURL(`${dash.origin}/evaluation?year=${THIS_YEAR}`);
    await page.locator('[data-test="assessment-state"]', { hasText: `${draft.freezableOn}（12月月报截止报送后）起可冻结` }).waitFor();
    await expectLines(draft.entries);
    await expect(page.locator('[data-test="assessment-award"]').count()).resolves.toBe(0);
    await page.reload();
    await page.locator('[data-test="assessment-title"]', { hasText: `德州市 · ${THIS_YEAR}年度年终考核` }).waitFor();
    await expectLines(draft.entries);
  });
});
