import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { isDatabaseUnavailable } from '../../src/errors/database-unavailable';
import { appOrmOptions } from '../../src/mikro-orm.config';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { PostgresProxy } from '../support/pg-proxy';
import { failureOf } from '../support/failure-of';

/**
 * The outages the classifier must recognise, produced for real: PostgreSQL behind a proxy that is
 * taken away, a session terminated by an administrator, a login over its connection limit; and
 * failures that are not outages, which must stay what they are.
 */
describe('database failures, as the ORM and the driver raise them', () => {
  let db: TestDatabase;
  let proxy: PostgresProxy;
  let orm: MikroORM;

  beforeAll(async () => {
    db = await createTestDatabase('empty');
    proxy = await PostgresProxy.start(db.url);
    orm = await MikroORM.init(appOrmOptions({ clientUrl: proxy.urlFor(db.url), poolMax: 2 }));
  });
  afterAll(async () => {
    await orm.close(true);
    await proxy.close();
    await db.drop();
  });
  afterEach(() => proxy.restore());

  it('counts a refused connection as an outage', async () => {
    await proxy.cut();
    const error = await failureOf(() => orm.em.fork().execute('select 1'));
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('counts a connection terminated inside a transaction as an outage', async () => {
    const em = orm.em.fork();
    await em.begin();
    await em.execute('select 1');
    await proxy.cut();
    const error = await failureOf(() => em.execute('select 2'));
    await em.rollback().catch(() => undefined);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('counts a session an administrator terminated (57P01) as an outage', async () => {
    const em = orm.em.fork();
    const [backend] = await em.execute<{ pid: number }[]>('select pg_backend_pid() as pid');
    const pid = backend!.pid;
    const sleeping = failureOf(() => em.execute(`select pg_sleep(30), 'kp-terminate-me'`));
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    try {
      // Terminate it once it is running, not before it started.
      for (let running = false; !running;) {
        const rows = await admin.query(
          `select 1 from pg_stat_activity where pid = $1 and query like '%kp-terminate-me%' and state = 'active'`,
          [pid],
        );
        running = rows.rowCount === 1;
        if (!running) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await admin.query('select pg_terminate_backend($1)', [pid]);
    } finally {
      await admin.end();
    }
    const error = (await sleeping) as { code?: string };
    expect(error.code).toBe('57P01');
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('counts a login over its connection limit (53300) as an outage', async () => {
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    const role = `kp_limited_${process.pid}`;
    await admin.query(`drop role if exists ${role}`);
    await admin.query(`create role ${role} login password 'limited' connection limit 0`);
    try {
      const url = new URL(db.url);
      url.username = role;
      url.password = 'limited';
      const limited = new Client({ connectionString: url.toString() });
      const error = (await failureOf(() => limited.connect())) as { code?: string };
      expect(error.code).toBe('53300');
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      await admin.query(`drop role if exists ${role}`);
      await admin.end();
    }
  });

  it.each([
    ['a division by zero', 'select 1 / 0'],
    ['a syntax error', 'selec 1'],
    ['a missing table', 'select * from no_such_table'],
  ])('does not count %s', async (_what, sql) => {
    const error = await failureOf(() => orm.em.fork().execute(sql));
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('does not count a statement cancelled by its timeout (57014): that is TIMEOUT', async () => {
    const em = orm.em.fork();
    await em.begin();
    try {
      await em.execute(`select set_config('statement_timeout', '10', true)`);
      const error = (await failureOf(() => em.execute('select pg_sleep(5)'))) as { code?: string };
      expect(error.code).toBe('57014');
      expect(isDatabaseUnavailable(error)).toBe(false);
    } finally {
      await em.rollback();
    }
  });
});
