import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type Response } from 'express';
import { DASHBOARD_CLIENT } from '../auth/dev-users';
import { setPageHeaders } from './pages/page-headers';

/**
 * The leaders' dashboard (领导驾驶舱, src/dashboard/): its built files, served from dist/dashboard/
 * (written by `npm run build`). The app owns `/` and its own paths; it reads everything else
 * through /graphql like any client, and signs in at the realm (OpenID Connect), so these two origins
 * are all its Content-Security-Policy lets it reach.
 */

/** Paths the app's router answers: a reload on any of them gets the app, everything else stays the server's. */
export const DASHBOARD_PATHS = [
  '/',
  '/callback',
  '/overview',
  '/overview/:code',
  '/projects',
  '/projects/:id',
  '/tasks',
  '/orders',
  '/orders/:id',
  '/screen',
  '/screen/:code',
  '/my-projects',
  '/reserve',
  '/targets',
  '/evaluation',
  '/evaluation/:code',
] as const;

/** Where `vite build` writes (src/dashboard/vite.config.ts), found from here in src/ (tests) and in dist/src/ (npm start). */
export function dashboardDir(from: string = __dirname): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'dist', 'dashboard');
  }
  return path.resolve('dist', 'dashboard');
}

export interface DashboardOptions {
  /** The realm the app signs in at (`<keycloak>/realms/<realm>`). */
  readonly issuer: string;
  /** The access token's claim that names the viewer's tenant (KEYCLOAK_TENANT_CLAIM). */
  readonly tenantClaim: string;
  /** The built app; dashboardDir() by default. */
  readonly dir?: string;
}

/** What the app needs to know at run time, without an inline script: where and as whom to sign in. */
export interface DashboardSettings {
  readonly authority: string;
  readonly clientId: string;
  readonly tenantClaim: string;
}

export function dashboard({ issuer, tenantClaim, dir = dashboardDir() }: DashboardOptions): Router {
  const router = Router();
  const realmOrigin = new URL(issuer).origin;
  const settings: DashboardSettings = { authority: issuer, clientId: DASHBOARD_CLIENT, tenantClaim };
  let indexHtml: string | undefined;

  const sendIndex = (res: Response) => {
    const file = path.join(dir, 'index.html');
    indexHtml ??= existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    setPageHeaders(res, {
      'script-src': "'self'",
      // Element Plus and ECharts set style attributes (tooltips, table widths); no script can run from them.
      'style-src': "'self' 'unsafe-inline'",
      'font-src': "'self'",
      'img-src': "'self' data:",
      // The API (HTTP and graphql-ws on this origin) and the realm's token endpoint, nothing else.
      'connect-src': realmOrigin === 'null' ? "'self'" : `'self' ${realmOrigin}`,
    });
    if (indexHtml === undefined) {
      res
        .status(503)
        .type('html')
        .send(
          '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>领导驾驶舱</title><p>领导驾驶舱尚未构建：请运行 npm run build。</p></html>',
        );
      return;
    }
    // The page names the hashed files of this build: a browser revalidates it, never keeps it.
    res.setHeader('cache-control', 'no-cache');
    res.type('html').send(indexHtml);
  };

  for (const route of DASHBOARD_PATHS) router.get(route, (_req, res) => sendIndex(res));
  router.get('/config.json', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json(settings);
  });
  // Hashed names change with their content: a browser keeps each file for a year and never asks again.
  router.use(
    '/assets',
    express.static(path.join(dir, 'assets'), {
      fallthrough: false,
      index: false,
      immutable: true,
      maxAge: '365d',
      setHeaders: (res) => {
        res.setHeader('cache-control', 'public, max-age=31536000, immutable');
        res.setHeader('x-content-type-options', 'nosniff');
      },
    }),
  );
  return router;
}
