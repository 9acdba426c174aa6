import { MIGRATIONS } from '../../migrations';
import { runMigrations } from '../../src/db/run-migrations';
import { databaseMigratedTo } from '../support/migrated-database';
import { CITY, DECHENG, NINGJIN, XINHU, XINHUA } from '../support/fixtures';

const MIGRATION = 'Migration20261204170000ReportSourceRollup';
const BEFORE = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === MIGRATION) - 1]!.name;

/**
 * A database with approved reports filed before completion by funding source had its rollup table,
 * migrated: the table starts with what the reports already say (not empty until the next report),
 * equal to a rebuild, and the trigger keeps it from there.
 */
describe('migrating reports filed before the completion-by-source rollup', () => {
  const db = databaseMigratedTo(BEFORE, 'kp_source');
  const { asViewer } = db;

  /** A project of `tenant` built at `location`, with one report per entry of `reports`. */
  async function projectWithReports(
    tenant: string,
    location: string | null,
    reports: { period: string; wan: number; status: string; sources: { source: string; amountWan: string }[] }[],
  ): Promise<string> {
    const id = (await db.owner.query<{ id: string }>('select gen_random_uuid()::text as id')).rows[0]!.id;
    await asViewer(
      tenant,
      `insert into project (id, name, category, nature, stage, owner_tenant_code, location_tenant_code, total_investment_wan, planned_start_on, created_at, updated_at)
       values ($1, $2, 'OTHER', 'NEW', 'UNDER_CONSTRUCTION', $3, $4, 800, '2026-02-01', now(), now())`,
      [id, `来源迁移${id.slice(0, 6)}`, tenant, location],
      false,
    );
    for (const r of reports) {
      await asViewer(
        tenant,
        `insert into progress_report (id, project_id, period, completed_investment_wan, progress_note, stage_at_month_end, reported_by, reported_by_name, status, funding_sources)
         values (gen_random_uuid(), $1, $2, $3, '施工中', 'UNDER_CONSTRUCTION', 'migration-test', '迁移测试', $4, $5::jsonb)`,
        [id, r.period, r.wan, r.status, JSON.stringify(r.sources)],
        false,
      );
    }
    return id;
  }

  /** A tenant's completion by source for 2026, by location (every row) or by owner (rows not `located`). */
  async function bySource(tenant: string, byLocation: boolean): Promise<Record<string, string>> {
    const { rows } = await db.owner.query<{ source: string; wan: string }>(
      `select source, sum(completed_wan)::numeric(18,4)::text as wan from rollup_report_source_month
        where tenant_code = $1 and period between '2026-01-01' and '2026-12-01' and ($2 or not located)
        group by source having sum(completed_wan) <> 0`,
      [tenant, byLocation],
    );
    return Object.fromEntries(rows.map((r) => [r.source, r.wan]));
  }

  /** Every row, slots folded and zero sums dropped, in a stable order. */
  async function rows(): Promise<unknown[]> {
    const { rows: all } = await db.owner.query(
      `select tenant_code, located, source, period::text, sum(completed_wan)::numeric(18,4)::text as wan
         from rollup_report_source_month group by 1, 2, 3, 4 having sum(completed_wan) <> 0 order by 1, 2, 3, 4`,
    );
    return all;
  }

  it('fills the table from the approved reports, equal to a rebuild, and the trigger keeps it after', async () => {
    // Owned by 新湖街道, built at 新华街道 (属地): 60 from special bonds, 10 from bank loans, 30 unnamed.
    const moved = await projectWithReports(XINHU, XINHUA, [
      {
        period: '2026-05-01',
        wan: 100,
        status: 'APPROVED',
        sources: [
          { source: 'LOCAL_SPECIAL_BONDS', amountWan: '60' },
          { source: 'BANK_LOANS', amountWan: '10' },
        ],
      },
      // Under review: no completion until approved.
      { period: '2026-06-01', wan: 50, status: 'SUBMITTED', sources: [{ source: 'CENTRAL_BUDGET', amountWan: '50' }] },
    ]);
    // 宁津县, nothing named: all of it 未注明来源.
    await projectWithReports(NINGJIN, null, [{ period: '2026-05-01', wan: 20, status: 'APPROVED', sources: [] }]);

    await runMigrations(db.orm);

    expect(await bySource(CITY, false)).toEqual({ LOCAL_SPECIAL_BONDS: '60.0000', BANK_LOANS: '10.0000', '': '50.0000' });
    expect(await bySource(CITY, true)).toEqual(await bySource(CITY, false));
    expect(await bySource(XINHU, false)).toEqual({ LOCAL_SPECIAL_BONDS: '60.0000', BANK_LOANS: '10.0000', '': '30.0000' });
    // By location the project counts where it is built, not where it is owned; their county holds both.
    expect(await bySource(XINHU, true)).toEqual({});
    expect(await bySource(XINHUA, true)).toEqual({ LOCAL_SPECIAL_BONDS: '60.0000', BANK_LOANS: '10.0000', '': '30.0000' });
    expect(await bySource(DECHENG, true)).toEqual(await bySource(DECHENG, false));
    const migrated = await rows();
    await db.owner.query('select kp_rebuild_rollups()');
    expect(await rows()).toEqual(migrated);

    // Writing on: approving the report under review adds its source through the trigger.
    await asViewer(XINHU, `update progress_report set status = 'APPROVED' where project_id = $1 and status = 'SUBMITTED'`, [moved]);
    expect(await bySource(CITY, false)).toEqual({
      LOCAL_SPECIAL_BONDS: '60.0000',
      BANK_LOANS: '10.0000',
      CENTRAL_BUDGET: '50.0000',
      '': '50.0000',
    });
  });
});
