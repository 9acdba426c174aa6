import { Router } from 'express';
import type { Config } from '../config';
import { graphqlIde } from './pages/graphql-ide';
import { homePage } from './pages/home-page';
import { GRAPHQL_PATH } from './paths';

export interface RouteDeps {
  readonly config: Config;
}

/**
 * Everything served over HTTP that is not GraphQL nor health: each kind of route is a module of
 * its own, mounted here.
 *
 * - pages/: the page at / and GraphiQL at /graphql for browsers (self-hosted, no CDN).
 * - Exports (to come, src/exports/): the monthly bulletin (月通报) as Excel or Word, under /exports/. A download
 *   is admitted as a GraphQL request is (AdmissionGate.request: authenticate, rate-limit, context)
 *   and reads through the modules' services, so the same scope rules hold; mount it here.
 * - The dashboard (to come): its built files (src/dashboard/, its own build configuration), served
 *   as static files under /dashboard/; it calls /graphql like any client. Mount it here.
 */
export function routes({ config }: RouteDeps): Router {
  const router = Router();
  router.get('/', homePage({ endpoint: GRAPHQL_PATH, hasIde: config.graphql.ide }));
  if (config.graphql.ide) router.use(graphqlIde({ endpoint: GRAPHQL_PATH, hasDevelopmentTokens: config.devRealm !== undefined }));
  return router;
}
