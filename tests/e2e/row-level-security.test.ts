import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { beginScopedTransaction, endScopedTransaction } from '../../src/db/scoped-transaction';
import { appOrmOptions } from '../../src/mikro-orm.config';
import { Milestone } from '../../src/modules/milestone/milestone.entity';
import { Project } from '../../src/modules/project/project.entity';
import { ProgressReport } from '../../src/modules/progress-report/progress-report.entity';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * PostgreSQL holds the tenant boundary by itself: even code that forgets every filter, running as
 * the application's login, sees only what the request's scope allows.
 */
describe('row-level security', () => {
  let db: TestDatabase;
  let app: MikroORM;

  const XINHU_PATH = '371400.371402.371402001';
  const NEWHUA_TOWN = '371402002';

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    app = await MikroORM.init(appOrmOptions({ clientUrl: db.appUrl, poolMax: 2 }));
  });

  afterAll(async () => {
    await app.close(true);
    await db.drop();
  });

  async function ownerCount(url: string, sql: string): Promise<number> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const result = await client.query<{ n: number }>(sql);
      return Number(result.rows[0]?.n);
    } finally {
      await client.end();
    }
  }

  it('shows the application login nothing at all when no scope is set', async () => {
    for (const table of ['project', 'progress_report', 'milestone', 'project_stage_change', 'project_annual_plan', 'project_assignment']) {
      expect(await ownerCount(db.url, `select count(*)::int as n from ${table}`)).toBeGreaterThan(0);
      expect(await ownerCount(db.appUrl, `select count(*)::int as n from ${table}`)).toBe(0);
    }
  });

  it('does not let the application login bypass the policies: it owns nothing, is no superuser, has no BYPASSRLS', async () => {
    const client = new Client({ connectionString: db.appUrl });
    await client.connect();
    try {
      const role = await client.query(
        `select rolsuper, rolbypassrls, (select count(*)::int from pg_class where relowner = r.oid and relkind = 'r') as owned
           from pg_roles r where rolname = current_user`,
      );
      expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0 });
      const forced = await client.query(
        `select relname from pg_class where relname in ('project', 'progress_report', 'milestone', 'project_stage_change',
           'project_annual_plan', 'project_assignment') and relrowsecurity and relforcerowsecurity order by relname`,
      );
      expect(forced.rows).toHaveLength(6);
    } finally {
      await client.end();
    }
  });

  it("keeps a town's scope to its own rows (owned or built there, 属地) even when the code asks for everything", async () => {
    const em = app.em.fork();
    await beginScopedTransaction(em, { readRoot: XINHU_PATH, subject: 'someone' }, true);
    try {
      // A "resolver" that forgot its filter.
      const projects = await em.find(Project, {});
      const reports = await em.find(ProgressReport, {}, { populate: ['project'] });
      const milestones = await em.find(Milestone, {}, { populate: ['project'] });
      // The town's own projects, and those of its county or city built in the town.
      const inTown = (p: Project) => p.owner.code === '371402001' || p.location?.code === '371402001';
      expect(projects.length).toBeGreaterThan(0);
      expect(projects.some((p) => p.owner.code === '371402001')).toBe(true);
      expect(projects.every(inTown)).toBe(true);
      expect(reports.every((r) => inTown(r.project))).toBe(true);
      expect(milestones.every((m) => inTown(m.project))).toBe(true);
    } finally {
      await endScopedTransaction(em, 'rollback');
    }
  });

  it('refuses to write a row outside the scope', async () => {
    const em = app.em.fork();
    await beginScopedTransaction(em, { readRoot: XINHU_PATH, subject: 'someone' }, false);
    try {
      await expect(
        em.execute(
          `insert into project (id, name, category, nature, stage, owner_tenant_code, total_investment_wan)
           values (gen_random_uuid(), 'smuggled', 'OTHER', 'NEW', 'PLANNED', '${NEWHUA_TOWN}', 1)`,
        ),
      ).rejects.toThrow(/row-level security/);
    } finally {
      await endScopedTransaction(em, 'rollback');
    }
  });

  it("keeps the rollup reader (which bypasses the rollup tables' policies) to the scope as well", async () => {
    const em = app.em.fork();
    const read = async (root: string) => {
      const [row] = await em.execute<{ read: { tenants: { code: string; project_count: number }[] | null } }[]>(
        `select kp_rollup_read(?, true, '2026-10-01', '2026-10-31') as read`,
        [root],
      );
      return (row?.read.tenants ?? []).map((t) => t.code);
    };
    // No scope: nothing, not even the tenant rows.
    expect(await read('371400')).toEqual([]);
    await beginScopedTransaction(em, { readRoot: XINHU_PATH, subject: 'someone' }, true);
    try {
      // A town may read itself, not its county, its city or its neighbour.
      expect(await read('371402001')).toEqual(['371402001']);
      expect(await read('371400')).toEqual([]);
      expect(await read('371402')).toEqual([]);
      expect(await read(NEWHUA_TOWN)).toEqual([]);
    } finally {
      await endScopedTransaction(em, 'rollback');
    }
    await beginScopedTransaction(em, { readRoot: '371400.371402', subject: 'someone' }, true);
    try {
      // The county sees itself and its towns, nothing of the city.
      const codes = await read('371402');
      expect(codes[0]).toBe('371402');
      expect(codes.length).toBeGreaterThan(1);
      expect(codes.every((c) => c.startsWith('371402'))).toBe(true);
      expect(await read('371400')).toEqual([]);
    } finally {
      await endScopedTransaction(em, 'rollback');
    }
  });

  it('forgets the scope when the transaction ends, so a pooled connection carries nothing to the next request', async () => {
    const em = app.em.fork();
    await beginScopedTransaction(em, { readRoot: '371400', subject: 'someone' }, true);
    expect((await em.find(Project, {})).length).toBeGreaterThan(0);
    await endScopedTransaction(em, 'commit');
    // Same pool (two connections at most), no scope now.
    for (let i = 0; i < 4; i += 1) {
      expect(await app.em.fork().count(Project, {})).toBe(0);
    }
  });

  it("opens a project to its assignee through the assignment, and to nobody else's subject", async () => {
    const [assigned] = await ownerClient(db.url, `select project_id, subject from project_assignment where ended_at is null limit 1`);
    const em = app.em.fork();
    await beginScopedTransaction(em, { readRoot: undefined, subject: assigned!.subject }, true);
    const visible = await em.find(Project, {});
    await endScopedTransaction(em, 'rollback');
    expect(visible.map((p) => p.id)).toContain(assigned!.project_id);

    const stranger = app.em.fork();
    await beginScopedTransaction(stranger, { readRoot: undefined, subject: 'not-assigned' }, true);
    expect(await stranger.count(Project, {})).toBe(0);
    await endScopedTransaction(stranger, 'rollback');
  });
});

async function ownerClient(url: string, sql: string): Promise<{ project_id: string; subject: string }[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
