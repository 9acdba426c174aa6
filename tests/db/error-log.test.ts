import { MikroORM } from '@mikro-orm/postgresql';
import { createLogger } from '../../src/logger';
import { appOrmOptions } from '../../src/mikro-orm.config';
import { errorSummary } from '../../src/observability/error-log';
import { apolloLogger, knexLog } from '../../src/observability/library-logs';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { PostgresProxy } from '../support/pg-proxy';
import { failureOf } from '../support/failure-of';

const NAME = '王磊';
const PHONE = '0534-2345678';

/** A logger writing into an array, one parsed JSON object per line. */
function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger({ logLevel: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines, text: () => lines.join('') };
}

/**
 * The logs never carry SQL, its values or what PostgreSQL quotes of them: real errors from a real
 * PostgreSQL (MikroORM writes values into the statement, PostgreSQL quotes them in messages and
 * details) are logged by what names them.
 */
describe('errors in the logs', () => {
  let db: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    db = await createTestDatabase('empty');
    orm = await MikroORM.init(appOrmOptions({ clientUrl: db.url, poolMax: 2 }));
    await orm.em
      .fork()
      .execute('create table kp_test_contact (name text, phone text, constraint kp_test_contact_phone_key unique (phone))');
  });
  afterAll(async () => {
    await orm.close(true);
    await db.drop();
  });

  const insertContact = () => orm.em.fork().execute('insert into kp_test_contact (name, phone) values (?, ?)', [NAME, PHONE]);

  it('logs a failed statement by SQLSTATE, table and constraint, without the statement, its values or the detail', async () => {
    await insertContact();
    const error = await failureOf(insertContact);
    expect(String((error as Error).message)).toContain(NAME); // what the logs must not repeat
    const { logger, lines, text } = capturedLogger();
    logger.error({ err: error }, 'failed');
    expect(lines).toHaveLength(1);
    const logged = JSON.parse(lines[0]!).err;
    expect(logged).toMatchObject({
      type: 'UniqueConstraintViolationException',
      code: '23505',
      table: 'kp_test_contact',
      constraint: 'kp_test_contact_phone_key',
    });
    expect(logged.stack).toMatch(/^\s+at /);
    for (const secret of [NAME, PHONE, 'insert into', 'Key (']) expect(text()).not.toContain(secret);
    expect(errorSummary(error)).toBe(
      'UniqueConstraintViolationException (code 23505) on table kp_test_contact, constraint kp_test_contact_phone_key',
    );
  });

  it("leaves out PostgreSQL's message where it quotes a value", async () => {
    const error = await failureOf(() =>
      orm.em.fork().execute(`select set_config('kp.actor_name', ?, true), ?::uuid`, [NAME, `${NAME} ${PHONE}`]),
    );
    const { logger, text } = capturedLogger();
    logger.warn({ err: error }, 'failed');
    expect(JSON.parse(text()).err).toMatchObject({ code: '22P02' });
    for (const secret of [NAME, PHONE, 'set_config']) expect(text()).not.toContain(secret);
  });

  it("keeps the driver's own words when the connection failed, not the statement in front of them", async () => {
    const proxy = await PostgresProxy.start(db.url);
    const viaProxy = await MikroORM.init(appOrmOptions({ clientUrl: proxy.urlFor(db.url), poolMax: 1 }));
    const em = viaProxy.em.fork();
    try {
      await em.begin();
      await em.execute(`select set_config('kp.actor_name', ?, true)`, [NAME]);
      const failing = failureOf(() => em.execute(`select set_config('kp.actor_name', ?, true), pg_sleep(30)`, [NAME]));
      await proxy.cut();
      const error = await failing;
      const { logger, text } = capturedLogger();
      logger.warn({ err: error }, 'failed');
      expect(JSON.parse(text()).err.message).toMatch(/Connection terminated/);
      for (const secret of [NAME, 'set_config']) expect(text()).not.toContain(secret);
    } finally {
      await em.rollback().catch(() => undefined);
      await viaProxy.close(true);
      await proxy.close();
    }
  });

  it('keeps a cause, described the same way', async () => {
    await failureOf(insertContact);
    const cause = await failureOf(insertContact);
    const { logger, text } = capturedLogger();
    logger.error({ err: new Error('demo data could not be loaded', { cause }) }, 'failed');
    expect(JSON.parse(text()).err).toMatchObject({
      message: 'demo data could not be loaded',
      cause: { code: '23505', table: 'kp_test_contact' },
    });
    expect(text()).not.toContain(NAME);
  });

  it("withholds any other error's message that quotes SQL, and bounds the rest", () => {
    const { logger, lines } = capturedLogger();
    logger.error({ err: new Error(`insert into "project" ("contact_name") values ('${NAME}')`) }, 'quoted');
    logger.error({ err: new Error('x'.repeat(200_000)) }, 'long');
    expect(lines[0]).not.toContain(NAME);
    expect(lines[1]!.length).toBeLessThan(5_000);
  });

  it("writes Apollo's and knex's lines as JSON, without the error text they append", () => {
    const { logger, lines } = capturedLogger();
    apolloLogger(logger).error(
      `Unexpected error processing request: DriverException: select set_config('kp.actor_name', '${NAME}', true) - Connection terminated`,
    );
    knexLog(logger).warn('Connection Error: Error: Connection terminated unexpectedly');
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual([
      'Unexpected error processing request',
      'Connection Error: Error: Connection terminated unexpectedly',
    ]);
  });
});
