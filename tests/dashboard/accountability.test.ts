import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { apiProblem as problemOf } from './api-problem';
import { signedInFile } from './harness';

/**
 * 区划督办 and 问责 in a real Chromium: 陈静 (督查室) issues an order about a tenant from the 督办 ledger
 * (without a 督办区划 first: the API's message shows under it), records an accountability outcome on a
 * closed order and on a blocker (without 问责对象 first: the API's message shows under it); a town's
 * officer, whom the API gives neither right, is offered neither.
 */
const desk = signedInFile('supervisor', '/orders');

const ISSUE = `mutation ($input: IssueSupervisionOrderInput!) { issueSupervisionOrder(input: $input) { id } }`;
const RECORD = `mutation ($input: RecordAccountabilityInput!) { recordAccountability(input: $input) { id } }`;
const XINHU = '371402001';

/** A day as the date picker takes it typed (2027年1月3日), China time, `days` from today. */
function typedDay(days: number): string {
  const day = new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000);
  return `${day.getUTCFullYear()}年${day.getUTCMonth() + 1}月${day.getUTCDate()}日`;
}

/** The API's message for an input field, as it answers the same mistake (see api-problem.ts). */
const apiProblem = (user: string, query: string, input: Record<string, unknown>, field: string) =>
  problemOf(desk.dash, user, query, input, field);

/** Picks a tenant in a filterable cascader by typing its name, as a person does with a long list. */
async function pickTenant(page: Page, field: Locator, name: string): Promise<void> {
  await field.locator('input').first().fill(name);
  // The suggestion list re-renders while the panel moves into place: Playwright never finds it still, so the click is forced.
  await page.locator('.el-cascader__suggestion-item:visible', { hasText: name }).first().click({ force: true });
  // Closed before the next pick, so that the next one's suggestions are the only ones shown.
  await page.locator('.el-cascader__suggestion-item:visible').first().waitFor({ state: 'hidden' });
  for (const until = Date.now() + 10_000; !(await field.locator('input').first().inputValue()).includes(name);) {
    expect(Date.now()).toBeLessThan(until);
    await page.waitForTimeout(50);
  }
}

async function fillDate(form: Locator, field: string, typed: string): Promise<void> {
  const input = form.locator(`[data-test="field-${field}"] input`);
  await input.fill(typed);
  await input.press('Enter');
}

/** The outcome form filled but for what the test leaves out; the measure chosen from the API's labels. */
async function fillOutcome(page: Page, form: Locator, personUnit: string): Promise<void> {
  await form.locator('[data-test="field-personUnit"] input').fill(personUnit);
  await form.locator('[data-test="field-measure"] .el-select').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '约谈' }).click();
  await fillDate(form, 'decidedOn', typedDay(0));
}

