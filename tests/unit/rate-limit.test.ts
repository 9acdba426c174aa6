import { Role } from '../../src/auth/roles';
import type { Viewer } from '../../src/auth/viewer';
import { AppError } from '../../src/errors/app-error';
import { RateLimiter, type SharedBudgets } from '../../src/graphql/rate-limit';

const viewer = (subject: string, roles: string[]): Viewer => ({
  subject,
  name: subject,
  tenantCode: '371400',
  roles: new Set(roles),
  isServiceAccount: false,
  expiresAt: undefined,
});

function refused(take: () => void): AppError {
  try {
    take();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected RATE_LIMITED');
}

describe('RateLimiter', () => {
  let now = 0;
  const limiter = () => new RateLimiter({ perMinute: 6, perMinuteByRole: { [Role.INTEGRATOR]: 60, [Role.SUPERVISOR]: 3 } }, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it("lets a minute's budget through at once, then refuses with the wait", () => {
    const limits = limiter();
    const leader = viewer('a', [Role.CITY_LEADER]);
    for (let i = 0; i < 6; i++) limits.take(leader, undefined);
    const error = refused(() => limits.take(leader, undefined));
    expect(error.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 10 });
  });

  it('refills at the budget per minute', () => {
    const limits = limiter();
    const leader = viewer('a', [Role.CITY_LEADER]);
    for (let i = 0; i < 6; i++) limits.take(leader, undefined);
    now += 10_000; // one request's worth at 6 a minute
    expect(() => limits.take(leader, undefined)).not.toThrow();
    expect(refused(() => limits.take(leader, undefined)).extensions.code).toBe('RATE_LIMITED');
  });

  it('counts each viewer on its own', () => {
    const limits = limiter();
    for (let i = 0; i < 6; i++) limits.take(viewer('a', []), undefined);
    expect(() => limits.take(viewer('b', []), undefined)).not.toThrow();
  });

  it("gives a viewer the largest of its roles' budgets", () => {
    const limits = limiter();
    expect(limits.budgetOf(viewer('i', [Role.INTEGRATOR]))).toBe(60);
    expect(limits.budgetOf(viewer('s', [Role.SUPERVISOR]))).toBe(3);
    expect(limits.budgetOf(viewer('both', [Role.SUPERVISOR, Role.INTEGRATOR]))).toBe(60);
    expect(limits.budgetOf(viewer('x', ['unknown-role']))).toBe(6);
  });

  it('counts anonymous requests by client address', () => {
    const limits = limiter();
    const anonymous = viewer('', []);
    for (let i = 0; i < 6; i++) limits.take(anonymous, '10.0.0.1');
    expect(refused(() => limits.take(anonymous, '10.0.0.1')).extensions.code).toBe('RATE_LIMITED');
    expect(() => limits.take(anonymous, '10.0.0.2')).not.toThrow();
  });

  describe('shared by replicas', () => {
    /** What kp_spend_rate_budget does, without the refill (the clock stands still here). */
    const sharedTable = () => {
      const left = new Map<string, number>();
      const budgets: SharedBudgets = async (spends) => {
        for (const { k, spent, budget } of spends) if (spent > 0) left.set(k, (left.get(k) ?? budget) - spent);
        return spends.flatMap(({ k }) => (left.has(k) ? [{ key: k, tokens: left.get(k)! }] : []));
      };
      return { left, budgets };
    };
    const replica = (budgets: SharedBudgets) =>
      new RateLimiter({ perMinute: 6, perMinuteByRole: {} }, () => now, { budgets, everyMs: 60_000 });

    it('refuses a viewer on one replica once the budget was spent on the others, after an exchange', async () => {
      const { budgets } = sharedTable();
      const [a, b] = [replica(budgets), replica(budgets)];
      const leader = viewer('a', []);
      for (let i = 0; i < 4; i++) a.take(leader, undefined);
      await a.exchange();
      b.take(leader, undefined);
      b.take(leader, undefined);
      await b.exchange();
      await a.exchange();
      expect(refused(() => a.take(leader, undefined)).extensions.code).toBe('RATE_LIMITED');
      expect(refused(() => b.take(leader, undefined)).extensions.code).toBe('RATE_LIMITED');
      a.stop();
      b.stop();
    });

    it('goes on limiting alone while the shared budgets cannot be reached, and sends the count later', async () => {
      const { left, budgets } = sharedTable();
      let away = true;
      const limits = replica(async (spends) => {
        if (away) throw new Error('connect ECONNREFUSED');
        return budgets(spends);
      });
      const leader = viewer('a', []);
      for (let i = 0; i < 6; i++) limits.take(leader, undefined);
      await expect(limits.exchange()).resolves.toBeUndefined();
      expect(refused(() => limits.take(leader, undefined)).extensions.code).toBe('RATE_LIMITED');
      away = false;
      await limits.exchange();
      expect(left.get('sub:a')).toBe(0);
      limits.stop();
    });
  });
});
