import { screenshot } from './browser';
import { signedInFile } from './harness';
import { currentPeriod } from './shown';

/**
 * A town officer in a real Chromium: 王磊 (新湖街道) sees his town's projects, files a monthly report
 * (a bad amount first: the API's message shows under the amount), and raises a blocker.
 */
let projectId: string;

/** The running month in China time: the latest a town may report on. */
const REPORT = `mutation ($input: ReportProgressInput!) { reportProgress(input: $input) { id } }`;

const desk = signedInFile('town-officer', '/projects');

describe('the town officer (乡镇街道)', () => {
  it('lists exactly the town’s own projects', async () => {
    const { data } = await desk.dash.api(
      'town-officer',
      `{ projects(filter: { tenantCode: "371402001" }, first: 1) { totalCount nodes { id name } } }`,
    );
    projectId = data.projects.nodes[0].id;
    await desk.page.locator('[data-test="project-count"]', { hasText: `共 ${data.projects.totalCount} 个项目` }).waitFor();
    await desk.page.click(`[data-test="project-${projectId}"]`);
    await desk.page.locator('[data-test="project-name"]', { hasText: data.projects.nodes[0].name }).waitFor();
  });

  it('files a monthly report: a bad amount gets the API’s message under the amount, a good one is submitted', async () => {
    const input = { projectId, period: currentPeriod(), completedInvestmentWan: '12万', progressNote: '主体封顶' };
    const refused = await desk.dash.api('town-officer', REPORT, { input });
    expect(refused.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.completedInvestmentWan' });

    const amount = desk.page.locator('[data-test="field-completedInvestmentWan"]');
    await amount.locator('input').fill('12万');
    await desk.page.locator('[data-test="field-progressNote"] textarea').fill('主体封顶');
    await desk.page.click('[data-test="report-submit"]');
    const error = amount.locator('.el-form-item__error');
    await error.waitFor();
    expect((await error.textContent())?.trim()).toBe(refused.errors[0].message);
    // The field by its Chinese name, as the officer reads the form: not graphql-js's "变量 $input 在 … 处的值".
    expect(refused.errors[0].message).toMatch(/^当月完成投资 须为.*万元/);
    await screenshot(desk.page, 'report-form-error');

    await amount.locator('input').fill('120.5');
    await desk.page.click('[data-test="report-submit"]');
    await desk.page.locator('[data-test="report-done"]').waitFor();
    await error.waitFor({ state: 'detached' });
    await desk.page.locator(`[data-test="report-status-${currentPeriod()}"]`, { hasText: '已报送' }).waitFor();
    const { data } = await desk.dash.api(
      'town-officer',
      `query ($id: ID!) { project(id: $id) { latestReport { period completedInvestmentWan status } } }`,
      {
        id: projectId,
      },
    );
    expect(data.project.latestReport).toEqual({ period: currentPeriod(), completedInvestmentWan: '120.5', status: 'SUBMITTED' });
  });

  it('raises a blocker: a missing deadline is named by the API, then the blocker is on the page and in the ledger', async () => {
    await desk.page.locator('[data-test="field-description"] textarea').fill('施工用电容量不足，需电力部门扩容');
    await desk.page.locator('[data-test="field-responsibleUnit"] input').fill('国网德州供电公司');
    await desk.page.click('[data-test="blocker-submit"]');
    await desk.page.locator('[data-test="field-deadlineOn"] .el-form-item__error').waitFor();
    const deadline = desk.page.locator('[data-test="field-deadlineOn"] input');
    await deadline.fill('2027年1月15日');
    await deadline.press('Enter');
    await desk.page.click('[data-test="blocker-submit"]');
    await desk.page.locator('[data-test="blocker-done"]').waitFor();
    await desk.page.locator('.blocker', { hasText: '施工用电容量不足' }).waitFor();
    const { data } = await desk.dash.api(
      'town-officer',
      `query ($id: ID!) { project(id: $id) { blockers(isOpen: true) { description deadlineOn status } } }`,
      {
        id: projectId,
      },
    );
    expect(data.project.blockers).toContainEqual({
      description: '施工用电容量不足，需电力部门扩容',
      deadlineOn: '2027-01-15',
      status: 'OPEN',
    });
    await screenshot(desk.page, 'project-town');
  });
});
