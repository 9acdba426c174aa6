import type { Viewer } from '../auth/viewer';
import type { Config } from '../config';
import { AppError, ErrorCode } from '../errors/app-error';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Buckets idle this long are full again and can be forgotten. */
const IDLE_MS = 120_000;

/**
 * Requests per minute per viewer (token subject), as a token bucket: a viewer may burst up to a
 * minute's budget, then gets one request per (60 s / budget). The budget is the largest of the
 * viewer's roles' budgets (RATE_LIMIT_PER_MINUTE_<ROLE>), else RATE_LIMIT_PER_MINUTE. Anonymous
 * requests (introspection only) are counted per client address.
 *
 * Counted in this replica's memory: behind a load balancer with N replicas a viewer may get up to
 * N budgets. That bounds abuse without a shared store on every request's path.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep: number;

  constructor(
    private readonly config: Config['rateLimit'],
    private readonly now: () => number = Date.now,
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
    const bucket = this.buckets.get(key) ?? { tokens: budget, updatedAt: now };
    bucket.tokens = Math.min(budget, bucket.tokens + ((now - bucket.updatedAt) * budget) / 60_000);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
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

  private sweep(now: number): void {
    if (now - this.lastSweep < IDLE_MS) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) if (now - bucket.updatedAt > IDLE_MS) this.buckets.delete(key);
  }
}
