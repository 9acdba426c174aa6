import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { children, freePort, serverEnv, start } from '../support/server-process';

/**
 * A demo load that fails on an external PostgreSQL used to print one 166 KB line: the whole
 * multi-row insert, with the demo contacts' names and phone numbers. The failure is one bounded
 * JSON line naming the error by type and SQLSTATE, with no SQL and no values.
 */
describe('a failed demo load', () => {
  let db: TestDatabase;
  let dataDir: string;

  beforeAll(async () => {
    db = await createTestDatabase('empty');
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'kp-demo-failure-'));
    // The projects' insert fails inside PostgreSQL, as a constraint would.
    const owner = new Client({ connectionString: db.url });
    await owner.connect();
    try {
      await owner.query(`create function kp_test_refuse_projects() returns trigger language plpgsql as $$
        begin raise exception 'demo projects refused by the test' using errcode = 'check_violation'; end $$`);
      await owner.query(
        'create trigger kp_test_refuse_projects before insert on project for each statement execute function kp_test_refuse_projects()',
      );
    } finally {
      await owner.end();
    }
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exits 1 with one bounded JSON line that names the failure without the insert, names or phone numbers', async () => {
    const env = serverEnv({
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      DATABASE_URL: db.appUrl,
      DATABASE_MIGRATION_URL: db.url,
      LOAD_DEMO_DATA: 'true',
    });
    const output = await start(env).then(
      () => {
        throw new Error('the server started although its demo load failed');
      },
      (error: Error) => error.message,
    );
    expect(output).toMatch(/^server exited with 1:/);
    const lines = output
      .split('\n')
      .slice(1)
      .filter((line) => line.trim() !== '');
    for (const line of lines) {
      expect(line.length).toBeLessThan(4_000);
      expect(line).not.toMatch(/insert into|values \(|0534-\d{7}/i);
    }
    const failure = lines.find((line) => line.includes('Failed to start'));
    expect(failure).toBeDefined();
    const logged = JSON.parse(failure!);
    expect(logged).toMatchObject({
      level: 60,
      msg: 'Failed to start: CheckConstraintViolationException (code 23514)',
      err: { code: '23514' },
    });
  }, 120_000);
});
