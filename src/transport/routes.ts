import { Router } from 'express';
import type { Config } from '../config';
import { dashboard } from './dashboard';
import { graphqlIde } from './pages/graphql-ide';
import { homePage } from './pages/home-page';
import { API_GUIDE_PATH, GRAPHQL_PATH } from './paths';

export interface RouteDeps {
  readonly config: Config;
  /** The realm tokens come from (`<keycloak>/realms/<realm>`): the dashboard signs in there. */
  readonly issuer: string;
}

/**
 * Everything served over HTTP that is not GraphQL nor health: each kind of route is a module of
 * its own, mounted here.
 *
 * - dashboard.ts: the leaders' dashboard (src/dashboard/, built into dist/dashboard/) at `/`; it
 *   calls /graphql like any client.
 * - pages/: the API's guide at /api (what was at / before the dashboard) and GraphiQL at /graphql
 *   for browsers (self-hosted, no CDN).
 * - Not here: the exports (src/exports/, the monthly bulletin as Excel or Word under /exports/),
 *   which src/server.ts mounts, since the transport may not import them. A download is admitted as
 *   a GraphQL request is and reads through the modules' services, so the same scope rules hold.
 */
export function routes({ config, issuer }: RouteDeps): Router {
  const router = Router();
  router.get(API_GUIDE_PATH, homePage({ endpoint: GRAPHQL_PATH, hasIde: config.graphql.ide }));
  router.use(dashboard({ issuer, tenantClaim: config.keycloak.tenantClaim }));
  if (config.graphql.ide) router.use(graphqlIde({ endpoint: GRAPHQL_PATH, hasDevelopmentTokens: config.devRealm !== undefined }));
  return router;
}
