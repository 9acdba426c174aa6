import { Migration } from '@mikro-orm/migrations';

/** The rollup sums kept per (key, slot) instead of per key. */
const SLOTTED = [
  'rollup_project',
  'rollup_report_month',
  'rollup_level_month',
  'rollup_list',
  'rollup_level_list',
  'rollup_funds',
  'rollup_milestone',
  'rollup_milestone_month',
  'rollup_target',
  'rollup_flag',
  'rollup_flag_month',
];

/**
 * Re-creates `table`'s primary key (same name) on its columns with the slot last (reads by tenant
 * still use its prefix), or on its columns but the slot.
 */
function primaryKeySql(table: string, slot: 'with the slot' | 'without the slot'): string {
  const columns = slot === 'with the slot' ? `columns || ', slot'` : 'columns';
  return `do $$
    declare
      name text;
      columns text;
    begin
      select c.conname, string_agg(quote_ident(a.attname), ', ' order by k.n) filter (where a.attname <> 'slot') into name, columns
        from pg_constraint c
        cross join lateral unnest(c.conkey) with ordinality k(attnum, n)
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
       where c.conrelid = '${table}'::regclass and c.contype = 'p'
       group by c.conname;
      execute format('alter table ${table} drop constraint %I, add constraint %I primary key (%s)', name, name, ${columns});
    end $$;`;
}

/**
 * Rollup sums in slots (issue 15): the statement triggers kept one row per figure and key at every
 * ancestor, so every write in a city locked the city's rows (and its county's) until it committed,
 * and towns writing at once queued for them. Each sum now has a `slot` in its primary key: a
 * connection adds to the rows of its own slot (kp_rollup_slot: 1-16, dealt round-robin from the
 * sequence `rollup_slot_deal`), a read sums over the slots (kp_rollup_read and kp_rollup_flags
 * already sum the rows of a key), and housekeeping folds the slots back into slot 0
 * (kp_compact_rollup_slot), which also holds the rebuilt sums. Every figure stays exact: a
 * contribution and its removal may land in different slots, and the sum over slots is the same.
 *
 * Existing rows become slot 0 unchanged. The partial index finds a slot's rows for compaction
 * without scanning the table.
 */
export class Migration20261203151600RollupSlots extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create sequence "rollup_slot_deal";`);
    for (const table of SLOTTED) {
      this.addSql(`alter table "${table}" add column "slot" smallint not null default 0;`);
      this.addSql(primaryKeySql(table, 'with the slot'));
      this.addSql(`create index "${table}_slot" on "${table}" ("slot") where "slot" <> 0;`);
    }
  }

  override async down(): Promise<void> {
    // Fold every slot into slot 0 before the slot leaves the key.
    this.addSql(`select kp_compact_rollup_slot(s::smallint) from generate_series(1, 16) s;`);
    for (const table of SLOTTED) {
      this.addSql(`drop index if exists "${table}_slot";`);
      this.addSql(primaryKeySql(table, 'without the slot'));
      this.addSql(`alter table "${table}" drop column "slot";`);
    }
    this.addSql(`drop sequence if exists "rollup_slot_deal";`);
  }
}
