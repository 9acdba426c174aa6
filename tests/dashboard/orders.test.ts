import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { apiProblem as problemOf } from './api-problem';
import { signedInFile } from './harness';
import { shownRate } from './shown';

/**
 * 督办 in a real Chromium, one order's whole life: 陈静 (督查室) issues an order about a 新湖街道 demo
 * project from its page (a missing title first: the API's message shows under 督办事项), 王磊 finds
 * it in his 待办, acknowledges it and reports back (an empty feedback first: the API's message shows
 * under the text), 陈静 closes it from her 待办, and the order's page shows every step. The 总览
 * shows the order figures as the API counts them.
 */
const desk = signedInFile('supervisor', '/orders');

const ISSUE = `mutation ($input: IssueSupervisionOrderInput!) { issueSupervisionOrder(input: $input) { id } }`;
const ORDER = `query ($id: ID!) { supervisionOrder(id: $id) {
  status latestFeedback addressee { code } issuedByName history { kind note actedByName } } }`;
const AWAITING = `{ supervisionOrders(filter: { awaitingMe: true }, first: 100) { totalCount nodes { id isOverdue } } }`;
const TITLE = '关于加快新湖街道项目建设进度的督办通知';
const FEEDBACK = '已召开专题调度会，倒排工期，本月底前完成主体封顶';

let projectId: string;
let orderId: string;
let town: { page: Page; watch: { problems: string[] } };

/** A deadline a month ahead, as the date picker takes it typed (2027年1月3日) and as the API holds it. */
const ahead = new Date(Date.now() + 8 * 3_600_000 + 30 * 86_400_000);
const deadlineShown = `${ahead.getUTCFullYear()}年${ahead.getUTCMonth() + 1}月${ahead.getUTCDate()}日`;

/** The API's message for an input field, as it answers the same mistake (see api-problem.ts). */
const apiProblem = (user: string, query: string, input: Record<string, unknown>, field: string) =>
  problemOf(desk.dash, user, query, input, field);

