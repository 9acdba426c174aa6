import { onBeforeUnmount, ref, shallowRef, watch, type Ref } from 'vue';
import type { OverviewQuery as OverviewResult } from '../gql/graphql';
import { OverviewChangedSubscription, OverviewQuery } from './overview-documents';
import { ApiError, apiErrorOf, type Api } from './graphql-client';

export type OverviewRollup = OverviewResult['rollup'];

export interface LiveRollup {
  /** The figures and charts now; undefined until the first answer and after a failure. */
  readonly rollup: Readonly<Ref<OverviewRollup | undefined>>;
  readonly failure: Readonly<Ref<ApiError | undefined>>;
  /** When the figures last arrived (query, live update or periodic refresh). */
  readonly updatedAt: Readonly<Ref<Date | undefined>>;
}

/** The overview's variables; the trend runs from January of the period's year, as the year-to-date figures do. */
export const overviewVariables = (tenantCode: string, period: string) => ({ tenantCode, period, yearStart: `${period.slice(0, 4)}-01` });

/**
 * A tenant's rollup for a month, kept current: read once, then replaced by every `rollupChanged`
 * (the figures, the trend and the breakdowns together). With `refreshMs` it is also read again on
 * that beat: a meeting-room screen left alone for hours must not freeze on a connection that died
 * silently (a proxy dropping idle sockets sends no close the client would notice).
 */
export function useLiveRollup(api: Api, code: Ref<string>, period: Ref<string>, refreshMs?: number): LiveRollup {
  const rollup = shallowRef<OverviewRollup>();
  const failure = ref<ApiError>();
  const updatedAt = ref<Date>();
  let stopLive: (() => void) | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  /** Which load is current: a slow answer for a tenant the leader has already left must not overwrite the page. */
  let loading = 0;

  function show(figures: OverviewRollup): void {
    rollup.value = figures;
    updatedAt.value = new Date();
  }

  /** Reads the figures and shows them (or the failure); answers the failure, if any. */
  async function read(tenantCode: string, month: string, mine: number): Promise<ApiError | undefined> {
    try {
      const answer = await api.request(OverviewQuery, overviewVariables(tenantCode, month));
      if (mine !== loading) return undefined;
      failure.value = undefined;
      show(answer.rollup);
      return undefined;
    } catch (error) {
      const failed = apiErrorOf(error);
      if (mine === loading) failure.value = failed;
      return failed;
    }
  }

  function stop(): void {
    stopLive?.();
    stopLive = undefined;
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  }

  async function load(tenantCode: string, month: string): Promise<void> {
    stop();
    failure.value = undefined;
    const mine = ++loading;
    const failed = await read(tenantCode, month, mine);
    if (mine !== loading) return;
    if (failed) {
      // A refused tenant (NOT_FOUND) shows nothing; a screen keeps trying on its beat after a network failure.
      rollup.value = undefined;
      if (failed.code !== 'NETWORK' || !refreshMs) return;
    }
    if (refreshMs) timer = setInterval(() => void read(tenantCode, month, mine), refreshMs);
    // The first result is the figures now; then one whenever anything in the subtree changes.
    stopLive = api.subscribe(
      OverviewChangedSubscription,
      overviewVariables(tenantCode, month),
      (data) => show(data.rollupChanged),
      (error) => (failure.value = error),
    );
  }

  watch([code, period], ([c, p]) => void load(c, p), { immediate: true });
  onBeforeUnmount(() => {
    // A read still on its way when the page closes must not start a subscription or a timer after it.
    loading += 1;
    stop();
  });
  return { rollup, failure, updatedAt };
}
