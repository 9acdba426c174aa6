import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ENTITIES, MODULES, RESOLVERS } from '../../src/modules/registry';
import { ownerClientOn } from '../support/database';

const MODULES_DIR = join(__dirname, '../../src/modules');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The modules a file imports values from (`import type` is erased: it couples no module at run time). */
function valueImportsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'\.\.\/([a-z-]+)\/[^']+';/gm)].filter((m) => !m[1]).map((m) => m[2]!);
}

/**
 * Where a module reaches up the order, and why that is allowed: an entity relates to another where
 * the database has the foreign key, a new project's funds at registration are a fund arrival, and
 * the project list filters by the light the rollup's rules give (its colours and its SQL).
 */
const UPHILL_ALLOWED = [
  'funds/fund-arrival.entity.ts -> attraction',
  'project/stage-change.entity.ts -> progress-report',
  'project/project.service.ts -> funds',
  'project/project.inputs.ts -> rollup',
  'project/project-list.ts -> rollup',
];

describe('module descriptors', () => {
  it('lists each module once, named after its folder, and every folder with code is a module', () => {
    const names = MODULES.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    const folders = readdirSync(MODULES_DIR).filter((name) => statSync(join(MODULES_DIR, name)).isDirectory());
    expect([...names].sort()).toEqual(folders.sort());
  });

  it('gives every entity and every resolver exactly one module', () => {
    expect(new Set(ENTITIES).size).toBe(ENTITIES.length);
    expect(new Set(RESOLVERS).size).toBe(RESOLVERS.length);
  });

  it('lets data flow downhill: a module imports values only from modules before it in the registry, never a resolver', () => {
    const rank = new Map(MODULES.map((m, i) => [m.name, i]));
    const uphill: string[] = [];
    const resolvers: string[] = [];
    for (const file of sourceFiles(MODULES_DIR)) {
      const path = relative(MODULES_DIR, file);
      const from = path.split('/')[0]!;
      if (!rank.has(from)) continue;
      const source = readFileSync(file, 'utf8');
      for (const [, to] of source.matchAll(/from\s+'\.\.\/([a-z-]+)\/[^']+\.resolver'/g))
        if (to !== from) resolvers.push(`${path} -> ${to}`);
      for (const to of valueImportsOf(file)) {
        if (to !== from && rank.has(to) && rank.get(to)! > rank.get(from)!) uphill.push(`${path} -> ${to}`);
      }
    }
    expect(resolvers).toEqual([]);
    expect([...new Set(uphill)].sort()).toEqual([...UPHILL_ALLOWED].sort());
  });

  describe('in the database', () => {
    const owner = ownerClientOn();

    it('declares exactly the tables the audit trail records, each in the module that owns it (a migration attaches the triggers)', async () => {
      const { rows } = await owner.client().query<{ table: string; triggers: string[] }>(
        `select c.relname as table, array_agg(t.tgname::text order by t.tgname) as triggers
           from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and not t.tgisinternal and t.tgname in (c.relname || '_audit', c.relname || '_audit_lock')
          group by c.relname order by 1`,
      );
      const declared = MODULES.flatMap((m) => m.auditedTables);
      expect(new Set(declared).size).toBe(declared.length);
      expect(rows.map((r) => r.table)).toEqual([...declared].sort());
      for (const row of rows) expect(row.triggers).toEqual([`${row.table}_audit`, `${row.table}_audit_lock`]);
    });
  });
});
