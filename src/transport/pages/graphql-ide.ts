import path from 'node:path';
import { Router, type Request, type Response } from 'express';
import { IDE_SCRIPT } from './graphql-ide-script';
import { IDE_STYLESHEET, idePage } from './graphql-ide-page';
import { setPageHeaders } from './page-headers';

/**
 * GraphiQL for browsers at GET /graphql, served entirely from this server: the page, its script
 * and styles, GraphiQL's bundle and React, from the pinned npm packages. No CDN (government
 * networks often have no internet) and no telemetry. Apollo's own landing page (Sandbox, loaded
 * from Apollo's CDN) is disabled in server.ts.
 *
 * GraphiQL 4 is the last release that ships a browser bundle (graphiql.min.js, using the React and
 * ReactDOM globals); it needs React 18, the last React with browser bundles. So nothing is built:
 * the files are sent as the packages have them. The assets live under the GraphQL path so that an
 * Ingress routing only /graphql serves them too.
 */

/** The packages' files the page loads, by the name it asks for. */
export const IDE_PACKAGE_FILES: Readonly<Record<string, readonly [pkg: string, file: string]>> = {
  'react.production.min.js': ['react', 'umd/react.production.min.js'],
  'react-dom.production.min.js': ['react-dom', 'umd/react-dom.production.min.js'],
  'graphiql.min.js': ['graphiql', 'graphiql.min.js'],
  'graphiql.min.css': ['graphiql', 'graphiql.min.css'],
};

/** The page's own files, kept in code so the compiled server carries them without a copy step. */
const OWN_FILES: Readonly<Record<string, { readonly type: string; readonly body: string }>> = {
  'ide.js': { type: 'text/javascript; charset=utf-8', body: IDE_SCRIPT },
  'ide.css': { type: 'text/css; charset=utf-8', body: IDE_STYLESHEET },
};

/**
 * Scripts from this origin only, never inline. GraphiQL's fonts and icons are data: URLs inside its
 * stylesheet; queries, schema reads and subscriptions (WebSocket) go to this origin only. Styles
 * allow 'unsafe-inline': GraphiQL's dialogs insert a <style> element whose text varies (the
 * scroll bar's width), so no hash fits; a style cannot run code.
 */
const IDE_CONTENT_SECURITY_POLICY = {
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
};

/** The file of a package, wherever npm put it (the packages' `exports` hide these paths from require). */
function packageFile(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

/** True for a browser opening the URL: it prefers HTML and sends no query to run. */
function wantsPage(req: Request): boolean {
  if (req.query['query'] !== undefined) return false;
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

export interface GraphqlIdeOptions {
  /** The GraphQL path, e.g. /graphql. */
  readonly endpoint: string;
  /** Tokens come from the development realm (`npm run token`), not from a real Keycloak. */
  readonly hasDevelopmentTokens: boolean;
}

/** Express routes of the IDE; mount before the GraphQL middleware, whose path they share. */
export function graphqlIde({ endpoint, hasDevelopmentTokens }: GraphqlIdeOptions): Router {
  const assets = `${endpoint}/ide`;
  // Resolved now: a missing package fails the start, not a user's first visit.
  const packageFiles = new Map(Object.entries(IDE_PACKAGE_FILES).map(([name, [pkg, file]]) => [name, packageFile(pkg, file)]));
  const page = idePage({ endpoint, assets, hasDevelopmentTokens });

  const router = Router();
  router.get(endpoint, (req, res, next) => {
    if (!wantsPage(req)) return next();
    setPageHeaders(res, IDE_CONTENT_SECURITY_POLICY);
    // The same URL answers JSON to API clients: caches must keep the two apart.
    res.vary('accept').type('html').send(page);
  });
  router.get(`${assets}/:file`, (req: Request<{ file: string }>, res: Response) => {
    res.setHeader('x-content-type-options', 'nosniff');
    const own = OWN_FILES[req.params.file];
    if (own) {
      res.type(own.type).send(own.body);
      return;
    }
    const file = packageFiles.get(req.params.file);
    if (!file) {
      res.status(404).type('text').send('Not found');
      return;
    }
    res.sendFile(file);
  });
  return router;
}
