import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { databaseFunctionFiles, type DatabaseFunctionFile } from '../../src/db/database-functions';
import { runMigrations } from '../../src/db/run-migrations';
import { appOrmOptions } from '../../src/mikro-orm.config';
import { ownerClientOn } from '../support/database';

/**
 * Each database function has one home: its file under src/db/sql, applied after the migrations by
 * runMigrations. On a migrated database, every `kp_*` function must be exactly what its file
 * defines (definition and EXECUTE grants), and none may lack a file.
 *
 * How a file is compared: it is run in a scratch schema placed first on the search path (its
 * unqualified `create or replace function` and grants land there), then PostgreSQL's own rendering
 * (`pg_get_functiondef`) of the scratch function is compared with the live one. Any edit to a
 * file that was not applied shows, and the file may be written as people write SQL.
 */

const SCRATCH = 'kp_function_check';

/** Who, besides the owner, may execute a function: PUBLIC unless revoked (PostgreSQL's default). */
const GRANTEES = `(select coalesce(array_agg(case when a.grantee = 0 then 'PUBLIC' else a.grantee::regrole::text end order by 1), '{}')
                     from aclexplode(coalesce(f.proacl, acldefault('f', f.proowner))) a
                    where a.privilege_type = 'EXECUTE' and a.grantee <> f.proowner)`;

interface Rendered {
  definition: string;
  grantees: string[];
}

async function rendered(client: Client, schema: string, name: string): Promise<Rendered[]> {
  const rows = await client.query<Rendered>(
    `select pg_get_functiondef(f.oid) as definition, ${GRANTEES} as grantees
       from pg_proc f where f.pronamespace = $1::regnamespace and f.proname = $2`,
    [schema, name],
  );
  return rows.rows;
}

/**
 * What keeps the database and the files from agreeing, one line each: empty when every `kp_*`
 * function is defined by a file of its own and the database holds exactly that definition.
 */
async function drift(client: Client, files: readonly DatabaseFunctionFile[]): Promise<string[]> {
  const problems: string[] = [];
  const live = (
    await client.query<{ name: string }>(
      `select distinct proname as name from pg_proc where pronamespace = 'public'::regnamespace and proname like 'kp\\_%'`,
    )
  ).rows.map((r) => r.name);
  const named = new Set(files.map((f) => f.name));
  for (const name of live.filter((n) => !named.has(n)).sort())
    problems.push(`${name}: in the database, but no file under src/db/sql defines it`);
  for (const file of files.filter((f, i) => files.findIndex((g) => g.name === f.name) !== i))
    problems.push(`${file.file}: a second file for ${file.name}`);

  await client.query('begin');
  try {
    await client.query(`create schema ${SCRATCH}`);
    await client.query(`set local search_path = ${SCRATCH}, public`);
    for (const file of files) {
      await client.query('savepoint file');
      try {
        await client.query(file.sql);
      } catch (error) {
        await client.query('rollback to savepoint file');
        problems.push(`${file.file}: does not apply (${(error as Error).message})`);
        continue;
      }
      const created = (
        await client.query<{ name: string }>(`select proname as name from pg_proc where pronamespace = $1::regnamespace`, [SCRATCH])
      ).rows;
      const defined = await rendered(client, SCRATCH, file.name);
      const current = await rendered(client, 'public', file.name);
      await client.query('rollback to savepoint file');
      if (created.length !== 1 || defined.length !== 1) {
        problems.push(`${file.file}: must define one function, ${file.name} (defines ${created.map((c) => c.name).join(', ') || 'none'})`);
      } else if (current.length !== 1) {
        if (live.includes(file.name)) problems.push(`${file.file}: the database has ${current.length} functions named ${file.name}`);
        else problems.push(`${file.file}: the database has no function ${file.name} (apply it: npm run migrate)`);
      } else {
        const [mine, theirs] = [defined[0]!, current[0]!];
        if (mine.definition.replace(`${SCRATCH}.`, 'public.') !== theirs.definition) {
          problems.push(`${file.file}: the database's definition differs from the file (apply it: npm run migrate)`);
        }
        if (mine.grantees.join() !== theirs.grantees.join()) {
          problems.push(
            `${file.file}: executable by ${theirs.grantees.join(', ') || 'the owner only'} in the database, by ${mine.grantees.join(', ') || 'the owner only'} in the file`,
          );
        }
      }
    }
  } finally {
    await client.query('rollback');
  }
  return problems;
}

