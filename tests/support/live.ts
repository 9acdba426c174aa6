import type { Client } from 'graphql-ws';

/** A tenant's live changes with who made them and what changed: what most live tests watch. */
export const TENANT_CHANGES = `subscription($tenant: String!) {
  projectChanged(tenantCode: $tenant) { kind tenantCode projectId by { subject } changes { field before after } }
}`;

export interface TenantChange {
  kind: string;
  tenantCode: string;
  projectId: string | null;
  by: { subject: string } | null;
  changes: { field: string; before: string | null; after: string | null }[];
}

/** A subscription's results as they arrive, with a way to wait for the next ones. */
export interface Received<T> {
  readonly items: T[];
  readonly errors: unknown[];
  /** Resolves once `count` items in total have arrived (or rejects after `ms`). */
  until(count: number, ms?: number): Promise<T[]>;
  /**
   * Resolves once `count` of the items `keep` accepts have arrived, those only. The relay may deliver an
   * earlier test's event late, after a new subscription opened: a test compares only its own.
   */
  untilOwn(keep: (item: T) => boolean, count: number, ms?: number): Promise<T[]>;
  /** Resolves when the server completes the stream or sends an error. */
  ended: Promise<void>;
  stop(): void;
}

export function collect<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
  pick: (data: any) => T = (d) => d,
): Received<T> {
  const items: T[] = [];
  const errors: unknown[] = [];
  let wake = () => {};
  let finish = () => {};
  const ended = new Promise<void>((resolve) => (finish = resolve));
  const stop = client.subscribe<any>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) items.push(pick(result.data));
        wake();
      },
      error: (error) => {
        errors.push(error);
        finish();
        wake();
      },
      complete: () => {
        finish();
        wake();
      },
    },
  );
  const waitFor = async (selected: () => T[], count: number, ms: number): Promise<T[]> => {
    const deadline = Date.now() + ms;
    while (selected().length < count) {
      if (Date.now() > deadline)
        throw new Error(`received ${selected().length} of ${count} within ${ms} ms: ${JSON.stringify({ items, errors })}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 50);
      });
    }
    return selected().slice(0, count);
  };
  return {
    items,
    errors,
    ended,
    stop,
    until: (count, ms = 10_000) => waitFor(() => items, count, ms),
    untilOwn: (keep, count, ms = 10_000) => waitFor(() => items.filter(keep), count, ms),
  };
}

/**
 * Proves a project's stream live: a subscription starts on its own time, and a change made before
 * it is not delivered. Makes a change (`probe(attempt)` creates a project and answers its id) until
 * that change's own event has arrived, then answers the probe's id; fails after 20 tries.
 */
export async function proveLive<T extends { projectId: string | null }>(
  changes: Received<T>,
  probe: (attempt: number) => Promise<string>,
): Promise<string> {
  let probed: string | undefined;
  for (let attempt = 0; attempt < 20 && !changes.items.some((e) => e.projectId === probed); attempt++) {
    probed = await probe(attempt);
    await changes.untilOwn((e) => e.projectId === probed, 1, 2000).catch(() => undefined);
  }
  if (!changes.items.some((e) => e.projectId === probed)) throw new Error(`no probe's event arrived: ${JSON.stringify(changes.items)}`);
  return probed!;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
