import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bannerToken, freePort, interrupt, serverEnv, start, type Running } from '../support/server-process';
import { buildDashboard, deskContext, launchChromium, signIn, type Watch } from './browser';

/**
 * One file's dashboard: the built app, the compiled server on its own demo database, and one
 * Chromium, shared by the file's tests (each desk is a fresh context: its own session).
 */
export interface Dashboard {
  readonly origin: string;
  readonly realmOrigin: string;
  readonly server: Running;
  readonly browser: Browser;
  /**
   * A desk: a new context with its own sign-in, watched for console errors and foreign requests. Never
   * closed alone: @sparticuz/chromium runs in one process (--single-process), and closing a context ends
   * the browser; close() ends them all.
   */
  desk(): Promise<{ context: BrowserContext; page: Page; watch: Watch }>;
  /** A desk signed in as `user` (demo password) through the realm's login form, landed on `at`. */
  signedInDesk(user: string, at: string): Promise<{ context: BrowserContext; page: Page; watch: Watch }>;
  /** The API as `user` (a demo user's token from the server's banner), answering in Chinese. */
  api(user: string, query: string, variables?: Record<string, unknown>): Promise<any>;
  close(): Promise<void>;
}

export async function startDashboard(): Promise<Dashboard> {
  await buildDashboard();
  const db: TestDatabase = await createTestDatabase('demo');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kp-dashboard-'));
  const port = await freePort();
  const server = await start(serverEnv({ PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: db.appUrl }));
  const origin = `http://127.0.0.1:${port}`;
  const settings = (await (await fetch(`${origin}/config.json`)).json()) as { authority: string };
  const realmOrigin = new URL(settings.authority).origin;
  const browser = await launchChromium();
  return {
    origin,
    realmOrigin,
    server,
    browser,
    async desk() {
      return deskContext(browser, [origin, realmOrigin]);
    },
    async signedInDesk(user, at) {
      const desk = await deskContext(browser, [origin, realmOrigin]);
      await signIn(desk.page, origin, realmOrigin, user, at);
      return desk;
    },
    async api(user, query, variables = {}) {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bannerToken(server, user)}`, 'accept-language': 'zh-CN' },
        body: JSON.stringify({ query, variables }),
      });
      return response.json();
    },
    async close() {
      // The browser takes its contexts with it; the server and the database go whatever the browser did.
      try {
        await browser.close();
      } finally {
        await interrupt(server);
        await db.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** What a test file's hooks fill in before its first test runs: read it inside tests, not at load time. */
export interface DashboardFile {
  readonly dash: Dashboard;
  readonly page: Page;
  readonly watch: Watch;
}

/**
 * The setup every dashboard test file shares: the dashboard started before the file's tests, one desk
 * signed in as `user` (demo password) landing on `at`, each test failed on a console error or a foreign
 * request it left behind, and all of it closed after the file. `beforeSignIn` runs with the desk open,
 * not yet signed in: data the first view must show, or listeners that must see the first load.
 */
export function signedInFile(user: string, at: string, beforeSignIn?: (dash: Dashboard, page: Page) => Promise<void>): DashboardFile {
  const file = {} as { dash: Dashboard; page: Page; watch: Watch };
  beforeAll(async () => {
    file.dash = await startDashboard();
    ({ page: file.page, watch: file.watch } = await file.dash.desk());
    await beforeSignIn?.(file.dash, file.page);
    await signIn(file.page, file.dash.origin, file.dash.realmOrigin, user, at);
  }, 240_000);
  afterAll(async () => {
    await file.dash?.close();
  });
  afterEach(() => {
    expect(file.watch.problems.splice(0)).toEqual([]);
  });
  return file;
}