describe('区划督办 and 问责', () => {
  let tenantOrderId: string;

  it('issues an order about a tenant from the ledger; without a 督办区划 the API’s message shows under it', async () => {
    const { page } = desk;
    await page.goto(`${desk.dash.origin}/orders`);
    await page.click('[data-test="order-tenant"]');
    const form = page.locator('[data-test="order-tenant-form"] [data-test="order-form"]');
    await form.locator('[data-test="field-title"] input').fill('关于加快新湖街道重点项目开工的督办通知');
    await form.locator('[data-test="field-requirement"] textarea').fill('请于期限内报送未开工项目的推进计划。');
    await fillDate(form, 'deadlineOn', typedDay(30));
    await form.locator('[data-test="order-submit"]').click();
    const message = await apiProblem(
      'supervisor',
      ISSUE,
      { subject: 'TENANT', title: '督办', requirement: '按期', addresseeTenantCode: XINHU, deadlineOn: '2099-12-31' },
      'input.tenantCode',
    );
    expect(message).not.toMatch(/[a-z][A-Z]/);
    await form.locator('[data-test="field-tenantCode"] .el-form-item__error', { hasText: message }).waitFor();
    await screenshot(page, 'order-tenant-form-error');
    await pickTenant(page, form.locator('[data-test="field-tenantCode"]'), '新湖街道');
    await pickTenant(page, form.locator('[data-test="field-addresseeTenantCode"]'), '新湖街道');
    await form.locator('[data-test="order-submit"]').click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    tenantOrderId = page.url().split('/').pop()!;
    await page.locator('[data-test="order-facts"]', { hasText: '新湖街道' }).waitFor();
    const { data } = await desk.dash.api(
      'supervisor',
      `query ($id: ID!) { supervisionOrder(id: $id) { subject tenant { code } addressee { code } project { id } } }`,
      { id: tenantOrderId },
    );
    expect(data.supervisionOrder).toEqual({ subject: 'TENANT', tenant: { code: XINHU }, addressee: { code: XINHU }, project: null });
    // Open, it takes no accountability outcome yet: the API says so, and the page offers none.
    await expect(page.locator('[data-test="record-accountability"]').count()).resolves.toBe(0);
  });

  it('records 问责 on the order once closed; without 问责对象 the API’s message shows under it', async () => {
    const step = async (user: string, mutation: string, type: string, input: Record<string, unknown>) =>
      expect(
        (await desk.dash.api(user, `mutation ($input: ${type}!) { ${mutation}(input: $input) { status } }`, { input })).errors,
      ).toBeUndefined();
    await step('town-officer', 'acknowledgeSupervisionOrder', 'SupervisionOrderStepInput', { id: tenantOrderId });
    await step('town-officer', 'giveSupervisionOrderFeedback', 'SupervisionOrderNoteInput', { id: tenantOrderId, note: '推进计划已报送' });
    await step('supervisor', 'closeSupervisionOrder', 'SupervisionOrderStepInput', { id: tenantOrderId });
    const { page } = desk;
    await page.goto(`${desk.dash.origin}/orders/${tenantOrderId}`);
    await page.locator('[data-test="order-status"]', { hasText: '已办结' }).waitFor();
    await page.click('[data-test="record-accountability"]');
    const form = page.locator('[data-test="accountability-form"]');
    await fillOutcome(page, form, '新湖街道办事处副主任');
    await form.locator('[data-test="accountability-submit"]').click();
    const message = await apiProblem(
      'supervisor',
      RECORD,
      { orderId: tenantOrderId, personName: '', personUnit: '新湖街道办事处副主任', measure: 'INTERVIEW', decidedOn: '2026-01-05' },
      'input.personName',
    );
    expect(message).toMatch(/^问责对象/);
    await form.locator('[data-test="field-personName"] .el-form-item__error', { hasText: message }).waitFor();
    await screenshot(page, 'accountability-form-error');
    await form.locator('[data-test="field-personName"] input').fill('赵明');
    await form.locator('[data-test="accountability-submit"]').click();
    await page.locator('[data-test="order-accountability"]', { hasText: '新湖街道办事处副主任 赵明：约谈' }).waitFor();
    const { data } = await desk.dash.api(
      'supervisor',
      `query ($id: ID!) { supervisionOrder(id: $id) { accountability { personName personUnit measure recordedByName } } }`,
      { id: tenantOrderId },
    );
    expect(data.supervisionOrder.accountability).toEqual([
      { personName: '赵明', personUnit: '新湖街道办事处副主任', measure: 'INTERVIEW', recordedByName: '陈静' },
    ]);
  });

  it('records 问责 on a blocker from its project’s page', async () => {
    const { data } = await desk.dash.api('supervisor', `{ blockers(filter: { isOpen: true }, first: 1) { nodes { id project { id } } } }`);
    const blocker = data.blockers.nodes[0];
    const { page } = desk;
    await page.goto(`${desk.dash.origin}/projects/${blocker.project.id}`);
    const row = page.locator(`[data-test="blocker-${blocker.id}"]`);
    await row.locator('[data-test="record-accountability"]').click();
    const form = row.locator('[data-test="accountability-form"]');
    await form.locator('[data-test="field-personName"] input').fill('孙亮');
    await fillOutcome(page, form, '区自然资源局科长');
    await form.locator('[data-test="accountability-submit"]').click();
    await row.locator('[data-test="blocker-accountability"]', { hasText: '区自然资源局科长 孙亮，约谈' }).waitFor();
    await screenshot(page, 'blocker-accountability');
    const after = await desk.dash.api('supervisor', `query ($id: ID!) { blocker(id: $id) { accountability { personName measure } } }`, {
      id: blocker.id,
    });
    expect(after.data.blocker.accountability).toContainEqual({ personName: '孙亮', measure: 'INTERVIEW' });
  });

  it('offers a town officer neither 区划督办 nor 问责, as the API gives them neither', async () => {
    const town = await desk.dash.signedInDesk('town-officer', '/orders');
    await town.page.locator('[data-test="order-count"]').waitFor();
    await expect(town.page.locator('[data-test="order-tenant"]').count()).resolves.toBe(0);
    await town.page.goto(`${desk.dash.origin}/orders/${tenantOrderId}`);
    await town.page.locator('[data-test="order-status"]', { hasText: '已办结' }).waitFor();
    await expect(town.page.locator('[data-test="record-accountability"]').count()).resolves.toBe(0);
    expect(town.watch.problems).toEqual([]);
  });
});
