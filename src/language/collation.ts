/**
 * Chinese order (拼音排序) for lists sorted by name in memory: 德城区, 乐陵市, 临邑县, 陵城区 … by
 * pinyin, not by code point (which puts 乐 before 德). The same order as PostgreSQL's ICU
 * collation `zh-x-icu`, which the name columns sort by (migration 20261203120000PinyinOrder).
 */
const pinyin = new Intl.Collator('zh-CN');

export const byPinyin = (a: string, b: string): number => pinyin.compare(a, b);
