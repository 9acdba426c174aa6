import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer';
import type { Config } from '../config';
import { AppError, ErrorCode } from '../errors/app-error';
import type { HousekeepingJob } from '../housekeeping/housekeeping-job';

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (the refill runs from here). */
  updatedAt: number;
  /** When the viewer last asked this replica. */
  usedAt: number;
  budget: number;
  /** Requests taken here since the last exchange with the shared budget began. */
  spent: number;
}

/** Buckets idle this long are full again and can be forgotten (also in the shared table). */
const IDLE_MS = 120_000;
/**
 * A replica keeps learning what the others spend of a budget for this long after the viewer last
 * asked it: a bucket idle for a minute has refilled anyway.
 */
const WATCH_MS = 60_000;

/** What one replica spent of one key's budget since its last exchange. */
export interface Spend {
  readonly k: string;
  readonly spent: number;
  readonly budget: number;
}

/**
 * The budgets every replica shares: takes what this replica spent and answers what the cluster has
 * left of each key (kp_spend_rate_budget, in PostgreSQL: the only store the replicas share).
 */
export type SharedBudgets = (spends: readonly Spend[]) => Promise<readonly { key: string; tokens: number }[]>;

/** The shared budgets in PostgreSQL, through the application's pool (one statement per exchange). */
export const sharedBudgetsIn =
  (em: () => EntityManager): SharedBudgets =>
  (spends) =>
    em().execute<{ key: string; tokens: number }[]>('select key, tokens from kp_spend_rate_budget(?::jsonb)', [JSON.stringify(spends)]);

/** Forgets shared budgets nobody spent from for a while (a missing one starts full, as they are by then). */
export const rateBudgetRetention: HousekeepingJob = {
  name: 'prune rate budgets',
  run: async (em) => void (await em.execute(`select kp_prune_rate_budgets(make_interval(secs => ?))`, [IDLE_MS / 1000])),
};

/**
 * Requests per minute per viewer (token subject), as a token bucket: a viewer may burst up to a
 * minute's budget, then gets one request per (60 s / budget). The budget is the largest of the
 * viewer's roles' budgets (RATE_LIMIT_PER_MINUTE_<ROLE>), else RATE_LIMIT_PER_MINUTE. Anonymous
 * requests (introspection only) are counted per client address.
 *
 * Admission is decided in memory, never waiting for the database (a replica serves thousands of
 * requests a second). With `shared`, the replicas share each budget: every `everyMs` while
 * requests come, this replica sends what it spent per key in one statement and takes back what the
 * cluster has left, minus what it spent meanwhile. Between two exchanges a replica does not see the
 * others' requests, so a viewer may get past its budget by what the replicas admit to it in one
 * interval, and pays that back from the refill. When PostgreSQL is away the exchange fails quietly
 * and each replica goes on limiting alone (never an error to the client); what it spent meanwhile
 * is sent at the next exchange that succeeds.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep: number;
  private timer: NodeJS.Timeout | undefined;
  private exchanging = false;
  private stopped = false;

  constructor(
    private readonly config: Pick<Config['rateLimit'], 'perMinute' | 'perMinuteByRole'>,
    private readonly now: () => number = Date.now,
    private readonly shared?: { readonly budgets: SharedBudgets; readonly everyMs: number },
  ) {
    this.lastSweep = now();
  }

  budgetOf(viewer: Viewer): number {
    let budget: number | undefined;
    for (const role of viewer.roles) {
      const perRole = this.config.perMinuteByRole[role];
      if (perRole !== undefined) budget = Math.max(budget ?? 0, perRole);
    }
    return budget ?? this.config.perMinute;
  }

  /** Takes one request from the viewer's budget; throws RATE_LIMITED when it is spent. */
  take(viewer: Viewer, address: string | undefined): void {
    const key = viewer.subject ? `sub:${viewer.subject}` : `addr:${address ?? 'unknown'}`;
    const budget = this.budgetOf(viewer);
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: budget, updatedAt: now, usedAt: now, budget, spent: 0 };
    bucket.tokens = Math.min(budget, bucket.tokens + ((now - bucket.updatedAt) * budget) / 60_000);
    bucket.updatedAt = now;
    bucket.usedAt = now;
    bucket.budget = budget;
    this.buckets.set(key, bucket);
    this.scheduleExchange();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.spent += 1;
      return;
    }
    const retryAfterSeconds = Math.max(1, Math.ceil(((1 - bucket.tokens) * 60) / budget));
    const message = {
      zh: `请求过于频繁：每分钟最多 ${budget} 次，请 ${retryAfterSeconds} 秒后重试`,
      en: `Too many requests: at most ${budget} a minute; retry in ${retryAfterSeconds} s`,
    };
    throw new AppError(ErrorCode.RATE_LIMITED, message, {
      retryAfterSeconds,
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    });
  }

  /** Stops exchanging with the shared budgets (the server stops; its pool closes next). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** One exchange with the shared budgets at a time, while any viewer asked within WATCH_MS. */
  private scheduleExchange(): void {
    if (!this.shared || this.timer || this.exchanging || this.stopped) return;
    this.timer = setTimeout(() => void this.exchange(), this.shared.everyMs);
    // A budget is no reason to keep a process alive.
    this.timer.unref();
  }

  /** Sends what was spent per key, takes back what the cluster has left. Exported for tests. */
  async exchange(): Promise<void> {
    this.timer = undefined;
    if (!this.shared || this.exchanging) return;
    const spends: Spend[] = [];
    const watchedSince = this.now() - WATCH_MS;
    for (const [k, bucket] of this.buckets) {
      // Unspent keys are sent too: this replica must learn what the others spent of them.
      if (bucket.usedAt < watchedSince) continue;
      spends.push({ k, spent: bucket.spent, budget: bucket.budget });
      bucket.spent = 0;
    }
    if (spends.length === 0) return;
    this.exchanging = true;
    try {
      const left = await this.shared.budgets(spends);
      const now = this.now();
      for (const { key, tokens } of left) {
        const bucket = this.buckets.get(key);
        if (!bucket) continue;
        // What this replica took while the statement ran is not in the cluster's figure yet.
        bucket.tokens = Math.min(bucket.budget, tokens) - bucket.spent;
        bucket.updatedAt = now;
      }
    } catch {
      // PostgreSQL is away: keep limiting here alone, and send these requests with the next exchange.
      for (const { k, spent } of spends) {
        const bucket = this.buckets.get(k);
        if (bucket) bucket.spent += spent;
      }
    } finally {
      this.exchanging = false;
    }
    this.scheduleExchange();
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < IDLE_MS) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) if (now - bucket.usedAt > IDLE_MS) this.buckets.delete(key);
  }
}
