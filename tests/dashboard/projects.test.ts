import { screenshot } from './browser';
import { signedInFile } from './harness';

/**
 * 项目 in a real Chromium: a city leader's list as the API filters and pages it, a project's
 * page against the API's own answer, and a change made through the API by another user showing
 * on the open page without a reload (projectChanged).
 */

const desk = signedInFile('city-leader', '/projects');

const countShown = async () => (await desk.page.locator('[data-test="project-count"]').textContent())?.replace(/\s+/g, '');
const rowNames = () => desk.page.locator('[data-test="project-table"] [data-test^="project-"] ').allTextContents();

describe('项目 (the project list and page)', () => {
  it('lists the city’s projects a page at a time, as the API counts and orders them', async () => {
    const { data } = await desk.dash.api(
      'city-leader',
      `{ projects(filter: { tenantCode: "371400" }, first: 40) { totalCount nodes { name } } }`,
    );
    expect(data.projects.totalCount).toBeGreaterThan(20);
    await desk.page.locator('[data-test="project-count"]', { hasText: `共 ${data.projects.totalCount} 个项目` }).waitFor();
    await desk.page.locator('[data-test="project-table"] .el-table__row').nth(19).waitFor();
    expect(await rowNames()).toEqual(data.projects.nodes.slice(0, 20).map((p: any) => p.name));
    await desk.page.click('[data-test="page-next"]');
    await desk.page.locator('[data-test="page-number"]', { hasText: '第 2 /' }).waitFor();
    await desk.page.waitForFunction(
      (name) => (globalThis as any).document.querySelector('[data-test="project-table"] [data-test^="project-"]')?.textContent === name,
      data.projects.nodes[20].name,
    );
    // Enum values read in Chinese; nothing in English on the page.
    expect(await desk.page.locator('main').innerText()).not.toMatch(/\b(UNDER_CONSTRUCTION|PLANNED|URBAN_CONSTRUCTION|GREEN|YELLOW|RED)\b/);
    await screenshot(desk.page, 'projects-city');
  });

  it('filters by stage, category and text through the API’s filter, kept in the address', async () => {
    const filter = { tenantCode: '371400', stages: ['UNDER_CONSTRUCTION'], categories: ['URBAN_CONSTRUCTION'] };
    const { data } = await desk.dash.api(
      'city-leader',
      `query ($f: ProjectFilter) { projects(filter: $f) { totalCount nodes { name } } }`,
      {
        f: filter,
      },
    );
    await desk.page.goto(`${desk.dash.origin}/projects?stages=UNDER_CONSTRUCTION&categories=URBAN_CONSTRUCTION`);
    await desk.page.locator('[data-test="project-count"]', { hasText: `共 ${data.projects.totalCount} 个项目` }).waitFor();
    expect(await countShown()).toBe(`共${data.projects.totalCount}个项目`);
    // Text: typed into the box and applied with 查询, the API's `search`.
    const word = (data.projects.nodes[0]?.name as string).slice(0, 4);
    const searched = await desk.dash.api('city-leader', `query ($f: ProjectFilter) { projects(filter: $f) { totalCount } }`, {
      f: { ...filter, search: word },
    });
    await desk.page.fill('input[data-test="filter-search"], [data-test="filter-search"] input', word);
    await desk.page.click('[data-test="filter-apply"]');
    await desk.page.waitForURL((url) => url.searchParams.get('search') === word);
    await desk.page.locator('[data-test="project-count"]', { hasText: `共 ${searched.data.projects.totalCount} 个项目` }).waitFor();
    for (const name of await rowNames()) expect(name).toContain(word);
    // A county beneath the city, by where its projects are built (属地): the API's tenantCode and basis.
    const town = await desk.dash.api('city-leader', `{ projects(filter: { tenantCode: "371402", basis: LOCATION }) { totalCount } }`);
    await desk.page.goto(`${desk.dash.origin}/projects?tenant=371402&basis=LOCATION`);
    await desk.page.locator('[data-test="project-count"]', { hasText: `共 ${town.data.projects.totalCount} 个项目` }).waitFor();
  });

  it('opens a project: facts, reports with their review, overdue milestones marked, blockers with their escalation, the audit trail', async () => {
    const { data } = await desk.dash.api(
      'city-leader',
      `{ projects(filter: { tenantCode: "371400" }, first: 200, orderBy: TOTAL_INVESTMENT_DESC) { nodes { id name overdueMilestoneCount blockers { id isEscalated } } } }`,
    );
    const project = data.projects.nodes.find((p: any) => p.overdueMilestoneCount > 0 && p.blockers.some((b: any) => b.isEscalated));
    expect(project).toBeDefined();
    const detail = await desk.dash.api(
      'city-leader',
      `query ($id: ID!) { project(id: $id) { name totalInvestmentWan progressReports { period status } milestones { isOverdue }
         blockers { id history { id } } assignments { assigneeName } } }`,
      { id: project.id },
    );
    const p = detail.data.project;
    await desk.page.goto(`${desk.dash.origin}/projects/${project.id}`);
    await desk.page.locator('[data-test="project-name"]', { hasText: p.name }).waitFor();
    const reportTags = await desk.page.locator('[data-test^="report-status-"]').count();
    expect(reportTags).toBe(p.progressReports.length);
    const latest = p.progressReports[p.progressReports.length - 1];
    const labels = { APPROVED: '审核通过', SUBMITTED: '已报送', RESUBMITTED: '重新报送', RETURNED: '已退回', DRAFT: '草稿' } as const;
    await expect(desk.page.locator(`[data-test="report-status-${latest.period}"]`).textContent()).resolves.toContain(
      labels[latest.status as keyof typeof labels],
    );
    await expect(desk.page.locator('[data-test="milestone-overdue"]').count()).resolves.toBe(
      p.milestones.filter((m: any) => m.isOverdue).length,
    );
    for (const blocker of p.blockers) {
      await expect(desk.page.locator(`[data-test="blocker-${blocker.id}"] .history li`).count()).resolves.toBe(blocker.history.length);
    }
    const people = (await desk.page.locator('[data-test="assignments"]').innerText()) ?? '';
    for (const a of p.assignments) expect(people).toContain(a.assigneeName);
    expect(await desk.page.locator('main').innerText()).not.toMatch(/\b(APPROVED|SUBMITTED|UNDER_CONSTRUCTION|LAND|FUNDING|ESCALATED)\b/);
    await screenshot(desk.page, 'project-page');
  });

  it('shows a change another user makes through the API on the open page, without reload (projectChanged), with its audit record', async () => {
    const { data } = await desk.dash.api(
      'city-leader',
      `{ projects(filter: { tenantCode: "371400" }, first: 100) { nodes { id owner { code } } } }`,
    );
    const own = data.projects.nodes.find((p: any) => p.owner.code === '371400');
    await desk.page.goto(`${desk.dash.origin}/projects/${own.id}`);
    await desk.page.locator('[data-test="facts"]').waitFor();
    await desk.page.locator('[data-test="live-state"]', { hasText: '实时：已连接' }).waitFor();
    await desk.page.evaluate(() => ((globalThis as any).notReloaded = true));
    const auditBefore = await desk.page.locator('[data-test="audit"] li').count();
    // graphql-ws does not acknowledge a subscribe: change, then wait for the page (the event arrives once it is subscribed).
    const changed = await desk.dash.api('city-leader', `mutation ($input: UpdateProjectInput!) { updateProject(input: $input) { id } }`, {
      input: { id: own.id, contactName: '驾驶舱实时测试' },
    });
    expect(changed.errors).toBeUndefined();
    await desk.page.locator('[data-test="facts"]', { hasText: '驾驶舱实时测试' }).waitFor({ timeout: 3000 });
    await desk.page.locator('[data-test="project-updated"]').waitFor();
    await expect(desk.page.locator('[data-test="audit"] li').count()).resolves.toBe(auditBefore + 1);
    await expect(desk.page.locator('[data-test="audit"]').innerText()).resolves.toContain('驾驶舱实时测试');
    await expect(desk.page.evaluate(() => (globalThis as any).notReloaded)).resolves.toBe(true);
  });

  it('answers a town officer opening another town’s project with the API’s NOT_FOUND, in Chinese', async () => {
    const { data } = await desk.dash.api(
      'city-leader',
      `{ projects(filter: { tenantCode: "371403" }, first: 50) { nodes { id location { code } } } }`,
    );
    const elsewhere = data.projects.nodes.find((p: any) => !p.location?.code.startsWith('371402001'));
    const town = await desk.dash.signedInDesk('town-officer', `/projects/${elsewhere.id}`);
    const failure = town.page.locator('[role="alert"][data-code="NOT_FOUND"]');
    await failure.waitFor();
    expect(await failure.textContent()).toMatch(/[\u4e00-\u9fa5]/);
    expect(town.watch.problems).toEqual([]);
  });
});
