import type { Router } from 'vue-router';
import { currentPeriod, chosenPeriod } from '../format/period';
import type { Api } from './graphql-client';
import { overviewVariables } from './live-rollup';
import { OverviewQuery } from './overview-documents';

/** The routes that open on a tenant's overview: 总览 (also at /) and the 大屏. */
const OVERVIEW_ROUTES = new Set(['home', 'overview', 'screen']);

/**
 * Sends the overview's read as the app starts, when the address opens on one, so that the answer
 * travels while the view's code (ECharts, Element Plus's table) is still loading and starting: the
 * view's own identical read then takes it (Api.prefetch). Measured by
 * bench:dashboard, this is most of the first render on a slow desktop. The address is resolved
 * without loading anything; the variables are those the view will ask with.
 */
export function prefetchOverview(api: Api, router: Router, ownTenantCode: string): void {
  const target = router.resolve(`${location.pathname}${location.search}`);
  if (typeof target.name !== 'string' || !OVERVIEW_ROUTES.has(target.name)) return;
  const code = typeof target.params['code'] === 'string' && target.params['code'] ? target.params['code'] : ownTenantCode;
  const period = target.name === 'screen' ? currentPeriod() : chosenPeriod(target.query['period']);
  api.prefetch(OverviewQuery, overviewVariables(code, period));
}
