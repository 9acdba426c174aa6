import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { MIGRATIONS } from '../../migrations';
import { runMigrations } from '../../src/db/run-migrations';
import { appOrmOptions } from '../../src/mikro-orm.config';
import { importCityTenants } from '../../src/modules/tenant/tenant-import';
import { databaseUrl, withAdmin } from '../support/database';
import { CITY, DECHENG, NINGJIN, XINHU, XINHUA } from '../support/fixtures';

const MIGRATION = 'Migration20261204170000ReportSourceRollup';
const BEFORE = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === MIGRATION) - 1]!.name;

/**
 * A database with approved reports filed before completion by funding source had its rollup table,
 * migrated: the table starts with what the reports already say (not empty until the next report),
 * equal to a rebuild, and the trigger keeps it from there.
 */
describe('migrating reports filed before the completion-by-source rollup', () => {
  const name = `kp_source_${randomBytes(5).toString('hex')}`;
  let orm: MikroORM;
  let owner: Client;

  /**
   * One transaction as a viewer of `tenant`. `triggers: false` before the migration: a database
   * migrated only up to BEFORE has the landed migrations' function bodies without the files that
   * replace them (the audit trail's among them fails there), and the backfill reads only raw rows.
   */
  async function asViewer(tenant: string, sql: string, params: unknown[] = [], triggers = true): Promise<void> {
    await owner.query('begin');
    if (!triggers) await owner.query(`set local session_replication_role = replica`);
    await owner.query(
      `select set_config('kp.subject', 'migration-test', true), set_config('kp.actor_name', '迁移测试', true),
              set_config('kp.tenant_code', $1, true), set_config('kp.read_root', $2, true)`,
      [tenant, CITY],
    );
    await owner.query(sql, params);
    await owner.query('commit');
  }

  /** A project of `tenant` built at `location`, with one report per entry of `reports`. */
  async function projectWithReports(
    tenant: string,
    location: string | null,
    reports: { period: string; wan: number; status: string; sources: { source: string; amountWan: string }[] }[],
  ): Promise<string> {
    const id = (await owner.query<{ id: string }>('select gen_random_uuid()::text as id')).rows[0]!.id;
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
    const { rows } = await owner.query<{ source: string; wan: string }>(
      `select source, sum(completed_wan)::numeric(18,4)::text as wan from rollup_report_source_month
        where tenant_code = $1 and period between '2026-01-01' and '2026-12-01' and ($2 or not located)
        group by source having sum(completed_wan) <> 0`,
      [tenant, byLocation],
    );
    return Object.fromEntries(rows.map((r) => [r.source, r.wan]));
  }

  /** Every row, slots folded and zero sums dropped, in a stable order. */
  async function rows(): Promise<unknown[]> {
    const { rows: all } = await owner.query(
      `select tenant_code, located, source, period::text, sum(completed_wan)::numeric(18,4)::text as wan
         from rollup_report_source_month group by 1, 2, 3, 4 having sum(completed_wan) <> 0 order by 1, 2, 3, 4`,
    );
    return all;
  }

  beforeAll(async () => {
    await withAdmin((admin) => admin.query(`create database "${name}"`));
    orm = await MikroORM.init(appOrmOptions({ clientUrl: databaseUrl(name), poolMax: 2 }));
    await orm.getMigrator().up({ to: BEFORE });
    await importCityTenants(orm.em.fork(), CITY);
    owner = new Client({ connectionString: databaseUrl(name) });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await orm?.close(true);
    await withAdmin((admin) => admin.query(`drop database if exists "${name}" with (force)`));
  });

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

    await runMigrations(orm);

    expect(await bySource(CITY, false)).toEqual({ LOCAL_SPECIAL_BONDS: '60.0000', BANK_LOANS: '10.0000', '': '50.0000' });
    expect(await bySource(CITY, true)).toEqual(await bySource(CITY, false));
    expect(await bySource(XINHU, false)).toEqual({ LOCAL_SPECIAL_BONDS: '60.0000', BANK_LOANS: '10.0000', '': '30.0000' });
    // By location the project counts where it is built, not where it is owned; their county holds both.
    expect(await bySource(XINHU, true)).toEqual({});
    expect(await bySource(XINHUA, true)).toEqual({ LOCAL_SPECIAL_BONDS: '60.0000', BANK_LOANS: '10.0000', '': '30.0000' });
    expect(await bySource(DECHENG, true)).toEqual(await bySource(DECHENG, false));
    const migrated = await rows();
    await owner.query('select kp_rebuild_rollups()');
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
