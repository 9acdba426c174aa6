import { chinaDate, Period } from '../../../src/calendar/period';
import { unitsToWan, wanToUnits } from '../../../src/money/wan';
import { percentOf } from '../../../src/modules/rollup/rollup-math';
import { DesignationLevel, ProjectCategory, ProjectStage, stageRank } from '../../../src/modules/project/project.enums';
import { generateWorld } from '../../support/random-world';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Random projects (some built below their owner, 属地), plans with their own nature and levels,
 * reports in every review state, stage histories, milestones, blockers with their steps, monthly
 * targets and dated fund arrivals; then random corrections, moves and deletions. Every figure of every tenant (city,
 * counties, towns), by owner and by location, in several periods, by category and by designation
 * level, must equal a recomputation from the raw rows. The rollups are maintained incrementally by
 * triggers; this is what proves the increments right.
 */
const STAGES = Object.values(ProjectStage);
const CATEGORIES = Object.values(ProjectCategory);
const LEVELS = Object.values(DesignationLevel);
const BASES = ['OWNER', 'LOCATION'] as const;
const OPEN = ['OPEN', 'IN_PROGRESS'];
// Months over, and the month that runs (read to today).
const PERIODS = [Period.of(2025, 6), Period.of(2026, 1), Period.of(2026, 10), Period.current()];

const LIST = `listedCount annualPlanWan completedThisYearWan completionRate completedSameTimeLastYearWan yearOverYearGrowth netIncreaseWan
  plannedToStartCount startedCount newStartRate annualStartedCount annualStartRate pendingWan`;
const FIGURES = `tenant { code } basis projectCount ${LIST} startRate completedSinceStartWan totalInvestmentWan fundsInPlaceWan
  fundsArrivedThisYearWan reportCount overdueMilestoneCount projectsWithOverdueMilestoneCount cumulativeTargetWan
  openBlockerCount projectsWithOpenBlockerCount blockers { openCount overdueCount escalatedCount raisedCount resolvedCount }
  supervisionOrders { issuedCount openCount overdueCount closedCount closureRate }
  byStage { stage count }
  byCategory { category count totalInvestmentWan fundsInPlaceWan fundsArrivedThisYearWan ${LIST} }
  byDesignationLevel { level ${LIST} }`;

interface Row {
  [k: string]: any;
}

const units = (v: string) => wanToUnits(v);
const sum = (values: string[]) => unitsToWan(values.reduce((s, v) => s + units(v), 0n));
/** The API's percentage of two exact amounts (its rounding has its own table-driven test, tests/unit/rollup-math.test.ts). */
const percent = (numerator: bigint, denominator: bigint) => percentOf(unitsToWan(numerator), unitsToWan(denominator));

