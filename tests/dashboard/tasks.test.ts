import { screenshot } from './browser';
import { signedInFile } from './harness';
import { currentPeriod } from './shown';

/** The running month in China time: what the API lets a town report on at the latest. */

/**
 * 待办 in a real Chromium: 李娜 (德城区) reviews her towns' reports from the API's review queue,
 * approves one, is told by the API in Chinese when she returns one without a reason, and returns
 * it with one; the blockers escalated to her level are the API's list.
 */

const QUEUE = `{ reviewQueue(first: 100) { id project { name } } }`;
const STATUS = `query ($id: ID!) { progressReport(id: $id) { status returnReason reviewedByName } }`;

const desk = signedInFile('county-leader', '/tasks', async (dash) => {
  // 王磊 (新湖街道) files this month's report on his first project, so the county has more than the demo's one report waiting.
  const mine = await dash.api('town-officer', `{ projects(filter: { tenantCode: "371402001" }, first: 1) { nodes { id } } }`);
  const filed = await dash.api('town-officer', `mutation ($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`, {
    input: {
      projectId: mine.data.projects.nodes[0].id,
      period: currentPeriod(),
      completedInvestmentWan: '85',
      progressNote: '主体结构完成八成',
    },
  });
  expect(filed.errors).toBeUndefined();
});

describe('待办 (what waits for me)', () => {
  it('lists the reports waiting for the county’s review and the blockers escalated to it, as the API does', async () => {
    const { data } = await desk.dash.api(
      'county-leader',
      `{ ${QUEUE.slice(1, -1)} blockers(filter: { escalatedToMe: true, isOpen: true }) { totalCount } }`,
    );
    expect(data.reviewQueue.length).toBeGreaterThan(1);
    await desk.page.locator('h2', { hasText: `待审核月报（${data.reviewQueue.length}）` }).waitFor();
    await desk.page.locator('h2', { hasText: `提请我级协调的问题（${data.blockers.totalCount}）` }).waitFor();
    const rows = await desk.page.locator('[data-test="review-queue"] .el-table__body tr').count();
    expect(rows).toBe(data.reviewQueue.length);
    expect(await desk.page.locator('main').innerText()).not.toMatch(/\b(SUBMITTED|RESUBMITTED|MISSING|LATE|LAND|FUNDING)\b/);
    await screenshot(desk.page, 'tasks-county');
  });

  it('approves a report: it leaves the queue and the API holds it approved by 李娜', async () => {
    const { data } = await desk.dash.api('county-leader', QUEUE);
    const first = data.reviewQueue[0];
    await desk.page.click(`[data-test="review-${first.id}"] [data-test="approve"]`);
    await desk.page.locator(`[data-test="review-${first.id}"]`).waitFor({ state: 'detached' });
    const after = await desk.dash.api('county-leader', STATUS, { id: first.id });
    expect(after.data.progressReport).toMatchObject({ status: 'APPROVED', reviewedByName: '李娜' });
    await desk.page.locator('h2', { hasText: `待审核月报（${data.reviewQueue.length - 1}）` }).waitFor();
  });

  it('returns a report only with a reason: without one the API’s BAD_USER_INPUT message shows on the row', async () => {
    const { data } = await desk.dash.api('county-leader', QUEUE);
    const next = data.reviewQueue[0];
    const row = desk.page.locator(`[data-test="review-${next.id}"]`);
    await row.locator('[data-test="return"]').click();
    await row.locator('[data-test="return-confirm"]').click();
    // The API's own words (ReportReviewService): a returned report needs a reason.
    await row.locator('[data-test="review-error"]', { hasText: '退回月报须说明退回原因' }).waitFor();
    const refused = await desk.dash.api('county-leader', `mutation ($id: ID!) { returnProgressReport(id: $id, reason: "") { id } }`, {
      id: next.id,
    });
    expect(refused.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    await row.locator('input').fill('本月完成投资与形象进度不符，请核实');
    await row.locator('[data-test="return-confirm"]').click();
    await row.waitFor({ state: 'detached' });
    const after = await desk.dash.api('county-leader', STATUS, { id: next.id });
    expect(after.data.progressReport).toMatchObject({ status: 'RETURNED', returnReason: '本月完成投资与形象进度不符，请核实' });
  });
});
