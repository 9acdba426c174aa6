import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { openOwnerDatabase } from '../database';
import { EXIT_OK, runCommand, UsageError } from './run-command';

function statements(sql: string): string {
  return sql
    .split(/;\s*\n/)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter(Boolean)
    .map((s) => `    this.addSql(\`${s.replaceAll('`', '\\`')};\`);`)
    .join('\n');
}

const USAGE = 'Usage: npm run migration:create -- <PascalCaseName>';

/**
 * Diffs the entities against the migrated development database and writes the difference as a
 * new TypeScript migration under migrations/. List the new class in migrations/index.ts, then
 * review the SQL: the generator knows nothing of extensions, row-level security or grants.
 */
async function main(args: readonly string[]): Promise<number> {
  const name = (args[0] ?? '').replace(/[^A-Za-z0-9]/g, '');
  if (!name) throw new UsageError('give the new migration a name', USAGE);
  const db = await openOwnerDatabase(loadConfig(), { migrate: true });
  try {
    const diff = await db.orm.schema.getUpdateSchemaMigrationSQL({ wrap: false });
    if (!diff.up.trim()) {
      process.stdout.write('The entities and the migrations agree: nothing to create.\n');
      return EXIT_OK;
    }
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const className = `Migration${stamp}${name}`;
    const file = path.resolve(__dirname, '../../../migrations', `${className}.ts`);
    writeFileSync(
      file,
      `import { Migration } from '@mikro-orm/migrations';

/** TODO: say why this migration exists. */
export class ${className} extends Migration {
  override async up(): Promise<void> {
${statements(diff.up)}
  }

  override async down(): Promise<void> {
${statements(diff.down)}
  }
}
`,
    );
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\nNow list ${className} in migrations/index.ts and review its SQL.\n`);
    return EXIT_OK;
  } finally {
    await db.close();
  }
}

runCommand('migration:create', main);
