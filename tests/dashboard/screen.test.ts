import { screenshot, signIn } from './browser';
import { signedInFile } from './harness';
import { recordCityFundArrival } from './fund-arrival';
import { currentPeriod, shownRate, shownWan } from './shown';

/**
 * The 大屏 (meeting-room screen) in a real Chromium at 1920×1080: no header, the running month and
 * a ticking clock, the city's key figures with their lights as the API gives them, the children
 * ranked, the trend and the feed; a change made through the API by another client shows without a
 * reload or a touch.
 */

const figure = (name: string) => desk.page.locator(`[data-test="screen"] [data-test="figure-${name}"] [data-test="value"]`);
const ROLLUP = `query ($p: Period!) { rollup(tenantCode: "371400", period: $p) {
  tenant { name } projectCount annualPlanWan completedThisYearWan completionRate newStartRate annualStartRate yearOverYearGrowth
  fundsInPlaceWan trafficLight { color reasons { rule color message } } children { tenant { code name } completionRate } } }`;

const desk = signedInFile('city-leader', '/screen');

describe('大屏 (the meeting-room screen)', () => {
  it('shows the running month, a ticking clock, and the city’s figures, lights and ranking as the API gives them', async () => {
    await figure('completedThisYearWan').waitFor();
    const period = currentPeriod();
    const { data } = await desk.dash.api('city-leader', ROLLUP, { p: period });
    const rollup = data.rollup;
    await expect(desk.page.locator('[data-test="screen-title"]').textContent()).resolves.toBe(`${rollup.tenant.name}重点项目推进情况`);
    await expect(desk.page.locator('[data-test="screen-month"]').textContent()).resolves.toBe(
      `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`,
    );
    await expect(figure('projectCount').textContent()).resolves.toBe(`${rollup.projectCount} 个`);
    for (const name of ['annualPlanWan', 'completedThisYearWan', 'fundsInPlaceWan'])
      await expect(figure(name).textContent()).resolves.toBe(shownWan(rollup[name]));
    for (const name of ['completionRate', 'newStartRate', 'annualStartRate', 'yearOverYearGrowth'])
      await expect(figure(name).textContent()).resolves.toBe(shownRate(rollup[name]));
    // The tenant's light with its reasons in the API's words, and each rule's light beside the figure it reads.
    await expect(desk.page.locator('[data-test="screen"] [data-test="tenant-light"]').getAttribute('data-light')).resolves.toBe(
      rollup.trafficLight.color,
    );
    const gap = rollup.trafficLight.reasons.find((r: any) => r.rule === 'PROGRESS_GAP');
    expect(gap).toBeDefined();
    const reasons = (await desk.page.locator('[data-test="screen"] [data-test="light-reasons"]').textContent()) ?? '';
    for (const r of rollup.trafficLight.reasons) expect(reasons).toContain(r.message);
    const reason = desk.page.locator('[data-test="figure-completionRate"] [data-test="reason"]');
    await expect(reason.locator('[data-light]').getAttribute('data-light')).resolves.toBe(gap.color);
    // The top ten children by completion rate, in order.
    const ranked = [...rollup.children].sort((a: any, b: any) => (b.completionRate ?? -1) - (a.completionRate ?? -1)).slice(0, 10);
    expect(ranked.length).toBeGreaterThan(1);
    const names = await desk.page.locator('[data-test="screen-ranking"] [data-test="name"]').allTextContents();
    expect(names).toEqual(ranked.map((c: any) => c.tenant.name));
    await desk.page.locator('[data-test="trend-chart"] canvas').first().waitFor();
    await desk.page.locator('[data-test="feed"]').waitFor();
    // The projector shows the screen alone, whole: no header, no navigation, nothing below the fold of 1920×1080.
    await expect(desk.page.locator('[data-test="nav"]').count()).resolves.toBe(0);
    await expect(
      desk.page.evaluate(() => {
        const screen = (globalThis as any).document.querySelector('[data-test="screen"]');
        return { content: screen.scrollHeight, view: (globalThis as any).innerHeight, width: screen.scrollWidth };
      }),
    ).resolves.toEqual({ content: 1080, view: 1080, width: 1920 });
    // The clock ticks by itself.
    const first = await desk.page.locator('[data-test="clock"]').textContent();
    expect(first).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    await desk.page.waitForFunction(
      (shown) => (globalThis as any).document.querySelector('[data-test="clock"]')?.textContent !== shown,
      first,
      {
        timeout: 3000,
      },
    );
    expect(await desk.page.locator('[data-test="screen"]').innerText()).not.toMatch(/\b(GREEN|YELLOW|RED|PROGRESS_GAP|DISTRICT|COUNTY)\b/);
    await screenshot(desk.page, 'screen-city');
  });

  it('shows a change made through the API by another client live, without reload or touch', async () => {
    const before = await figure('fundsInPlaceWan').textContent();
    await desk.page.evaluate(() => ((globalThis as any).notReloaded = true));
    const period = currentPeriod();
    await recordCityFundArrival((query, variables) => desk.dash.api('city-leader', query, variables), `${period}-01`, '大屏实时测试');
    const { data: after } = await desk.dash.api(
      'city-leader',
      `query ($p: Period!) { rollup(tenantCode: "371400", period: $p) { fundsInPlaceWan } }`,
      {
        p: period,
      },
    );
    const expected = shownWan(after.rollup.fundsInPlaceWan);
    expect(expected).not.toBe(before);
    // Well inside the five-minute re-read, so only the live update can show it. How fast it arrives
    // is bench:live's to measure: a bound of a second here measured the suite's load on 2 cores
    // (missed once in five full runs while two workers drove browsers).
    await desk.page.waitForFunction(
      (text) =>
        (globalThis as any).document.querySelector('[data-test="screen"] [data-test="figure-fundsInPlaceWan"] [data-test="value"]')
          ?.textContent === text,
      expected,
      { timeout: 10_000 },
    );
    await expect(desk.page.evaluate(() => (globalThis as any).notReloaded)).resolves.toBe(true);
  });

  it('reads its figures again every five minutes, besides the live updates, and says when they last arrived', async () => {
    // A screen of its own whose clock the test moves: a projector left on all day must not drift
    // from the figures when a live update is missed.
    // Left open for the browser to close with the others: closing it here, after its clock was
    // faked, failed as 'target closed' in the single-process Chromium and took the shared page along.
    const own = await desk.dash.desk();
    await own.context.clock.install();
    await signIn(own.page, desk.dash.origin, desk.dash.realmOrigin, 'city-leader', '/screen');
    const updated = own.page.locator('[data-test="screen-updated"]');
    await updated.waitFor();
    const reads: string[] = [];
    own.page.on('request', (request) => {
      if (request.method() === 'POST' && /query Overview\b/.test(request.postData() ?? '')) reads.push(request.url());
    });
    const before = await updated.textContent();
    await own.context.clock.fastForward('04:50');
    expect(reads).toEqual([]);
    await own.context.clock.fastForward('00:15');
    await own.page.waitForFunction(
      (text) => (globalThis as any).document.querySelector('[data-test="screen-updated"]')?.textContent !== text,
      before,
      { timeout: 3000 },
    );
    expect(reads).toHaveLength(1);
    expect(await updated.textContent()).toMatch(/^数据更新于 .+（实时推送，每 5 分钟校核）$/);
    expect(own.watch.problems).toEqual([]);
  });

  it('goes full screen at the first click anywhere, and stops offering it', async () => {
    await expect(desk.page.locator('.hint').textContent()).resolves.toBe('点击任意处进入全屏');
    await desk.page.mouse.click(960, 540);
    await desk.page.waitForFunction(() => (globalThis as any).document.fullscreenElement !== null, undefined, { timeout: 3000 });
    // The page hears of it through its fullscreenchange event and re-renders after it (a loaded
    // machine may take a moment): the hint goes, or this waits out and fails.
    await desk.page.locator('.hint').waitFor({ state: 'detached', timeout: 3000 });
    await expect(desk.page.locator('.hint').count()).resolves.toBe(0);
  });
});
