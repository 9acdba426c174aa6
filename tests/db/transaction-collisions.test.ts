import { MikroORM } from '@mikro-orm/postgresql';
import pino from 'pino';
import { createFormatError } from '../../src/errors/format-error';
import { appOrmOptions } from '../../src/mikro-orm.config';
import { ownerClientOn } from '../support/database';

/**
 * Two transactions that lock the same rows in opposite orders: PostgreSQL breaks the deadlock by
 * rolling one back (40P01). With rollup slots and one audit chain per tenant, writers rarely share
 * rows, but two of one tenant on many connections still can: the client must read a retryable
 * CONFLICT, never an internal error.
 */
describe('a deadlock PostgreSQL breaks', () => {
  const owner = ownerClientOn();
  let orm: MikroORM;

  beforeAll(async () => {
    orm = await MikroORM.init(appOrmOptions({ clientUrl: owner.database().url, poolMax: 2 }));
    await owner
      .client()
      .query(`create table collision_probe (id int primary key, n int not null); insert into collision_probe values (1, 0), (2, 0)`);
  });
  afterAll(() => orm.close(true));

  it('reaches the client as CONFLICT, retryable, in its language', async () => {
    const first = orm.em.fork();
    const second = orm.em.fork();
    await first.begin();
    await second.begin();
    await first.execute('update collision_probe set n = n + 1 where id = 1');
    await second.execute('update collision_probe set n = n + 1 where id = 2');
    /** The error a statement fails with, or undefined when it succeeds. */
    const outcome = (work: Promise<unknown>) =>
      work.then(
        () => undefined,
        (error: unknown) => error,
      );
    // One of the two is rolled back by PostgreSQL; the other then gets its lock and succeeds.
    const [a, b] = await Promise.all([
      outcome(first.execute('update collision_probe set n = n + 1 where id = 2')),
      outcome(second.execute('update collision_probe set n = n + 1 where id = 1')),
    ]);
    const error = a ?? b;
    expect(a === undefined || b === undefined).toBe(true);
    await first.rollback().catch(() => undefined);
    await second.rollback().catch(() => undefined);
    expect((error as { code?: string }).code).toBe('40P01');

    const formatError = createFormatError(pino({ level: 'silent' }));
    const zh = formatError({ message: 'x' }, error, 'zh');
    expect(zh.extensions).toEqual({ code: 'CONFLICT', retryable: true });
    expect(zh.message).toContain('请直接重试');
    expect(formatError({ message: 'x' }, error, 'en').message).toContain('try again');
  });
});
