import { startDashboard, type Dashboard } from './harness';

/**
 * Each demo user who signs in at a desk (the integrator is a service account: no login form) sees
 * in 项目 exactly the projects the API gives their token: the city's 320 for city-wide roles, a
 * district's or a town's own, a 包抓 leader's ten, a responsible unit's five.
 */
let dash: Dashboard;

beforeAll(async () => {
  dash = await startDashboard();
}, 240_000);

afterAll(async () => {
  await dash?.close();
});

// Three values a row, always: jest passes a row's missing last value as the `done` callback.
const ROLES: [user: string, tenant: string, expected: number | null][] = [
  ['city-leader', '371400', 320],
  ['supervisor', '371400', 320],
  ['admin', '371400', 320],
  ['county-leader', '371402', null],
  ['town-officer', '371402001', null],
  ['project-leader', '371400', 12],
  ['responsible-unit', '371402', 5],
];

describe('each demo role sees exactly its scope', () => {
  it.each(ROLES)('%s sees in 项目 the projects the API gives their token, no more', async (user, tenant, expected) => {
    const { data } = await dash.api(user, `query ($t: String!) { projects(filter: { tenantCode: $t }) { totalCount } }`, { t: tenant });
    const count = data.projects.totalCount as number;
    if (expected !== null) expect(count).toBe(expected);
    else expect(count).toBeGreaterThan(0);
    // A desk of its own (its own session); left open: this Chromium runs in one process, and closing a context ends it.
    const { page, watch } = await dash.signedInDesk(user, '/projects');
    await page.locator('[data-test="project-count"]', { hasText: `共 ${count} 个项目` }).waitFor();
    expect(watch.problems).toEqual([]);
  });

  it('gives a town officer the API’s NOT_FOUND for the city’s overview, not the city’s figures', async () => {
    // A desk of its own (its own session); left open: this Chromium runs in one process, and closing a context ends it.
    const { page, watch } = await dash.signedInDesk('town-officer', '/overview/371400');
    await page.locator('[role="alert"][data-code="NOT_FOUND"]').waitFor();
    await expect(page.locator('[data-test="figure-completedThisYearWan"]').count()).resolves.toBe(0);
    expect(watch.problems).toEqual([]);
  });
});
