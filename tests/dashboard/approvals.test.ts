import { screenshot } from './browser';
import { signedInFile } from './harness';

/** 前期手续 on a project's page in a real Chromium, as the API reads the checklist (issue 18). */

const desk = signedInFile('city-leader', '/projects');

describe('前期手续 (the approvals checklist on the project page)', () => {
  it('shows every approval of the city’s list with its state, office, dates and light, and what the start still lacks', async () => {
    const { data } = await desk.dash.api(
      'city-leader',
      `{ projects(filter: { tenantCode: "371400", stages: [PREPARATORY, SIGNED] }, first: 100) { nodes { id name
         approvals { state office light kind { name } } missingStartApprovals { kind { name } } } } }`,
    );
    const project = data.projects.nodes.find(
      (p: any) => p.missingStartApprovals.length > 0 && p.approvals.some((a: any) => a.state === 'SUBMITTED' && a.light === 'RED'),
    );
    expect(project).toBeDefined();
    await desk.page.goto(`${desk.dash.origin}/projects/${project.id}`);
    await desk.page.locator('[data-test="project-name"]', { hasText: project.name }).waitFor();
    const rows = desk.page.locator('[data-test="approvals"] .el-table__row');
    await rows.nth(project.approvals.length - 1).waitFor();
    const texts = await rows.allInnerTexts();
    const STATE = { NOT_NEEDED: '不涉及', NOT_STARTED: '未启动', SUBMITTED: '已报审', APPROVED: '已批复' } as Record<string, string>;
    const LIGHT = { GREEN: '绿灯', YELLOW: '黄灯', RED: '红灯' } as Record<string, string>;
    expect(texts).toHaveLength(project.approvals.length);
    project.approvals.forEach((a: any, i: number) => {
      expect(texts[i]).toContain(a.kind.name);
      expect(texts[i]).toContain(STATE[a.state]);
      expect(texts[i]).toContain(a.office);
      expect(texts[i]).toContain(LIGHT[a.light]);
    });
    const missing = await desk.page.locator('[data-test="missing-approvals"]').innerText();
    for (const m of project.missingStartApprovals) expect(missing).toContain(m.kind.name);
    await screenshot(desk.page, 'project-approvals');
  });
});