const edit = (files: DatabaseFunctionFile[], name: string, change: (sql: string) => string): DatabaseFunctionFile[] =>
  files.map((f) => {
    if (f.name !== name) return f;
    const sql = change(f.sql);
    if (sql === f.sql) throw new Error(`the edit of ${name} changed nothing`);
    return { ...f, sql };
  });

describe('database functions (src/db/sql)', () => {
  const owner = ownerClientOn();
  const files = databaseFunctionFiles();

  it('defines every kp_* function of the migrated database in a file of its own, exactly as the database has it', async () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.map((f) => f.file)).toEqual(files.map((f) => f.file).sort());
    for (const file of files) expect(file.file).toMatch(new RegExp(`^[a-z-]+/${file.name}\\.sql$`));
    expect(await drift(owner.client(), files)).toEqual([]);
  });

  it('finds a file edited but not applied', async () => {
    const edited = edit(files, 'kp_read_root', (sql) => sql.replace(`'kp.read_root'`, `'kp.read_root_elsewhere'`));
    expect(await drift(owner.client(), edited)).toEqual([
      "scope/kp_read_root.sql: the database's definition differs from the file (apply it: npm run migrate)",
    ]);
  });

  it('finds a grant the file no longer gives', async () => {
    const edited = edit(files, 'kp_rollup_read', (sql) => sql.replace(/^grant execute .*$/m, ''));
    expect(await drift(owner.client(), edited)).toEqual([
      'rollup-reads/kp_rollup_read.sql: executable by kp_app in the database, by the owner only in the file',
    ]);
  });

  it('finds a kp_* function without a file, and a file without its function', async () => {
    const orphan = 'create function kp_orphan() returns int language sql as $$ select 1 $$';
    await owner.client().query(orphan);
    try {
      const extra = { name: 'kp_unapplied', file: 'scope/kp_unapplied.sql', sql: orphan.replace('kp_orphan', 'kp_unapplied') };
      expect(await drift(owner.client(), [...files, extra])).toEqual([
        'kp_orphan: in the database, but no file under src/db/sql defines it',
        'scope/kp_unapplied.sql: the database has no function kp_unapplied (apply it: npm run migrate)',
      ]);
    } finally {
      await owner.client().query('drop function kp_orphan()');
    }
  });

  it('applies a file changed since the last run, also with no migration pending', async () => {
    const orm = await MikroORM.init(appOrmOptions({ clientUrl: owner.database().url, poolMax: 2 }));
    try {
      const edited = edit(files, 'kp_read_root', (sql) => sql.replace(`'kp.read_root'`, `'kp.read_root_elsewhere'`));
      expect(await runMigrations(orm, edited)).toEqual([]);
      expect(await drift(owner.client(), edited)).toEqual([]);
      expect(await runMigrations(orm, files)).toEqual([]);
      expect(await drift(owner.client(), files)).toEqual([]);
    } finally {
      await orm.close(true);
    }
  });

  it("writes nothing when nothing changed, so a server on the application's login (not the owner) starts with nothing pending", async () => {
    const orm = await MikroORM.init(appOrmOptions({ clientUrl: owner.database().appUrl, poolMax: 2 }));
    try {
      expect(await runMigrations(orm, files)).toEqual([]);
      const edited = edit(files, 'kp_subject', (sql) => sql.replace(`'kp.subject'`, `'kp.subject_elsewhere'`));
      await expect(runMigrations(orm, edited)).rejects.toThrow(/permission denied for schema public/);
    } finally {
      await orm.close(true);
    }
    expect(await drift(owner.client(), files)).toEqual([]);
  });
});
