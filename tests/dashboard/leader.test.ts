import { screenshot } from './browser';
import { signedInFile } from './harness';

/**
 * 我的项目 (包抓) in a real Chromium: the demo's 包抓 leader sees his assigned projects with their
 * lights and what changed since he last looked; a blocker a town officer raises through the API is
 * listed after a reload, and gone once he marks the list seen. The project list's 信号灯 filter
 * shows only projects of the chosen colour, as many as the API counts.
 */

const desk = signedInFile('project-leader', '/my-projects');

const LEADER = `{ myProjects { id name owner { code } trafficLight { color } } unseenChanges(first: 1) { totalCount } }`;

describe('我的项目 (the 包抓 leader’s view)', () => {
  it('shows the leader’s projects with their lights and reasons, and the changes since he last looked', async () => {
    const { data } = await desk.dash.api('project-leader', LEADER);
    expect(data.myProjects.length).toBeGreaterThan(1);
    expect(data.unseenChanges.totalCount).toBeGreaterThan(0);
    await desk.page.locator('[data-test="nav-my-projects"]', { hasText: '我的项目' }).waitFor();
    await desk.page
      .locator('[data-test="my-projects"] .el-table__row')
      .nth(data.myProjects.length - 1)
      .waitFor();
    await expect(desk.page.locator('[data-test="my-projects"] .el-table__row').count()).resolves.toBe(data.myProjects.length);
    for (const p of data.myProjects) {
      await expect(desk.page.locator(`[data-test="my-project-${p.id}"]`).textContent()).resolves.toBe(p.name);
    }
    await desk.page.locator('[data-test="change-count"]', { hasText: `共 ${data.unseenChanges.totalCount} 条变化` }).waitFor();
    await expect(desk.page.locator('[data-test="changes"] li').count()).resolves.toBe(Math.min(50, data.unseenChanges.totalCount));
    expect(await desk.page.locator('main').innerText()).not.toMatch(
      /\b(GREEN|YELLOW|RED|BLOCKER_RAISED|REPORT_SUBMITTED|UNDER_CONSTRUCTION)\b/,
    );
    await screenshot(desk.page, 'leader-my-projects');
  });

  it('lists a blocker a town officer raises after a reload, and no more once marked 已读', async () => {
    const { data } = await desk.dash.api('project-leader', LEADER);
    const townProject = data.myProjects.find((p: any) => p.owner.code === '371402001');
    expect(townProject).toBeDefined();
    // Caught up first: then the town officer's blocker is the only change.
    await desk.page.locator('[data-test="mark-seen"]').click();
    await desk.page.locator('[data-test="no-changes"]').waitFor();
    const raised = await desk.dash.api('town-officer', `mutation ($input: RaiseBlockerInput!) { raiseBlocker(input: $input) { id } }`, {
      input: {
        projectId: townProject.id,
        type: 'LAND_ACQUISITION',
        description: '驾驶舱测试：地上附着物补偿未谈妥',
        responsibleUnit: '新湖街道办事处',
        deadlineOn: '2026-12-31',
      },
    });
    expect(raised.errors).toBeUndefined();
    await desk.page.reload();
    const change = desk.page.locator(`[data-test="change-BLOCKER_RAISED"][data-project="${townProject.id}"]`);
    await change.waitFor();
    await expect(change.innerText()).resolves.toContain('王磊 提出征地拆迁问题：驾驶舱测试：地上附着物补偿未谈妥');
    await desk.page.locator('[data-test="change-count"]', { hasText: '共 1 条变化' }).waitFor();
    await screenshot(desk.page, 'leader-changes');
    await desk.page.locator('[data-test="mark-seen"]').click();
    await desk.page.locator('[data-test="no-changes"]').waitFor();
    await desk.page.reload();
    await desk.page.locator('[data-test="no-changes"]').waitFor();
    await expect(change.count()).resolves.toBe(0);
    await expect(desk.page.locator('h2', { hasText: '自上次查看' }).count()).resolves.toBe(1);
  });

  it('filters the project list by 信号灯: only projects of that colour, as many as the API counts', async () => {
    const { data } = await desk.dash.api('project-leader', LEADER);
    const colors = [...new Set(data.myProjects.map((p: any) => p.trafficLight.color as string))];
    for (const color of colors) {
      const expected = data.myProjects.filter((p: any) => p.trafficLight.color === color).length;
      await desk.page.goto(`${desk.dash.origin}/projects?lights=${color}`);
      await desk.page.locator('[data-test="project-count"]', { hasText: `共 ${expected} 个项目` }).waitFor();
      await desk.page
        .locator('[data-test="project-table"] .el-table__row')
        .nth(expected - 1)
        .waitFor();
      const shown = await desk.page
        .locator('[data-test="project-table"] [data-light]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-light')));
      expect(shown.length).toBe(expected);
      expect(new Set(shown)).toEqual(new Set([color]));
    }
    await screenshot(desk.page, 'projects-by-light');
  });
});
