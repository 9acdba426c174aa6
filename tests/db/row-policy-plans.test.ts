import { Client } from 'pg';
import { UNCORRELATED } from '../../migrations/Migration20261204180000CorrelatedRowPolicies';
import { UNCORRELATED_FILTERED } from '../../migrations/Migration20261204230000CorrelatedBlockerEventWrites';
import { firstPageStatement, heldUpCondition, READ_REACH } from '../../src/modules/project/project-list';
import { ProjectOrder } from '../../src/modules/project/project.inputs';
import { Period } from '../../src/calendar/period';
import { lightPredicate } from '../../src/modules/rollup/project-light-filter';
import { LightColor } from '../../src/modules/rollup/traffic-light';
import { ownerClientOn } from '../support/database';

/**
 * Row-level security must not make a small read grow with the city. A policy that tests its
 * parent row with an uncorrelated `x in (select p.id from project p)` makes PostgreSQL build the
 * set of every visible project in every statement on the child table, even to read one row (see
 * Migration20261204180000CorrelatedRowPolicies); `exists (... where p.id = x)` lets it look the
 * parent up by key.
 */
/** The list's light filter (red projects of October 2026) and its values. */
function lightCondition(): [string, unknown[]] {
  const { sql, params } = lightPredicate([LightColor.RED], Period.of(2026, 10), '2026-12-05');
  return [sql, params];
}

