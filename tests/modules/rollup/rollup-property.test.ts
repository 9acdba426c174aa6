import { randomUUID } from 'node:crypto';
import { chinaDate, Period } from '../../../src/calendar/period';
import { unitsToWan, wanToUnits } from '../../../src/money/wan';
import { ProjectCategory, ProjectStage, stageRank } from '../../../src/modules/project/project.enums';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Random projects, plans, reports, stage histories and milestones, then random corrections and
 * deletions; every figure of every tenant (city, counties, towns) in several periods must equal a
 * recomputation from the raw rows. The rollups are maintained incrementally by triggers; this is
 * what proves the increments right.
 */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STAGES = Object.values(ProjectStage);
const CATEGORIES = Object.values(ProjectCategory);
const PERIODS = [Period.of(2025, 6), Period.of(2026, 1), Period.of(2026, 10)];

const FIGURES = `tenant { code } projectCount listedCount plannedToStartCount startedCount annualPlanWan completedThisYearWan
  completedSameTimeLastYearWan completedSinceStartWan totalInvestmentWan fundsInPlaceWan reportCount overdueMilestoneCount
  projectsWithOverdueMilestoneCount
  byStage { stage count } byCategory { category count }`;

interface Row { [k: string]: any }

describe('rollups against a recomputation from the raw rows', () => {
  let server: TestServer;
  let tenants: { code: string; path: string }[];

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', 'city-leader');
    tenants = (await sql(`select code, path::text as path from tenant where code like '3714%' order by code`)) as { code: string; path: string }[];
  });
  afterAll(() => server.close());

  const sql = (query: string, params: unknown[] = []): Promise<Row[]> => server.adminOrm.em.fork().getConnection().execute(query, params);

  async function generate(seed: number): Promise<void> {
    const rand = mulberry32(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
    const owners = tenants.filter((t) => t.code === '371400' || t.code.startsWith('371402') || t.code.startsWith('371422') || t.code.startsWith('371471'));
    const day = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    const amount = () => `${Math.floor(rand() * 100000)}.${String(Math.floor(rand() * 10000)).padStart(4, '0')}`;
    const projects: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const id = randomUUID();
      projects.push(id);
      const plannedYear = pick([2025, 2026, 2026, 2027]);
      await sql(
        `insert into project (id, name, category, nature, stage, owner_tenant_code, total_investment_wan, funds_in_place_wan,
           completed_before_tracking_wan, planned_start_on, created_at, updated_at)
         values (?, ?, ?, 'NEW', ?, ?, ?, ?, ?, ?, now(), now())`,
        [id, `p${seed}-${i}`, pick(CATEGORIES), pick(STAGES), pick(owners).code, `1${amount()}`, amount(), rand() < 0.5 ? '0' : amount(),
          rand() < 0.1 ? null : day(plannedYear, 1 + Math.floor(rand() * 12))],
      );
      // A stage history with steps back now and then.
      let stage = 0;
      const steps = Math.floor(rand() * 5);
      for (let s = 0, month = 1; s < steps; s += 1, month += 1 + Math.floor(rand() * 4)) {
        const next = Math.max(0, Math.min(STAGES.length - 1, stage + (rand() < 0.2 ? -1 : 1 + Math.floor(rand() * 2))));
        await sql(
          `insert into project_stage_change (id, project_id, from_stage, to_stage, changed_on, recorded_at, recorded_by, recorded_by_name)
           values (?, ?, ?, ?, ?, now() + make_interval(secs => ?), 'test', 'test')`,
          [randomUUID(), id, s === 0 ? null : STAGES[stage], STAGES[next], day(2025 + Math.floor(month / 13), ((month - 1) % 12) + 1), s],
        );
        stage = next;
      }
      for (const year of [2025, 2026]) {
        if (rand() < 0.7) await sql(`insert into project_annual_plan (id, project_id, year, planned_investment_wan) values (?, ?, ?, ?)`, [randomUUID(), id, year, amount()]);
      }
      // Reports in one statement, as a bulk load would write them.
      const months = Array.from({ length: 23 }, (_, m) => Period.of(2025, 1).plusMonths(m)).filter(() => rand() < 0.6);
      if (months.length) {
        await sql(
          `insert into progress_report (id, project_id, period, completed_investment_wan, progress_note, stage_at_month_end, reported_by, reported_by_name, status)
           select gen_random_uuid(), ?, p::date, (random() * 1000)::numeric(18,4), 'x', 'STARTED', 'test', 'test',
                  (array['DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED', 'APPROVED'])[1 + floor(random() * 5)::int]::report_status
             from unnest(?::text[]) p`,
          [id, `{${months.map((m) => m.firstDay).join(',')}}`],
        );
      }
      for (let m = 0; m < Math.floor(rand() * 4); m += 1) {
        const due = day(pick([2025, 2026]), 1 + Math.floor(rand() * 12));
        const done = rand() < 0.5 ? null : day(pick([2025, 2026]), 1 + Math.floor(rand() * 12));
        await sql(`insert into milestone (id, project_id, title, due_on, done_on) values (?, ?, 'm', ?, ?)`, [randomUUID(), id, due, done]);
      }
    }
    // Corrections, moves and deletions, exercising the update and delete triggers.
    await sql(`update progress_report set completed_investment_wan = completed_investment_wan / 3 where random() < 0.2`);
    await sql(`delete from progress_report where random() < 0.1`);
    // Reviews: approvals add a report's figures, returns of approved reports take them away.
    await sql(`update progress_report set status = 'APPROVED' where status = 'SUBMITTED' and random() < 0.5`);
    await sql(`update progress_report set status = 'RETURNED' where status = 'APPROVED' and random() < 0.2`);
    await sql(`update milestone set done_on = due_on + 3 where done_on is null and random() < 0.3`);
    await sql(`delete from milestone where random() < 0.1`);
    await sql(`update project_annual_plan set planned_investment_wan = planned_investment_wan + 1.5 where random() < 0.3`);
    await sql(`delete from project_annual_plan where random() < 0.1`);
    await sql(`update project set stage = 'COMPLETED', category = 'OTHER', total_investment_wan = total_investment_wan + 0.0001 where random() < 0.2`);
    await sql(`update project set planned_start_on = planned_start_on + 40 where random() < 0.2`);
  }

  /** Every figure recomputed in JavaScript from the raw rows, exactly. */
  async function expected(period: Period): Promise<Map<string, Row>> {
    const projects = await sql(`select p.*, t.path::text as path from project p join tenant t on t.code = p.owner_tenant_code`);
    const history = await sql(`select * from project_stage_change order by changed_on, recorded_at, id`);
    const plans = await sql(`select project_id, year, planned_investment_wan::text as amount from project_annual_plan`);
    const reports = await sql(`select project_id, to_char(period, 'YYYY-MM-DD') as period, completed_investment_wan::text as amount from progress_report where status = 'APPROVED'`);
    const milestones = await sql(`select project_id, to_char(due_on, 'YYYY-MM-DD') as due, to_char(done_on, 'YYYY-MM-DD') as done from milestone`);
    const today = chinaDate();
    const asOf = period.lastDay < today ? period.lastDay : today;
    const started = new Map<string, string | null>();
    for (const p of projects) {
      const own = history.filter((h) => h.project_id === p.id);
      const last = own.at(-1);
      const crossings = own.filter((h) => stageRank(h.to_stage) >= stageRank(ProjectStage.STARTED) && (h.from_stage === null || stageRank(h.from_stage) < stageRank(ProjectStage.STARTED)));
      const date = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));
      started.set(p.id, last && stageRank(last.to_stage) >= stageRank(ProjectStage.STARTED) && crossings.length ? crossings.map((c) => date(c.changed_on)).sort().at(-1)! : null);
    }
    const lastYear = period.plusMonths(-12);
    const result = new Map<string, Row>();
    for (const tenant of tenants) {
      const mine = projects.filter((p) => p.path === tenant.path || p.path.startsWith(`${tenant.path}.`));
      const ids = new Set(mine.map((p) => p.id));
      const sum = (values: string[]) => unitsToWan(values.reduce((s, v) => s + wanToUnits(v), 0n));
      const reportsOf = (from: string, to: string) => reports.filter((r) => ids.has(r.project_id) && r.period >= from && r.period <= to);
      const planned = mine.filter((p) => p.planned_start_on && String(p.planned_start_on).slice(0, 4) === String(period.year));
      const overdue = milestones.filter((m) => ids.has(m.project_id) && m.due < asOf && (m.done === null || m.done > asOf));
      result.set(tenant.code, {
        tenant: { code: tenant.code },
        projectCount: mine.length,
        listedCount: plans.filter((a) => ids.has(a.project_id) && a.year === period.year).length,
        plannedToStartCount: planned.length,
        startedCount: planned.filter((p) => (started.get(p.id) ?? '9999') <= period.lastDay).length,
        annualPlanWan: sum(plans.filter((a) => ids.has(a.project_id) && a.year === period.year).map((a) => a.amount)),
        completedThisYearWan: sum(reportsOf(Period.of(period.year, 1).firstDay, period.firstDay).map((r) => r.amount)),
        completedSameTimeLastYearWan: sum(reportsOf(Period.of(lastYear.year, 1).firstDay, lastYear.firstDay).map((r) => r.amount)),
        completedSinceStartWan: sum([...mine.map((p) => p.completed_before_tracking_wan), ...reportsOf('0000', period.firstDay).map((r) => r.amount)]),
        totalInvestmentWan: sum(mine.map((p) => p.total_investment_wan)),
        fundsInPlaceWan: sum(mine.map((p) => p.funds_in_place_wan)),
        reportCount: reportsOf(period.firstDay, period.firstDay).length,
        overdueMilestoneCount: overdue.length,
        projectsWithOverdueMilestoneCount: new Set(overdue.map((m) => m.project_id)).size,
        byStage: STAGES.map((stage) => ({ stage, count: mine.filter((p) => p.stage === stage).length })),
        byCategory: CATEGORIES.map((category) => ({ category, count: mine.filter((p) => p.category === category).length })),
      });
    }
    return result;
  }

  async function actual(period: Period): Promise<Map<string, Row>> {
    const result = await server.gql(
      `query($period: Period!) { rollup(tenantCode: "371400", period: $period) { ${FIGURES} children { ${FIGURES} children { ${FIGURES} } } } }`,
      { period: period.toString() },
    );
    expect(result.errors).toBeUndefined();
    const all = new Map<string, Row>();
    const walk = (node: Row) => {
      const { children, ...figures } = node;
      all.set(figures.tenant.code, figures);
      for (const child of children ?? []) walk(child);
    };
    walk(result.data!.rollup);
    return all;
  }

  it.each([1, 2, 3])('agrees at every level and in every period after random changes (seed %i)', async (seed) => {
    await generate(seed);
    for (const period of PERIODS) {
      const want = await expected(period);
      const got = await actual(period);
      expect(got.size).toBe(want.size);
      for (const [code, figures] of want) expect({ code, ...got.get(code) }).toEqual({ code, ...figures });
    }
  });

  it('rebuilds to exactly what the triggers maintained', async () => {
    const before = await sql(`select * from rollup_month order by tenant_code, period`);
    await sql(`select kp_rebuild_rollups()`);
    const after = await sql(`select * from rollup_month order by tenant_code, period`);
    const nonZero = (rows: Row[]) => rows.filter((r) => Number(r.completed_wan) !== 0 || r.report_count !== 0);
    expect(nonZero(after)).toEqual(nonZero(before));
  });
});
