import { Client } from 'pg';
import { ownerClientOn } from '../support/database';

/** kp_spend_rate_budget and kp_prune_rate_budgets: the token buckets the replicas share. */
describe('shared rate budgets', () => {
  const owner = ownerClientOn();

  const spend = async (spends: { k: string; spent: number; budget: number }[]) =>
    Object.fromEntries(
      (
        await owner
          .client()
          .query<{ key: string; tokens: number }>('select key, tokens from kp_spend_rate_budget($1::jsonb)', [JSON.stringify(spends)])
      ).rows.map((r) => [r.key, r.tokens]),
    );
  const idleFor = (key: string, seconds: number) =>
    owner.client().query(`update rate_budget set updated_at = updated_at - make_interval(secs => $2) where key = $1`, [key, seconds]);

  /**
   * The refill runs on from the write to the read (0.1 a second at 6 a minute): a figure is at
   * least what is expected and less than a second's refill above it, however loaded the machine.
   */
  const expectAbout = (tokens: number | undefined, expected: number) => {
    expect(tokens).toBeGreaterThanOrEqual(expected - 1e-9);
    expect(tokens).toBeLessThan(expected + 0.1);
  };

  it('starts a key full, takes what was spent, and keeps an overshoot as a debt below zero', async () => {
    expectAbout((await spend([{ k: 'sub:a', spent: 2, budget: 6 }]))['sub:a'], 4);
    const [after] = Object.values(await spend([{ k: 'sub:a', spent: 5, budget: 6 }]));
    expectAbout(after, -1);
  });

  it('only reads a key with nothing spent, and writes no row for a key never spent from', async () => {
    expect(Object.keys(await spend([{ k: 'sub:a', spent: 0, budget: 6 }]))).toEqual(['sub:a']);
    expect(await spend([{ k: 'sub:never', spent: 0, budget: 6 }])).toEqual({});
    expect((await owner.client().query(`select 1 from rate_budget where key = 'sub:never'`)).rowCount).toBe(0);
  });

  it("refills at the budget per minute by the database's clock, up to the budget", async () => {
    await idleFor('sub:a', 30);
    const [refilled] = Object.values(await spend([{ k: 'sub:a', spent: 0, budget: 6 }]));
    expectAbout(refilled, 2); // -1 + 30 s x 6 a minute
    await idleFor('sub:a', 600);
    expectAbout((await spend([{ k: 'sub:a', spent: 1, budget: 6 }]))['sub:a'], 5);
  });

  it('forgets budgets idle for the given time', async () => {
    await spend([{ k: 'sub:b', spent: 1, budget: 6 }]);
    await idleFor('sub:a', 300);
    expect((await owner.client().query(`select kp_prune_rate_budgets(interval '2 minutes') as n`)).rows[0].n).toBe(1);
    expect((await owner.client().query(`select key from rate_budget order by key`)).rows).toEqual([{ key: 'sub:b' }]);
  });

  it('is out of reach of the application but through the functions', async () => {
    const app = new Client({ connectionString: owner.database().appUrl });
    await app.connect();
    try {
      await expect(app.query('select * from rate_budget')).rejects.toThrow(/permission denied/);
      expect((await app.query(`select key from kp_spend_rate_budget('[{"k":"sub:c","spent":1,"budget":6}]')`)).rows).toEqual([
        { key: 'sub:c' },
      ]);
    } finally {
      await app.end();
    }
  });
});