describe('rollups against a recomputation from the raw rows', () => {
  let server: TestServer;
  let tenants: { code: string; path: string }[];

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', 'city-leader');
    tenants = (await sql(`select code, path::text as path from tenant where code like '3714%' order by code`)) as {
      code: string;
      path: string;
    }[];
  });
  afterAll(() => server.close());

  const sql = (query: string, params: unknown[] = []): Promise<Row[]> => server.adminOrm.em.fork().getConnection().execute(query, params);

  const generate = (seed: number) => generateWorld(sql, tenants, seed);

  /** Every figure recomputed in JavaScript from the raw rows, exactly. */
  async function expected(period: Period, basis: (typeof BASES)[number]): Promise<Map<string, Row>> {
    const projects = await sql(`select p.*, p.total_investment_wan::text as total, p.completed_before_tracking_wan::text as opening,
                                       t.path::text as owner_path, coalesce(l.path, t.path)::text as site_path
                                  from project p join tenant t on t.code = p.owner_tenant_code left join tenant l on l.code = p.location_tenant_code`);
    const history = await sql(`select * from project_stage_change order by changed_on, recorded_at, id`);
    const plans = await sql(
      `select project_id, year, planned_investment_wan::text as amount, nature, designation_levels::text[] as levels from project_annual_plan`,
    );
    const reports = await sql(
      `select project_id, to_char(period, 'YYYY-MM-DD') as period, completed_investment_wan::text as amount, status::text from progress_report`,
    );
    const milestones = await sql(
      `select project_id, to_char(due_on, 'YYYY-MM-DD') as due, to_char(done_on, 'YYYY-MM-DD') as done from milestone`,
    );
    const targets = await sql(
      `select project_id, to_char(period, 'YYYY-MM-DD') as period, target_wan::text as amount from project_monthly_target`,
    );
    const arrivals = await sql(`select project_id, to_char(arrived_on, 'YYYY-MM-DD') as day, amount_wan::text as amount from fund_arrival`);
    const blockers = await sql(`select id, project_id, to_char(deadline_on, 'YYYY-MM-DD') as deadline from blocker`);
    const blockerSteps = await sql(`select blocker_id, seq, to_char((at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as day,
                                           status_after::text as status, escalated_to_after from blocker_event`);
    const orders = await sql(`select o.id, to_char(o.deadline_on, 'YYYY-MM-DD') as deadline, t.path::text as owner_path,
                                     coalesce(l.path, pt.path, t.path)::text as site_path
                                from supervision_order o join tenant t on t.code = o.owner_tenant_code
                                left join project p on p.id = o.project_id
                                left join tenant pt on pt.code = p.owner_tenant_code left join tenant l on l.code = p.location_tenant_code`);
    const orderSteps = await sql(`select order_id, seq, to_char((acted_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as day,
                                         status_after::text as status from supervision_order_event`);
    const today = chinaDate();
    const asOf = period.lastDay < today ? period.lastDay : today;
    // Each order as it stood at the end of the as-of day, as the blockers below.
    const orderStanding = orders.flatMap((o) => {
      const step = orderSteps.filter((e) => e.order_id === o.id && e.day <= asOf).sort((x, y) => y.seq - x.seq)[0];
      return step ? [{ ...o, status: step.status } as Row] : [];
    });
    const started = new Map<string, string | null>();
    for (const p of projects) {
      const own = history.filter((h) => h.project_id === p.id);
      const last = own.at(-1);
      const crossings = own.filter(
        (h) =>
          stageRank(h.to_stage) >= stageRank(ProjectStage.STARTED) &&
          (h.from_stage === null || stageRank(h.from_stage) < stageRank(ProjectStage.STARTED)),
      );
      const date = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));
      started.set(
        p.id,
        last && stageRank(last.to_stage) >= stageRank(ProjectStage.STARTED) && crossings.length
          ? crossings
              .map((c) => date(c.changed_on))
              .sort()
              .at(-1)!
          : null,
      );
    }
    // Each blocker as it stood at the end of the as-of day: its latest step (by seq) recorded by then.
    const standing = blockers.flatMap((b) => {
      const step = blockerSteps.filter((e) => e.blocker_id === b.id && e.day <= asOf).sort((x, y) => y.seq - x.seq)[0];
      return step ? [{ ...b, status: step.status, escalated: step.escalated_to_after !== null } as Row] : [];
    });
    const yearStart = Period.of(period.year, 1).firstDay;
    const lastYear = period.plusMonths(-12);
    const lastYearStart = Period.of(lastYear.year, 1).firstDay;
    const startedByEnd = (projectId: string) => (started.get(projectId) ?? '9999') <= period.lastDay;
    const planOf = (projectId: string, year: number) => plans.find((n) => n.project_id === projectId && n.year === year);
    const approved = (r: Row) => r.status === 'APPROVED';
    const pending = (r: Row) => r.status === 'SUBMITTED' || r.status === 'RESUBMITTED';

    /** The list figures of some plans and the reports that count with them. */
    const listFigures = (listed: Row[], reportsOf: (from: string, to: string) => Row[]) => {
      const newPlans = listed.filter((n) => n.nature === 'NEW');
      const ytd = sum(
        reportsOf(yearStart, period.firstDay)
          .filter(approved)
          .map((r) => r.amount),
      );
      const lastYtd = sum(
        reportsOf(lastYearStart, lastYear.firstDay)
          .filter(approved)
          .map((r) => r.amount),
      );
      const plan = sum(listed.map((n) => n.amount));
      const newStarted = newPlans.filter((n) => startedByEnd(n.project_id)).length;
      const annualStarted = listed.filter((n) => n.nature === 'CONTINUING' || startedByEnd(n.project_id)).length;
      return {
        listedCount: listed.length,
        annualPlanWan: plan,
        completedThisYearWan: ytd,
        completionRate: percent(units(ytd), units(plan)),
        completedSameTimeLastYearWan: lastYtd,
        yearOverYearGrowth: percent(units(ytd) - units(lastYtd), units(lastYtd)),
        netIncreaseWan: unitsToWan(units(ytd) - units(lastYtd)),
        plannedToStartCount: newPlans.length,
        startedCount: newStarted,
        newStartRate: percentOf(newStarted, newPlans.length),
        annualStartedCount: annualStarted,
        annualStartRate: percentOf(annualStarted, listed.length),
        pendingWan: sum(
          reportsOf(yearStart, period.firstDay)
            .filter(pending)
            .map((r) => r.amount),
        ),
      };
    };

    const result = new Map<string, Row>();
    for (const tenant of tenants) {
      const place = (p: Row) => (basis === 'OWNER' ? p.owner_path : p.site_path);
      const mine = projects.filter((p) => place(p) === tenant.path || place(p).startsWith(`${tenant.path}.`));
      const funds = (group: Row[]) => {
        const ids = new Set(group.map((p) => p.id));
        const own = arrivals.filter((a) => ids.has(a.project_id) && a.day <= period.lastDay);
        return {
          fundsInPlaceWan: sum(own.map((a) => a.amount)),
          fundsArrivedThisYearWan: sum(own.filter((a) => a.day >= yearStart).map((a) => a.amount)),
        };
      };
      const groupFigures = (group: Row[]) => {
        const ids = new Set(group.map((p) => p.id));
        const listed = plans.filter((n) => ids.has(n.project_id) && n.year === period.year);
        return listFigures(listed, (from, to) => reports.filter((r) => ids.has(r.project_id) && r.period >= from && r.period <= to));
      };
      const ids = new Set(mine.map((p) => p.id));
      const counted = reports.filter((r) => ids.has(r.project_id) && approved(r));
      const completedSinceStart = sum([
        ...mine.map((p) => p.opening),
        ...counted.filter((r) => r.period <= period.firstDay).map((r) => r.amount),
      ]);
      const figures = groupFigures(mine);
      const overdue = milestones.filter((m) => ids.has(m.project_id) && m.due < asOf && (m.done === null || m.done > asOf));
      const raised = standing.filter((b) => ids.has(b.project_id));
      const issued = orderStanding.filter((o) => {
        const at = place(o);
        return at === tenant.path || at.startsWith(`${tenant.path}.`);
      });
      const closedOrders = issued.filter((o) => o.status === 'CLOSED').length;
      const open = raised.filter((b) => OPEN.includes(b.status));
      result.set(tenant.code, {
        tenant: { code: tenant.code },
        basis,
        projectCount: mine.length,
        ...figures,
        startRate: figures.newStartRate,
        completedSinceStartWan: completedSinceStart,
        totalInvestmentWan: sum(mine.map((p) => p.total)),
        ...funds(mine),
        reportCount: counted.filter((r) => r.period === period.firstDay).length,
        overdueMilestoneCount: overdue.length,
        projectsWithOverdueMilestoneCount: new Set(overdue.map((m) => m.project_id)).size,
        openBlockerCount: open.length,
        projectsWithOpenBlockerCount: new Set(open.map((b) => b.project_id)).size,
        blockers: {
          openCount: open.length,
          overdueCount: open.filter((b) => b.deadline < asOf).length,
          escalatedCount: open.filter((b) => b.escalated).length,
          raisedCount: raised.length,
          resolvedCount: raised.filter((b) => ['RESOLVED', 'CLOSED'].includes(b.status)).length,
        },
        supervisionOrders: {
          issuedCount: issued.length,
          openCount: issued.length - closedOrders,
          overdueCount: issued.filter((o) => o.status !== 'CLOSED' && o.deadline < asOf).length,
          closedCount: closedOrders,
          closureRate: percentOf(closedOrders, issued.length),
        },
        cumulativeTargetWan: sum(
          targets.filter((g) => ids.has(g.project_id) && g.period >= yearStart && g.period <= period.firstDay).map((g) => g.amount),
        ),
        byStage: STAGES.map((stage) => ({ stage, count: mine.filter((p) => p.stage === stage).length })),
        byCategory: CATEGORIES.map((category) => {
          const group = mine.filter((p) => p.category === category);
          return {
            category,
            count: group.length,
            totalInvestmentWan: sum(group.map((p) => p.total)),
            ...funds(group),
            ...groupFigures(group),
          };
        }),
        // A report counts for the levels of its project's plan of the report's own year.
        byDesignationLevel: LEVELS.map((level) => ({
          level,
          ...listFigures(
            plans.filter((n) => ids.has(n.project_id) && n.year === period.year && n.levels.includes(level)),
            (from, to) =>
              reports.filter(
                (r) =>
                  ids.has(r.project_id) &&
                  r.period >= from &&
                  r.period <= to &&
                  Boolean(planOf(r.project_id, Number(r.period.slice(0, 4)))?.levels.includes(level)),
              ),
          ),
        })),
      });
    }
    return result;
  }

  async function actual(period: Period, basis: (typeof BASES)[number]): Promise<Map<string, Row>> {
    const result = await server.gql(
      `query($period: Period!, $basis: TenantBasis!) { rollup(tenantCode: "371400", period: $period, basis: $basis) {
        ${FIGURES} children { ${FIGURES} children { ${FIGURES} } } } }`,
      { period: period.toString(), basis },
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

  it.each([1, 2, 3])('agrees at every level, by owner and by location, in every period after random changes (seed %i)', async (seed) => {
    await generate(seed);
    for (const basis of BASES) {
      for (const period of PERIODS) {
        const want = await expected(period, basis);
        const got = await actual(period, basis);
        expect(got.size).toBe(want.size);
        for (const [code, figures] of want)
          expect({ code, period: period.toString(), ...got.get(code) }).toEqual({ code, period: period.toString(), ...figures });
      }
    }
  });

  it("keeps every project's funds in place equal to the sum of its arrivals", async () => {
    const drift = await sql(`select p.id from project p
                              where p.funds_in_place_wan <> coalesce((select sum(f.amount_wan) from fund_arrival f where f.project_id = p.id), 0)`);
    expect(drift).toEqual([]);
  });

  it('rebuilds to exactly what the triggers maintained', async () => {
    const tables = (
      await sql(`select tablename from pg_tables where schemaname = 'public' and tablename like 'rollup\\_%' order by 1`)
    ).map((r) => r.tablename as string);
    expect(tables).toEqual(expect.arrayContaining(['rollup_flag_span', 'rollup_flag', 'rollup_flag_month']));
    expect(tables.length).toBeGreaterThanOrEqual(12);
    // Rows whose sums are all zero are what is left of removed contributions: the same as none.
    // Rows without sums (the projects' flagged spans) are compared as they are.
    const counted = (r: Row) => {
      const sums = Object.entries(r).filter(([k, v]) => typeof v === 'number' && !['year', 'bucket'].includes(k));
      return sums.length === 0 || sums.some(([, v]) => v !== 0);
    };
    // Writers spread each sum over slots (kp_rollup_slot); compaction folds them into one row per key.
    const compact = () => sql(`select kp_compact_rollup_slot(s::smallint) from generate_series(1, 16) s`);
    const snapshot = async () => {
      await compact();
      const all: Record<string, Row[]> = {};
      for (const table of tables) {
        const rows = await sql(`select to_jsonb(r) as row from ${table} r order by 1`);
        all[table] = rows
          .map((r) => r.row as Row)
          .filter(counted)
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      }
      return all;
    };
    const before = await snapshot();
    await sql(`select kp_rebuild_rollups()`);
    expect(await snapshot()).toEqual(before);
  });
});