describe('督办 (supervision orders)', () => {
  it('the supervisor issues an order from a project’s page; a missing title shows the API’s message under 督办事项', async () => {
    const { data } = await desk.dash.api(
      'town-officer',
      `{ projects(filter: { tenantCode: "371402001" }, first: 1) { nodes { id name } } }`,
    );
    projectId = data.projects.nodes[0].id;
    const { page } = desk;
    await page.goto(`${desk.dash.origin}/projects/${projectId}`);
    await page.click('[data-test="order-project"]');
    await page.locator('[data-test="field-requirement"] textarea').fill('请倒排工期，月底前书面反馈整改措施和进展。');
    const deadline = page.locator('[data-test="field-deadlineOn"] input');
    await deadline.fill(deadlineShown);
    await deadline.press('Enter');
    await page.click('[data-test="order-submit"]');
    const message = await apiProblem(
      'supervisor',
      ISSUE,
      { subject: 'PROJECT', projectId, title: '', requirement: '按期', addresseeTenantCode: '371402001', deadlineOn: '2099-12-31' },
      'input.title',
    );
    await page.locator('[data-test="field-title"] .el-form-item__error', { hasText: message }).waitFor();
    await screenshot(page, 'order-form-error');
    await page.locator('[data-test="field-title"] input').fill(TITLE);
    await page.click('[data-test="order-submit"]');
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    orderId = page.url().split('/').pop()!;
    await page.locator('[data-test="order-title"]', { hasText: TITLE }).waitFor();
    const issued = await desk.dash.api('supervisor', ORDER, { id: orderId });
    expect(issued.data.supervisionOrder).toMatchObject({ status: 'ISSUED', addressee: { code: '371402001' }, issuedByName: '陈静' });
  });

  it('issues an order about a blocker from its 督办 button on the project page (问题督办)', async () => {
    const { data } = await desk.dash.api(
      'supervisor',
      `{ blockers(filter: { isOpen: true }, first: 1) { nodes { id description project { id } } } }`,
    );
    const blocker = data.blockers.nodes[0];
    const { page } = desk;
    await page.goto(`${desk.dash.origin}/projects/${blocker.project.id}`);
    await page.locator(`[data-test="blocker-${blocker.id}"] [data-test="order-blocker"]`).click();
    const form = page.locator('[data-test="order-form"]');
    await form.locator('[data-test="field-title"] input').fill('关于加快解决要素制约问题的督办通知');
    await form.locator('[data-test="field-requirement"] textarea').fill('请责任单位限期解决并书面反馈。');
    const deadline = form.locator('[data-test="field-deadlineOn"] input');
    await deadline.fill(deadlineShown);
    await deadline.press('Enter');
    await form.locator('[data-test="order-submit"]').click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    await page.locator('[data-test="order-facts"]', { hasText: blocker.description }).waitFor();
    const issued = await desk.dash.api('supervisor', `query ($id: ID!) { supervisionOrder(id: $id) { subject blocker { id } } }`, { id });
    expect(issued.data.supervisionOrder).toEqual({ subject: 'BLOCKER', blocker: { id: blocker.id } });
  });

  it('lists the orders in the ledger by state as the API counts them', async () => {
    const { data } = await desk.dash.api('supervisor', `{ supervisionOrders(filter: { statuses: [ISSUED] }) { totalCount } }`);
    await desk.page.goto(`${desk.dash.origin}/orders?statuses=ISSUED`);
    await desk.page.locator('[data-test="order-count"]', { hasText: `共 ${data.supervisionOrders.totalCount} 件督办` }).waitFor();
    await desk.page.locator(`[data-test="order-${orderId}"]`).waitFor();
    expect(await desk.page.locator('main').innerText()).not.toMatch(/\b(ISSUED|ACKNOWLEDGED|FEEDBACK_GIVEN|SENT_BACK|CLOSED|PROJECT)\b/);
    await screenshot(desk.page, 'orders-ledger');
  });

  it('marks every overdue order in the ledger, as many as the API counts (the demo city has some)', async () => {
    const { data } = await desk.dash.api('supervisor', `{ supervisionOrders(filter: { isOverdue: true }) { totalCount } }`);
    const overdue = data.supervisionOrders.totalCount as number;
    expect(overdue).toBeGreaterThan(0);
    await desk.page.goto(`${desk.dash.origin}/orders?overdue=true`);
    await desk.page.locator('[data-test="order-count"]', { hasText: `共 ${overdue} 件督办` }).waitFor();
    await expect(desk.page.locator('[data-test="order-overdue"]').count()).resolves.toBe(Math.min(overdue, 20));
  });

  it('the town officer finds it in 待办 with the overdue ones marked, acknowledges it and reports back', async () => {
    town = await desk.dash.signedInDesk('town-officer', '/tasks');
    const { data } = await desk.dash.api('town-officer', AWAITING);
    const ids = data.supervisionOrders.nodes.map((n: { id: string }) => n.id);
    expect(ids).toContain(orderId);
    await town.page.locator('h2', { hasText: `待我办理的督办（${data.supervisionOrders.totalCount}）` }).waitFor();
    const overdue = data.supervisionOrders.nodes.filter((n: { isOverdue: boolean }) => n.isOverdue).length;
    await expect(town.page.locator('[data-test="awaiting-orders"] [data-test="order-overdue"]').count()).resolves.toBe(overdue);
    const steps = town.page.locator(`[data-test="order-steps-${orderId}"]`);
    await steps.locator('[data-test="order-acknowledge"]').click();
    await town.page.locator(`[data-test="order-status-${orderId}"]`, { hasText: '已签收' }).waitFor();
    await steps.locator('[data-test="order-feedback"]').click();
    await steps.locator('[data-test="order-note-submit"]').click();
    const empty = await apiProblem(
      'town-officer',
      `mutation ($input: SupervisionOrderNoteInput!) { giveSupervisionOrderFeedback(input: $input) { id } }`,
      { id: orderId, note: '' },
      'input.note',
    );
    await steps.locator('[data-test="order-note-error"]', { hasText: empty }).waitFor();
    await screenshot(town.page, 'tasks-orders-town');
    await steps.locator('[data-test="order-note"]').fill(FEEDBACK);
    await steps.locator('[data-test="order-note-submit"]').click();
    // Fed back, it waits on the issuer: it leaves the town's 待办.
    await town.page.locator(`[data-test="order-${orderId}"]`).waitFor({ state: 'detached' });
    const answered = await desk.dash.api('town-officer', ORDER, { id: orderId });
    expect(answered.data.supervisionOrder).toMatchObject({ status: 'FEEDBACK_GIVEN', latestFeedback: FEEDBACK });
    expect(town.watch.problems).toEqual([]);
  });

  it('the supervisor closes it from 待办, and the order’s page shows every step with the feedback', async () => {
    const { page } = desk;
    await page.goto(`${desk.dash.origin}/tasks`);
    // Beside what awaits her: the open orders the daily check escalated to the city for being overdue.
    const escalated = await desk.dash.api(
      'supervisor',
      `{ supervisionOrders(filter: { escalatedToMe: true, statuses: [ISSUED, ACKNOWLEDGED, FEEDBACK_GIVEN, SENT_BACK] }) { totalCount } }`,
    );
    await page.locator('h2', { hasText: `逾期提级至我级的督办（${escalated.data.supervisionOrders.totalCount}）` }).waitFor();
    await screenshot(page, 'tasks-orders-supervisor');
    await page.locator(`[data-test="order-steps-${orderId}"] [data-test="order-close"]`).click();
    await page.locator(`[data-test="order-${orderId}"]`).waitFor({ state: 'detached' });
    const { data } = await desk.dash.api('supervisor', ORDER, { id: orderId });
    expect(data.supervisionOrder.status).toBe('CLOSED');
    expect(data.supervisionOrder.history.map((e: { kind: string }) => e.kind)).toEqual([
      'ISSUED',
      'ACKNOWLEDGED',
      'FEEDBACK_GIVEN',
      'CLOSED',
    ]);
    await page.goto(`${desk.dash.origin}/orders/${orderId}`);
    await page.locator('[data-test="order-status"]', { hasText: '已办结' }).waitFor();
    await expect(page.locator('[data-test="order-history"] li').count()).resolves.toBe(4);
    await expect(page.locator('[data-test="order-history"]').innerText()).resolves.toContain(`王磊 反馈：${FEEDBACK}`);
    // Closed: nothing is left for anyone to do on it.
    await expect(page.locator('[data-test^="order-steps-"] button').count()).resolves.toBe(0);
    await screenshot(page, 'order-page');
  });

  it('shows the city’s order figures on the 总览 beside the blocker figures, as the API counts them', async () => {
    const period = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const { data } = await desk.dash.api(
      'supervisor',
      `query ($p: Period!) { rollup(tenantCode: "371400", period: $p) { supervisionOrders { issuedCount openCount overdueCount closedCount closureRate } } }`,
      { p: period },
    );
    const figures = data.rollup.supervisionOrders;
    expect(figures.issuedCount).toBeGreaterThan(0);
    await desk.page.goto(`${desk.dash.origin}/overview`);
    const card = desk.page.locator('[data-test="figure-orderClosureRate"]');
    await card.locator('[data-test="value"]', { hasText: shownRate(figures.closureRate) }).waitFor();
    await expect(card.innerText()).resolves.toContain(
      `累计下发 ${figures.issuedCount} 件：已办结 ${figures.closedCount}，未办结 ${figures.openCount}（逾期 ${figures.overdueCount}）`,
    );
  });
});