describe('row-level-security plans', () => {
  const owner = ownerClientOn('demo');
  const CITY = '371400';
  const TOWN = '371402001';

  /**
   * The parents records reach a project through, grown to thousands (about 3,500 projects, 3,300
   * blockers, 2,800 supervision orders, 3,300 investment leads): at the demo's few hundred a scan
   * is as cheap as a look-up and PostgreSQL rightly takes either. The copies have no children; a
   * copied lead belongs to no project (one lead per project); triggers stay off while they land.
   */
  const GROWN: Record<string, { times: number; changes: string }> = {
    project: { times: 10, changes: "jsonb_build_object('id', gen_random_uuid(), 'code', left(x.code, 20) || '-' || g)" },
    blocker: { times: 50, changes: "jsonb_build_object('id', gen_random_uuid())" },
    supervision_order: { times: 200, changes: "jsonb_build_object('id', gen_random_uuid())" },
    investment_lead: { times: 30, changes: "jsonb_build_object('id', gen_random_uuid(), 'project_id', null)" },
  };

  beforeAll(async () => {
    const client = owner.client();
    for (const [table, { times, changes }] of Object.entries(GROWN)) {
      await client.query(`alter table ${table} disable trigger user`);
      await client.query(
        `insert into ${table}
         select (jsonb_populate_record(null::${table}, to_jsonb(x) || ${changes})).* from ${table} x cross join generate_series(1, ${times}) g`,
      );
      await client.query(`alter table ${table} enable trigger user`);
    }
    await client.query('analyze');
  });

  /** Runs `work` as the application's role with a viewer's scope, in a transaction rolled back after. */
  async function asViewer<T>(readRoot: string, work: (client: Client) => Promise<T>, subject = 'row-policy-plans'): Promise<T> {
    const client = new Client({ connectionString: owner.database().appUrl });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(
        "select set_config('role', 'kp_app', true), set_config('kp.read_root', $1, true), set_config('kp.subject', $2, true)",
        [readRoot, subject],
      );
      return await work(client);
    } finally {
      await client.query('rollback').catch(() => undefined);
      await client.end();
    }
  }

  /** The indexes a plan reads, by name. */
  function indexesRead(plan: unknown): string[] {
    const found: string[] = [];
    const visit = (node: Record<string, unknown>) => {
      if (node['Index Name']) found.push(String(node['Index Name']));
      for (const child of (node['Plans'] as Record<string, unknown>[] | undefined) ?? []) visit(child);
    };
    visit((plan as [{ Plan: Record<string, unknown> }])[0].Plan);
    return found;
  }

  /** The tables a plan reads with a sequential scan. */
  function scannedTables(plan: unknown): string[] {
    const found: string[] = [];
    const visit = (node: Record<string, unknown>) => {
      if (node['Node Type'] === 'Seq Scan') found.push(String(node['Relation Name']));
      for (const child of (node['Plans'] as Record<string, unknown>[] | undefined) ?? []) visit(child);
    };
    visit((plan as [{ Plan: Record<string, unknown> }])[0].Plan);
    return found;
  }

  it('has no policy that tests a parent row with an uncorrelated `in (select id ...)`, filtered or not', async () => {
    for (const form of [UNCORRELATED, UNCORRELATED_FILTERED]) {
      const { rows } = await owner.client().query<{ policy: string }>(
        `select c.relname || '.' || p.polname as policy from pg_policy p join pg_class c on c.oid = p.polrelid
          where regexp_replace(coalesce(pg_get_expr(p.polqual, p.polrelid), '') || ' ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), ''), '\\s+', ' ', 'g')
                ~ $1
          order by 1`,
        [form],
      );
      expect(rows.map((r) => r.policy)).toEqual([]);
    }
  });

  it('writes one blocker event checking its blocker by key, not every blocker the writer may change', async () => {
    const { rows } = await owner.client().query<{ id: string; status: string }>('select id, status from blocker order by id limit 1');
    const plan = await asViewer(
      CITY,
      async (client) =>
        (
          await client.query<{ 'QUERY PLAN': unknown }>(
            `explain (format json) insert into blocker_event (id, blocker_id, seq, kind, actor_subject, actor_name, status_after)
             values (gen_random_uuid(), $1, 999, 'STARTED', 'row-policy-plans', '检查', $2)`,
            [rows[0]!.id, rows[0]!.status],
          )
        ).rows[0]!['QUERY PLAN'],
    );
    expect(scannedTables(plan)).not.toContain('blocker');
  });

  it('reads one row of every table under row-level security as a city leader without scanning a grown parent', async () => {
    // Every table the application reads under row-level security that has an `id`, found from the
    // catalog: the next table added is checked without being named here. Records reach a project
    // through another parent too (an order's events, a blocker's, an arrival's lead).
    const tables = (
      await owner.client().query<{ table: string }>(
        `select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relrowsecurity and not c.relispartition
            and has_table_privilege('kp_app', c.oid, 'select')
            and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'id' and not a.attisdropped)
          order by 1`,
      )
    ).rows.map((r) => r.table);
    const checked: string[] = [];
    const scanning: string[] = [];
    for (const table of tables) {
      const { rows } = await owner.client().query<{ id: string }>(`select id from ${table} limit 1`);
      if (rows.length === 0) continue;
      const [plan, found] = await asViewer(CITY, async (client) => [
        (await client.query<{ 'QUERY PLAN': unknown }>(`explain (format json) select * from ${table} where id = $1`, [rows[0]!.id]))
          .rows[0]!['QUERY PLAN'],
        (await client.query(`select id from ${table} where id = $1`, [rows[0]!.id])).rowCount,
      ]);
      expect(found).toBe(1);
      checked.push(table);
      const grownScanned = scannedTables(plan).filter((scanned) => Object.hasOwn(GROWN, scanned));
      if (grownScanned.length > 0) scanning.push(`${table}: ${grownScanned.join(', ')}`);
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        'blocker_event',
        'milestone',
        'fund_arrival',
        'investment_lead_stage_change',
        'progress_report',
        'project_annual_plan',
        'project_stage_change',
        'supervision_order_event',
      ]),
    );
    expect(scanning).toEqual([]);
  });

  it('shows a town exactly the reports of its own projects, as before', async () => {
    const expected = await owner.client().query<{ n: number }>(
      `select count(*)::int as n from progress_report r join project p on p.id = r.project_id
         join tenant o on o.code = p.owner_tenant_code left join tenant l on l.code = p.location_tenant_code
        where o.path <@ (select path from tenant where code = $1) or l.path <@ (select path from tenant where code = $1)`,
      [TOWN],
    );
    expect(expected.rows[0]!.n).toBeGreaterThan(0);
    const townPath = (await owner.client().query<{ path: string }>('select path::text from tenant where code = $1', [TOWN])).rows[0]!.path;
    const visible = await asViewer(
      townPath,
      async (client) => (await client.query<{ n: number }>('select count(*)::int as n from progress_report')).rows[0]!.n,
    );
    expect(visible).toBe(expected.rows[0]!.n);
  });

  describe.each([
    [ProjectOrder.CREATED_AT_DESC, 'project_created_at_id_index'],
    [ProjectOrder.NAME_ASC, 'project_name_id_index'],
    [ProjectOrder.TOTAL_INVESTMENT_DESC, 'project_total_investment_wan_id_index'],
  ])('the first page in the order %s', (order, index) => {
    /** The plan of the page statement as prepared (a generic plan: one for every viewer of its text). */
    const planOf = (readRoot: string, walk: boolean) =>
      asViewer(readRoot, async (client) => {
        await client.query("set local plan_cache_mode = 'force_generic_plan'");
        await client.query(`prepare page as ${firstPageStatement(order, walk)}`);
        return (await client.query<{ 'QUERY PLAN': unknown }>('explain (format json) execute page')).rows[0]!['QUERY PLAN'];
      });

    it("walks the order's index for a city's viewer, without scanning every project", async () => {
      const plan = await planOf(CITY, true);
      expect(indexesRead(plan)).toContain(index);
      expect(scannedTables(plan)).not.toContain('project');
    });

    it("finds a town's projects by key, without walking the order's index past every other town's or scanning them all", async () => {
      const plan = await planOf(TOWN, false);
      expect(indexesRead(plan)).not.toContain(index);
      expect(indexesRead(plan)).toContain('project_location_tenant_code_index');
      expect(scannedTables(plan)).not.toContain('project');
    });
  });

  it.each([
    ['the held-up rule', heldUpCondition(true), ['2026-12-05'], 'TRUE'],
    ['the held-up rule, negated', heldUpCondition(false), ['2026-12-05'], 'FALSE'],
    ['the traffic light', ...lightCondition(), 'TRUE'],
  ] as const)('tests %s against one hashed set per statement, not as a join with the projects', async (_rule, condition, params, truth) => {
    const plan = await asViewer(CITY, async (client) => {
      let n = 0;
      const sql = `explain (format json) select count(*) from project p where ${condition.replace(/\?/g, () => `$${++n}`)}`;
      return (await client.query<{ 'QUERY PLAN': unknown }>(sql, [...params])).rows[0]!['QUERY PLAN'];
    });
    // The count reads the projects directly, each looked up in the rule's hashed set: no join
    // whose method rests on the set's estimated size.
    const [scan] = (plan as [{ Plan: { Plans: Record<string, unknown>[] } }])[0].Plan.Plans;
    expect([scan!['Relation Name'], scan!['Alias']]).toEqual(['project', 'p']);
    expect(String(scan!['Filter'])).toMatch(new RegExp(`\\(hashed SubPlan \\d+\\)\\.col1\\)\\) IS ${truth}`));
  });

  it('states in READ_REACH exactly the reach the policy project_read gives, for every read root and assigned leader', async () => {
    const roots = (await owner.client().query<{ path: string }>('select path::text as path from tenant order by path')).rows.map(
      (r) => r.path,
    );
    const subjects = (
      await owner
        .client()
        .query<{ subject: string }>('select distinct subject from project_assignment where ended_at is null order by 1 limit 3')
    ).rows.map((r) => r.subject);
    expect(subjects.length).toBeGreaterThan(0);
    const differing: string[] = [];
    for (const [root, subject] of [...roots.map((r) => [r, 'nobody']), ...subjects.map((s) => ['', s]), [TOWN, subjects[0]!]]) {
      await asViewer(
        root!,
        async (client) => {
          const ids = async (sql: string) => (await client.query<{ id: string }>(sql)).rows.map((r) => r.id).join();
          const policy = await ids('select p.id from project p order by p.id');
          if (policy !== (await ids(`select p.id from project p where ${READ_REACH} order by p.id`))) differing.push(`${root} ${subject}`);
        },
        subject,
      );
    }
    expect(differing).toEqual([]);
  });
});
