import { Migration } from '@mikro-orm/migrations';

/**
 * Names sort in Chinese order (拼音排序): 德城区, 乐陵市, 临邑县, 陵城区 …, as an official expects, not
 * in code-point order (乐 U+4E50 before 德 U+5FB7). The name columns take PostgreSQL's ICU
 * collation `zh-x-icu` (CLDR's default for Chinese is pinyin; ICU is built into PostgreSQL's
 * Debian, RHEL, Docker and embedded builds). Declared on the column, every `order by name` and
 * every comparison with a name follows it: a list ordered by name and its keyset cursor
 * (`(name, id) > (?, ?)`) agree without each query saying `collate`. The collation is
 * deterministic, so equality and the unique and ilike searches mean what they meant.
 *
 * MikroORM's schema comparison ignores collations, so the entities need no change.
 */
const NAME_COLUMNS = [
  ['tenant', 'name', 'varchar(100)'],
  ['project', 'name', 'varchar(200)'],
  ['investment_lead', 'name', 'varchar(200)'],
  ['project_assignment', 'name', 'varchar(100)'],
] as const;

export class Migration20261203120000PinyinOrder extends Migration {
  override async up(): Promise<void> {
    for (const [table, column, type] of NAME_COLUMNS) {
      this.addSql(`alter table "${table}" alter column "${column}" type ${type} collate "zh-x-icu";`);
    }
  }

  override async down(): Promise<void> {
    for (const [table, column, type] of NAME_COLUMNS) {
      this.addSql(`alter table "${table}" alter column "${column}" type ${type} collate "default";`);
    }
  }
}
