import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

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
