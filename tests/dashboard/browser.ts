import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from '../support/server-process';

/**
 * A real headless Chromium for the dashboard's tests: the one @sparticuz/chromium ships inside its
 * npm package (nothing is downloaded at install or test time, which fails without internet),
 * driven by playwright-core. The package is ESM-only, which jest on Node 20 cannot load: a short
 * node process reads its path and flags instead.
 */
function sparticuzChromium(): { path: string; args: string[] } {
  const script =
    "import c from '@sparticuz/chromium'; process.stdout.write(JSON.stringify({ path: await c.executablePath(), args: c.args }));";
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as {
    path: string;
    args: string[];
  };
}

/** Flags of the Lambda build that would hide what a leader's browser enforces (same-origin, mixed content). */
const LOOSENING = new Set(['--disable-web-security', '--allow-running-insecure-content']);

export async function launchChromium(): Promise<Browser> {
  const { path: executablePath, args } = sparticuzChromium();
  return chromium.launch({
    executablePath,
    args: [
      ...args.filter((a) => !LOOSENING.has(a)),
      // Without these Chromium tries the network on its own (and is refused here): see STACK.md.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** What a page did that a test must refuse: console errors, uncaught exceptions, requests to a third origin. */
export interface Watch {
  readonly problems: string[];
}

/** A context as a leader's desk: Chinese, 1920×1080, China time; every console error and every foreign request recorded. */
export async function deskContext(
  browser: Browser,
  allowedOrigins: readonly string[],
): Promise<{ context: BrowserContext; page: Page; watch: Watch }> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1920, height: 1080 } });
  const watch: Watch = { problems: [] };
  context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    const origin = new URL(url).origin;
    if (!allowedOrigins.includes(origin)) watch.problems.push(`request to another origin: ${url}`);
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') watch.problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => watch.problems.push(`page error: ${error.message}`));
  return { context, page, watch };
}

/** Screenshots of the main views, for people to look at: test-results/ is gitignored. */
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'dashboard');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A digest of what the build reads: the app's sources (not the generated gql/) and the schema. */
function sourceDigest(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) {
        if (name !== 'gql') walk(file);
      } else hash.update(file).update(readFileSync(file));
    }
  };
  walk(path.join(ROOT, 'src', 'dashboard'));
  hash.update(readFileSync(path.join(ROOT, 'schema', 'schema.graphql')));
  // How it is built too: a build stamped before builds were production ones is not reused.
  hash.update('NODE_ENV=production');
  return hash.digest('hex');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The dashboard as npm run build makes it (codegen, then vite), into dist/dashboard/, which the
 * server process serves. Test files run in parallel and share that folder: vite empties it before
 * writing, which would pull the files from under another file's open page. So one file builds
 * (under a lock) and stamps what it built from; the others wait for it and reuse the build.
 */
export async function buildDashboard(): Promise<void> {
  const out = path.join(ROOT, 'dist', 'dashboard');
  const stamp = path.join(ROOT, 'dist', '.dashboard-built-from');
  const lock = path.join(ROOT, 'dist', '.dashboard-build.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  for (const started = Date.now(); ;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than any build is left by a killed run.
      if (Date.now() - started > 180_000) rmSync(lock, { recursive: true, force: true });
      await sleep(250);
    }
  }
  try {
    const digest = sourceDigest();
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest && existsSync(path.join(out, 'index.html'))) return;
    const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);
    execFileSync(bin('graphql-codegen'), ['--config', 'src/dashboard/codegen.ts'], { cwd: ROOT, stdio: 'pipe' });
    // A production build, as npm run build makes it: jest sets NODE_ENV=test, with which Vite would build Vue's development
    // code (its warnings and devtools hooks, a fifth more JavaScript) and bench:dashboard would measure that.
    execFileSync(bin('vite'), ['build', '--config', 'src/dashboard/vite.config.mts', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'pipe',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    writeFileSync(stamp, digest);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Signs `user` in through the realm's login form (password demo), starting from `path`, and waits to be back on it. */
export async function signIn(page: Page, origin: string, realmOrigin: string, user: string, at: string): Promise<void> {
  await page.goto(`${origin}${at}`);
  await page.waitForURL((url) => url.origin === realmOrigin);
  await page.fill('#username', user);
  await page.fill('#password', 'demo');
  await page.click('#kc-login');
  await page.waitForURL(`${origin}${at}`);
}
