import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IDE_PACKAGE_FILES } from '../../src/transport/pages/graphql-ide';
import { startTestServer, type TestServer } from '../support/test-server';

/** What a browser sends when it opens a URL. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

/** Hosts a page could load from or report to instead of this server. */
const THIRD_PARTY = /unpkg\.com|jsdelivr\.net|cdnjs|googleapis\.com|gstatic\.com|apollographql\.com|embeddable-sandbox|esm\.sh/i;

/** The URLs a page loads by itself: scripts, stylesheets, images, frames. */
function loadedUrls(html: string): string[] {
  return [...html.matchAll(/<(?:script|link|img|iframe)\b[^>]*?\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
}

describe('the browser at /graphql and /', () => {
  describe('with the IDE on (development)', () => {
    let server: TestServer;
    let origin: string;

    beforeAll(async () => {
      server = await startTestServer('dezhou-tenants', 'city-leader', { GRAPHQL_IDE: 'true' });
      origin = new URL(server.url).origin;
    });
    afterAll(() => server.close());

    const openIde = () => fetch(server.url, { headers: { accept: BROWSER_ACCEPT } });

    it('serves GraphiQL to a browser, with a token field and the development hint, and no inline script', async () => {
      const response = await openIde();
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await response.text();
      expect(html).toContain('id="kp-token"');
      expect(html).toContain('npm run token -- city-leader');
      // Every script is a file of this origin: a <script> with content would be inline.
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html).not.toMatch(/\son[a-z]+=/i);
    });

    it('sends a Content-Security-Policy that lets scripts come only from this server', async () => {
      const policy = (await openIde()).headers.get('content-security-policy') ?? '';
      const directives = new Map(
        policy
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([name, ...values]) => [name, values]),
      );
      expect(directives.get('default-src')).toEqual(["'none'"]);
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('connect-src')).toEqual(["'self'"]);
      expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
      expect(policy).not.toMatch(/https?:|\*/);
    });

    it('loads every script and stylesheet from this server, each with its type and nothing from a CDN', async () => {
      const html = await (await openIde()).text();
      const urls = loadedUrls(html);
      expect(urls.length).toBeGreaterThanOrEqual(6);
      for (const url of urls) {
        expect(url).toMatch(/^\/graphql\/ide\//);
        const response = await fetch(new URL(url, origin));
        expect({ url, status: response.status }).toEqual({ url, status: 200 });
        expect(response.headers.get('content-type')).toMatch(url.endsWith('.css') ? /^text\/css/ : /^(text|application)\/javascript/);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        const body = await response.text();
        expect(body).not.toMatch(THIRD_PARTY);
        // Stylesheets bring their fonts and icons inline (data:), never from another host.
        if (url.endsWith('.css')) expect(body).not.toMatch(/@import|url\(\s*["']?(https?:)?\/\//);
      }
    });

    it("sends the page's token as a bearer token and keeps it out of localStorage", async () => {
      const script = await (await fetch(`${origin}/graphql/ide/ide.js`)).text();
      expect(script).toContain("authorization: 'Bearer ' + token");
      expect(script).toContain('sessionStorage');
      expect(script).not.toContain('localStorage');
    });

    it('takes its files from production dependencies, which the image ships (devDependencies it does not)', () => {
      const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
        dependencies: Record<string, string>;
      };
      for (const [pkg] of Object.values(IDE_PACKAGE_FILES)) expect(manifest.dependencies[pkg]).toMatch(/^\d+\.\d+\.\d+$/);
    });

    it('answers an unknown file under the IDE with 404', async () => {
      expect((await fetch(`${origin}/graphql/ide/secret.js`)).status).toBe(404);
      expect((await fetch(`${origin}/graphql/ide/%2e%2e%2fpackage.json`)).status).toBe(404);
    });

    it('still answers API clients at the same URL: a GET with a query runs it, even from a browser', async () => {
      const token = server.token('city-leader');
      const params = new URLSearchParams({ query: '{ tenant(code: "371400") { name } }' });
      const response = await fetch(`${server.url}?${params}`, { headers: { accept: BROWSER_ACCEPT, authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { tenant: { name: '德州市' } } });
    });

    it('answers a GET without a query from a JSON client as GraphQL, not with the page', async () => {
      const response = await fetch(server.url, { headers: { accept: 'application/json' } });
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
        'UNAUTHENTICATED',
      );
    });

    it('answers GET /api with a Chinese page that links to GraphiQL and the health checks, without scripts', async () => {
      const response = await fetch(`${origin}/api`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await response.text();
      expect(html).toContain('重点项目');
      expect(html).toContain('href="/graphql"');
      expect(html).toContain('href="/healthz"');
      expect(html).toContain('href="/readyz"');
      expect(html).not.toContain('<script');
      expect(loadedUrls(html)).toEqual([]);
    });
  });

  describe('with the IDE off (the production default)', () => {
    let server: TestServer;
    let origin: string;

    beforeAll(async () => {
      server = await startTestServer('dezhou-tenants', 'city-leader', { GRAPHQL_IDE: 'false' });
      origin = new URL(server.url).origin;
    });
    afterAll(() => server.close());

    it('serves no IDE and no Apollo Sandbox: a browser gets the API’s JSON answer', async () => {
      const response = await fetch(server.url, { headers: { accept: BROWSER_ACCEPT } });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = await response.text();
      expect(body).not.toMatch(/<html|graphiql|sandbox/i);
      expect((JSON.parse(body) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    });

    it('serves none of the IDE’s files: the path is the API’s, which wants a token', async () => {
      const response = await fetch(`${origin}/graphql/ide/graphiql.min.js`);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
        'UNAUTHENTICATED',
      );
    });

    it('answers GET /api without a link to the IDE', async () => {
      const response = await fetch(`${origin}/api`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).not.toContain('href="/graphql"');
      expect(html).toContain('href="/healthz"');
    });

    it('serves no Apollo landing page even with a token (Sandbox reports to Apollo)', async () => {
      const token = server.token('city-leader');
      const response = await fetch(server.url, { headers: { accept: BROWSER_ACCEPT, authorization: `Bearer ${token}` } });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = await response.text();
      expect(body).not.toMatch(THIRD_PARTY);
      expect((JSON.parse(body) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('BAD_REQUEST');
    });
  });
});
