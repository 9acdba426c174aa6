import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AbstractSqlConnection, Transaction } from '@mikro-orm/postgresql';

/**
 * The database functions (`kp_*`): each one's current definition is a file of its own under
 * src/db/sql/<group>/<name>.sql (`create or replace function` and the grants it needs), applied
 * after the migrations by runMigrations. Migrations create and drop tables, columns, triggers and
 * policies; a function's body lives only in its file (see src/db/sql/README.md).
 */
export interface DatabaseFunctionFile {
  /** The function the file defines: its file name. */
  readonly name: string;
  /** Relative to src/db/sql, with forward slashes: the order files are applied in. */
  readonly file: string;
  readonly sql: string;
}

/**
 * The .sql files are not compiled, so they are read where they are kept (src/db/sql), found from
 * the package root: the same place for this file under src/ (tests, ts-node) and under dist/ (the
 * compiled server and commands; the image copies src/db/sql beside dist/).
 */
function sqlDirectory(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'src', 'db', 'sql');
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}: cannot find src/db/sql`);
  }
}

function sqlFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return sqlFiles(path.join(dir, entry.name), relative);
    return entry.name.endsWith('.sql') ? [relative] : [];
  });
}

/**
 * Every function file, in a stable order (by path). The order matters only for a function that no
 * migration declared yet and that a `language sql` function of an earlier file calls: PostgreSQL
 * checks a SQL function's body when it is created.
 */
export function databaseFunctionFiles(dir: string = sqlDirectory()): DatabaseFunctionFile[] {
  return sqlFiles(dir)
    .sort()
    .map((file) => ({ name: path.basename(file, '.sql'), file, sql: readFileSync(path.join(dir, file), 'utf8') }));
}

/**
 * What an applied file leaves as its function's comment: which file, and its hash. A run finds
 * from the comments alone whether anything is left to apply, so a login that may not replace the
 * functions (a server on the application's login, starting with nothing pending) changes nothing.
 */
function fingerprint(file: DatabaseFunctionFile): string {
  return `applied from src/db/sql/${file.file}, sha256 ${createHash('sha256').update(file.sql).digest('hex')}`;
}

/** Functions in the current schema whose comment is not their file's fingerprint (or that are missing). */
async function staleFunctions(
  connection: AbstractSqlConnection,
  trx: Transaction,
  files: readonly DatabaseFunctionFile[],
): Promise<string[]> {
  const rows = await connection.execute<{ name: string; applied: string | null }[]>(
    `select p.proname as name, obj_description(p.oid, 'pg_proc') as applied
       from pg_proc p where p.pronamespace = current_schema()::regnamespace and p.proname like 'kp\\_%'`,
    [],
    'all',
    trx,
  );
  const applied = new Map(rows.map((r) => [r.name, r.applied]));
  return files.filter((file) => applied.get(file.name) !== fingerprint(file)).map((file) => file.name);
}

/**
 * Runs every file (create or replace, then its grants) and marks its function with the file's
 * fingerprint, inside the caller's transaction; only when `always` (a migration ran, and may have
 * replaced a function with the body it carries) or when a file changed since it was last applied.
 * Returns whether the files were applied.
 */
export async function applyDatabaseFunctions(
  connection: AbstractSqlConnection,
  trx: Transaction,
  files: readonly DatabaseFunctionFile[],
  options: { always: boolean },
): Promise<boolean> {
  if (!options.always && (await staleFunctions(connection, trx, files)).length === 0) return false;
  for (const file of files) {
    await connection.execute(file.sql, [], 'run', trx);
    // COMMENT takes the function's signature, which only the catalogue knows.
    const comments = await connection.execute<{ statement: string }[]>(
      `select format('comment on function %s is %L', p.oid::regprocedure, ?::text) as statement
         from pg_proc p where p.pronamespace = current_schema()::regnamespace and p.proname = ?`,
      [fingerprint(file), file.name],
      'all',
      trx,
    );
    for (const { statement } of comments) await connection.execute(statement, [], 'run', trx);
  }
  return true;
}
