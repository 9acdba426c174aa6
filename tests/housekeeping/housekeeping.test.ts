import { Writable } from 'node:stream';
import { MikroORM } from '@mikro-orm/postgresql';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { Housekeeping } from '../../src/housekeeping/housekeeping';
import type { HousekeepingJob } from '../../src/housekeeping/housekeeping-job';
import { appOrmOptions } from '../../src/mikro-orm.config';
import { JOBS } from '../../src/modules/registry';
import { housekeepingJobs } from '../../src/server';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('housekeeping: the jobs the kernel and the modules declare, on one schedule', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  const logged: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    }),
  );
  const options = { firstRunMs: 10, everyMs: 60_000 };

  beforeAll(async () => {
    db = await createTestDatabase('dezhou-tenants');
    orm = await MikroORM.init(appOrmOptions({ clientUrl: db.appUrl, poolMax: 2 }));
  });
  afterAll(async () => {
    await orm.close();
    await db.drop();
  });
  beforeEach(() => void logged.splice(0));

  it("runs the server's jobs (change retention, idempotent answers, overdue milestones) as the application, without a failure", async () => {
    const jobs = housekeepingJobs(loadConfig({}));
    await new Housekeeping(orm, jobs, logger, options).runOnce();
    expect(logged.filter((line) => Number(line['level']) >= 40)).toEqual([]);
    expect(JOBS.map((job) => job.name)).toContain('announce overdue milestones');
  });

  it('runs every job in order, goes on past one that fails, logs it by name, and then ends the round', async () => {
    const ran: string[] = [];
    const job = (name: string, sql: string): HousekeepingJob => ({
      name,
      run: async (em) => {
        ran.push(name);
        await em.execute(sql);
      },
    });
    const jobs = [job('first', 'select 1'), job('broken', 'select kp_no_such_function()'), job('last', 'select 1')];
    const afterRound = jest.fn(async () => void ran.push('after the round'));
    await new Housekeeping(orm, jobs, logger, { ...options, afterRound }).runOnce();
    expect(ran).toEqual(['first', 'broken', 'last', 'after the round']);
    expect(logged.filter((line) => line['level'] === 40).map((line) => line['job'])).toEqual(['broken']);
  });

  it('runs its first round soon after start, and stop waits for a round under way', async () => {
    let release!: () => void;
    const started = new Promise<void>((resolve) => {
      release = resolve;
    });
    let finished = false;
    const slow: HousekeepingJob = {
      name: 'slow',
      run: async () => {
        release();
        await new Promise((resolve) => setTimeout(resolve, 100));
        finished = true;
      },
    };
    const housekeeping = new Housekeeping(orm, [slow], logger, options);
    housekeeping.start();
    await started;
    await housekeeping.stop();
    expect(finished).toBe(true);
  });
});
