import { Client } from 'pg';
import { apiScalarOf } from '../../src/modules/live/change-values';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * Live events write each changed value in the API's format, choosing the scalar by the column's
 * name (src/modules/live/change-values.ts). This holds every column of every table that writes
 * change events to that rule, so a new column named against the schema's conventions (a date not
 * ending in `_on`, money not ending in `_wan`) fails here instead of reaching integrators raw.
 */
describe('the values of change events', () => {
  let db: TestDatabase;
  let columns: { table: string; column: string; type: string }[];

  beforeAll(async () => {
    db = await createTestDatabase('empty');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      ({ rows: columns } = await client.query(`
        select distinct c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type
          from pg_trigger t
          join pg_proc p on p.oid = t.tgfoid
          join pg_class c on c.oid = t.tgrelid
          join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
         where not t.tgisinternal and p.proname like 'kp_record%change'
         order by 1, 2`));
    } finally {
      await client.end();
    }
  });
  afterAll(() => db.drop());

  it('come from every table with a change trigger', () => {
    expect(new Set(columns.map((c) => c.table))).toEqual(
      new Set(['project', 'progress_report', 'milestone', 'project_assignment', 'project_annual_plan', 'blocker', 'investment_lead']),
    );
  });

  it('are written by the scalar that matches each column type: dates, instants and money never stay raw', () => {
    const expected = (type: string): string[] => {
      if (type === 'date') return ['LocalDate', 'Period'];
      if (type.startsWith('timestamp')) return ['DateTimeISO'];
      if (type.startsWith('numeric')) return ['Wan'];
      return ['text'];
    };
    const mismatches = columns
      .map(({ table, column, type }) => ({ at: `${table}.${column} (${type})`, scalar: apiScalarOf(column)?.name ?? 'text', allowed: expected(type) }))
      .filter(({ scalar, allowed }) => !allowed.includes(scalar));
    expect(mismatches).toEqual([]);
  });
});
