import { screenshot } from './browser';
import { apiProblem } from './api-problem';
import { signedInFile } from './harness';
import { currentPeriod } from './shown';

/**
 * 目标责任书 in a real Chromium: the county (李娜) sets a town's letter for the year from /targets (a
 * counting target with a fraction first: the API's message shows under that measure), and the town's
 * 总览 shows it against what is done; a town, which signs no one's letter, is not offered the page.
 */
const desk = signedInFile('county-leader', '/targets');
const TOWN = '371402001';
const SET = `mutation ($input: SetResponsibilityTargetsInput!) { setResponsibilityTargets(input: $input) { id } }`;
const year = Number(currentPeriod().slice(0, 4));

describe('目标责任书 (target-responsibility letters)', () => {
  it('the county sets a town’s letter; a bad target shows the API’s message under its measure, then the letter is signed', async () => {
    const { page } = desk;
    await page.locator('[data-test="nav-targets"]').waitFor();
    await page.locator('[data-test="targets-tenant"]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '新湖街道' }).click();
    const row = (measure: string) => page.locator(`[data-test="target-${measure}"]`);
    await row('INVESTMENT_COMPLETED').locator('input').fill('52000');
    await row('NEW_PROJECTS_STARTED').locator('input').fill('2.5');
    await row('FUNDS_ARRIVED').locator('input').fill('');
    await row('LEADS_SIGNED').locator('input').fill('');
    await page.click('[data-test="targets-save"]');
    const message = await apiProblem(
      desk.dash,
      'county-leader',
      SET,
      {
        tenantCode: TOWN,
        year,
        targets: [
          { measure: 'INVESTMENT_COMPLETED', value: '52000' },
          { measure: 'NEW_PROJECTS_STARTED', value: '2.5' },
        ],
      },
      'input.targets.1.value',
    );
    await row('NEW_PROJECTS_STARTED').locator('[data-test="target-error"]', { hasText: message }).waitFor();
    await screenshot(page, 'targets-error');

    await row('NEW_PROJECTS_STARTED').locator('input').fill('3');
    await page.click('[data-test="targets-save"]');
    await page.locator('[data-test="targets-done"]').waitFor();
    const { data } = await desk.dash.api(
      'county-leader',
      `{ responsibilityTargets(tenantCode: "${TOWN}", year: ${year}) { measure targetValue } }`,
    );
    expect(data.responsibilityTargets).toEqual([
      { measure: 'INVESTMENT_COMPLETED', targetValue: '52000' },
      { measure: 'NEW_PROJECTS_STARTED', targetValue: '3' },
    ]);
    await screenshot(page, 'targets');

    await page.goto(`${desk.dash.origin}/overview/${TOWN}?period=${currentPeriod()}`);
    await page.locator('[data-test="target-data"] [data-measure="INVESTMENT_COMPLETED"]', { hasText: '5.20 亿元' }).waitFor();
    await page.locator('[data-test="target-data"] [data-measure="NEW_PROJECTS_STARTED"]', { hasText: '3 个' }).waitFor();
  });

  it('offers a town no 目标责任书: it signs no one’s letter', async () => {
    const town = await desk.dash.signedInDesk('town-officer', '/overview');
    await town.page.locator('[data-test="nav-reserve"]').waitFor();
    await town.page.locator('[data-test="tenant-name"]').waitFor();
    await expect(town.page.locator('[data-test="nav-targets"]').count()).resolves.toBe(0);
    await town.page.goto(`${desk.dash.origin}/targets`);
    await town.page.locator('[data-test="targets-none"]').waitFor();
    expect(town.watch.problems.splice(0)).toEqual([]);
  });
});
