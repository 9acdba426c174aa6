import { MikroORM } from '@mikro-orm/postgresql';
import { type DemoDataSummary, loadDemoData } from '../../src/demo/demo-data';
import { appOrmOptions } from '../../src/mikro-orm.config';
import { projectCodeProblem } from '../../src/modules/project/project-code';
import { createTestDatabase } from '../support/database';

const AS_OF = '2026-11-20';
const YEAR = 2026;

interface Loaded {
  db: Awaited<ReturnType<typeof createTestDatabase>>;
  orm: MikroORM;
  summary: DemoDataSummary;
}

async function loadIntoFreshDatabase(): Promise<Loaded> {
  const db = await createTestDatabase('empty');
  const orm = await MikroORM.init(appOrmOptions({ clientUrl: db.url, poolMax: 2 }));
  const summary = await loadDemoData(orm.em.fork(), { asOf: AS_OF });
  return { db, orm, summary };
}

/**
 * One digest per table over every column, rows in key order. The tenant's `created_at` is left out:
 * the tenant import lets the database stamp it, while everything the demo writes is derived from
 * the as-of date.
 */
const TABLE_DIGESTS: Record<string, string> = {
  tenant: `select md5(string_agg(concat_ws('|', code, name, level, kind, parent_code, path, valid_from, valid_to), E'\\n' order by code)) as "digest" from tenant`,
  project: `select md5(string_agg(t::text, E'\\n' order by t.id)) as "digest" from project t`,
  project_annual_plan: `select md5(string_agg(t::text, E'\\n' order by t.id)) as "digest" from project_annual_plan t`,
  project_stage_change: `select md5(string_agg(t::text, E'\\n' order by t.id)) as "digest" from project_stage_change t`,
  progress_report: `select md5(string_agg(t::text, E'\\n' order by t.id)) as "digest" from progress_report t`,
  milestone: `select md5(string_agg(t::text, E'\\n' order by t.id)) as "digest" from milestone t`,
  blocker: `select md5(string_agg(t::text, E'\\n' order by t.id)) as "digest" from blocker t`,
  blocker_event: `select md5(string_agg(t::text, E'\\n' order by t.id)) as "digest" from blocker_event t`,
  progress_report_review: `select md5(string_agg(t::text, E'\\n' order by t.id)) as "digest" from progress_report_review t`,
  project_assignment: `select md5(string_agg(t::text, E'\\n' order by t.id)) as "digest" from project_assignment t`,
  investment_lead: `select md5(string_agg(t::text, E'\\n' order by t.id)) as "digest" from investment_lead t`,
  investment_lead_stage_change: `select md5(string_agg(t::text, E'\\n' order by t.id)) as "digest" from investment_lead_stage_change t`,
  fund_arrival: `select md5(string_agg(t::text, E'\\n' order by t.id)) as "digest" from fund_arrival t`,
  supervision_order: `select md5(string_agg(t::text, E'\\n' order by t.id)) as "digest" from supervision_order t`,
  supervision_order_event: `select md5(string_agg(t::text, E'\\n' order by t.id)) as "digest" from supervision_order_event t`,
  accountability_outcome: `select md5(string_agg(t::text, E'\\n' order by t.id)) as "digest" from accountability_outcome t`,
};

describe('demo data for 德州市', () => {
  let first: Loaded;
  let second: Loaded;

  /** Reads the first database; the test's constants are written into the SQL. */
  async function query<T extends object>(sql: string): Promise<T[]> {
    return first.orm.em.getConnection().execute<T[]>(sql);
  }

  async function one<T extends object>(sql: string): Promise<T> {
    const [row] = await query<T>(sql);
    if (!row) throw new Error(`no row from ${sql}`);
    return row;
  }

  beforeAll(async () => {
    first = await loadIntoFreshDatabase();
    second = await loadIntoFreshDatabase();
  });

  afterAll(async () => {
    for (const loaded of [first, second]) {
      if (!loaded) continue;
      await loaded.orm.close();
      await loaded.db.drop();
    }
  });

  it('generates byte-identical rows, ids and timestamps included, for the same as-of date', async () => {
    expect(second.summary).toEqual(first.summary);
    for (const [table, sql] of Object.entries(TABLE_DIGESTS)) {
      const [a] = await first.orm.em.getConnection().execute<{ digest: string }[]>(sql);
      const [b] = await second.orm.em.getConnection().execute<{ digest: string }[]>(sql);
      expect({ table, digest: a?.digest }).toEqual({ table, digest: b?.digest });
      expect(a?.digest).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('summarises what it wrote', async () => {
    const counts = await one<Record<string, number>>(
      `select (select count(*) from tenant)::int as "tenants", (select count(*) from project)::int as "projects",
              (select count(*) from project_annual_plan)::int as "annualPlans", (select count(*) from project_stage_change)::int as "stageChanges",
              (select count(*) from progress_report)::int as "reports", (select count(*) from progress_report_review)::int as "reportReviews",
              (select count(*) from milestone)::int as milestones, (select count(*) from project_assignment)::int as assignments,
              (select count(*) from blocker)::int as blockers, (select count(*) from investment_lead)::int as leads,
              (select count(*) from fund_arrival)::int as "fundArrivals", (select count(*) from supervision_order)::int as "supervisionOrders"`,
    );
    expect(first.summary).toEqual({ asOf: AS_OF, ...counts });
    expect(counts.tenants).toBe(148); // 德州市, 12 county-level units (德州天衢新区 included), 135 towns
    expect(counts.projects).toBeGreaterThanOrEqual(250);
    expect(counts.projects).toBeLessThanOrEqual(400);
    expect(counts.reports).toBeGreaterThan(2000);
    expect(counts.assignments).toBe(17); // the demo leader's ten city-wide and two 新湖街道 projects, the responsible unit's five
  });

  it('keeps blockers at every stage, some escalated to the county and some to the city, each with its history', async () => {
    const rows = await query<{
      status: string;
      escalated_to_code: string | null;
      version: number;
      events: number;
      last_status: string;
      last_level: string | null;
    }>(
      `select b.status, b.escalated_to_code, b.version, count(e.*)::int as events,
              (array_agg(e.status_after order by e.seq desc))[1] as last_status,
              (array_agg(e.escalated_to_after order by e.seq desc))[1] as last_level
         from blocker b join blocker_event e on e.blocker_id = b.id group by b.id`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(rows.map((r) => r.escalated_to_code)).toEqual(expect.arrayContaining(['371402', '371400']));
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED']));
    for (const row of rows) {
      expect(row.events).toBe(row.version);
      expect(row.last_status).toBe(row.status);
      expect(row.last_level).toBe(row.escalated_to_code);
    }
  });

  it("keeps supervision orders in every state, overdue ones escalated, each with its history, one in 王磊's town to acknowledge", async () => {
    const rows = await query<{
      status: string;
      subject: string;
      addressee: string;
      title: string;
      overdue: boolean;
      escalated_to_code: string | null;
      version: number;
      events: number;
      last_status: string;
      kinds: string[];
    }>(
      `select o.status, o.subject, o.addressee_tenant_code as addressee, o.title, o.escalated_to_code, o.version,
              (o.status <> 'CLOSED' and o.deadline_on < date '${AS_OF}') as overdue, count(e.*)::int as events,
              (array_agg(e.status_after order by e.seq desc))[1] as last_status, array_agg(e.kind::text order by e.seq) as kinds
         from supervision_order o join supervision_order_event e on e.order_id = o.id group by o.id`,
    );
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['ISSUED', 'ACKNOWLEDGED', 'FEEDBACK_GIVEN', 'SENT_BACK', 'CLOSED']));
    expect(new Set(rows.map((r) => r.subject))).toEqual(new Set(['PROJECT', 'BLOCKER', 'TENANT']));
    expect(rows.find((r) => r.addressee === '371402001' && r.status === 'ISSUED')).toBeDefined();
    expect(rows.filter((r) => r.overdue).length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.title).toMatch(/^关于.+的督办通知$/);
      expect(row.events).toBe(row.version);
      expect(row.last_status).toBe(row.status);
      // The daily check would escalate an overdue order the data left alone: there is none.
      if (row.overdue) expect([row.escalated_to_code, row.kinds.at(-1)]).toEqual([expect.any(String), 'ESCALATED']);
    }
    const [outcomes] = await query<{ n: number }>(
      `select count(*)::int as n from accountability_outcome a join supervision_order o on o.id = a.order_id where o.status = 'CLOSED'`,
    );
    expect(outcomes!.n).toBeGreaterThan(0);
  });

  it('spreads projects over the city, every county-level unit and most towns, leaving some towns without any', async () => {
    const byLevel = await query<{ level: string; projects: number }>(
      `select t.level, count(*)::int as "projects" from project p join tenant t on t.code = p.owner_tenant_code group by t.level`,
    );
    const count = (level: string): number => byLevel.find((row) => row.level === level)?.projects ?? 0;
    // The city's and the counties' lists carry the large works; most towns have one small project.
    expect(count('CITY')).toBeGreaterThanOrEqual(30);
    expect(count('COUNTY')).toBeGreaterThanOrEqual(12 * 10);
    expect(count('TOWN')).toBeLessThan(count('COUNTY') + count('CITY'));

    const counties = await query<{ code: string; projects: number }>(
      `select t.code, count(p.id)::int as "projects" from tenant t left join project p on p.owner_tenant_code = t.code
        where t.level = 'COUNTY' group by t.code order by t.code`,
    );
    expect(counties).toHaveLength(12);
    expect(counties.map((c) => c.code)).toContain('371471');
    expect(counties.every((c) => c.projects >= 1)).toBe(true);

    const towns = await one<{ idle: number; busy: number }>(
      `select count(*) filter (where not exists (select 1 from project p where p.owner_tenant_code = t.code))::int as "idle",
              count(*) filter (where exists (select 1 from project p where p.owner_tenant_code = t.code))::int as "busy"
         from tenant t where t.level = 'TOWN'`,
    );
    expect(towns.idle).toBeGreaterThanOrEqual(5);
    expect(towns.busy).toBeGreaterThan(towns.idle * 3);
  });

  it("files a report for every month a project owes one and for no other: on the year's list, from its registration to its completion", async () => {
    // The duty as kp_reports_owed counts it, up to the running round (the month before the as-of month).
    const owed = `
      select p.id as project_id, m::date as period
        from project p
        join project_annual_plan a on a.project_id = p.id
        cross join lateral generate_series(
          greatest(make_date(a.year, 1, 1), date_trunc('month', p.created_at at time zone 'Asia/Shanghai')::date),
          least(make_date(a.year, 12, 1), (date_trunc('month', '${AS_OF}'::date) - interval '1 month')::date,
                coalesce(date_trunc('month', kp_project_completed_on(p.id))::date, 'infinity'::date)),
          interval '1 month') m`;
    const duty = await one<{
      unowed: number;
      unfiled: number;
      silent: number;
      notTrailing: number;
      preparing: number;
      spentBeforeStart: number;
    }>(
      `with owed as (${owed}),
            unfiled as (select o.* from owed o where not exists (select 1 from progress_report r where r.project_id = o.project_id and r.period = o.period))
       select (select count(*) from progress_report r
                where not exists (select 1 from owed o where o.project_id = r.project_id and o.period = r.period))::int as "unowed",
              (select count(*) from unfiled)::int as "unfiled",
              (select count(distinct project_id) from unfiled)::int as "silent",
              (select count(*) from unfiled u
                where u.period < (select max(r.period) from progress_report r where r.project_id = u.project_id)
                   or u.period < (date_trunc('month', '${AS_OF}'::date) - interval '2 months')::date)::int as "notTrailing",
              (select count(*) from progress_report r join project p on p.id = r.project_id
                where p.started_on is null or r.period < date_trunc('month', p.started_on)::date)::int as "preparing",
              (select count(*) from progress_report r join project p on p.id = r.project_id
                where (p.started_on is null or r.period < date_trunc('month', p.started_on)::date) and r.completed_investment_wan > 0)::int as "spentBeforeStart"`,
    );
    expect(duty.unowed).toBe(0);
    // Those still preparing their start report their preparations (前期工作), with nothing spent.
    expect(duty.preparing).toBeGreaterThan(200);
    expect(duty.spentBeforeStart).toBe(0);
    // What is owed and not filed: the last month or two of the few projects that stopped reporting (过期不报).
    expect(duty.silent).toBeGreaterThanOrEqual(1);
    expect(duty.silent).toBeLessThanOrEqual(15);
    expect(duty.unfiled).toBeLessThanOrEqual(2 * duty.silent);
    expect(duty.notTrailing).toBe(0);

    // Every project on a year's list reports every month from its registration (or January) on.
    const gaps = await one<{ gaps: number }>(
      `select count(*)::int as "gaps" from (
         select r.project_id, r.period, lag(r.period) over (partition by r.project_id order by r.period) as previous
           from progress_report r) x
        where previous is not null and period <> (previous + interval '1 month')::date`,
    );
    expect(gaps.gaps).toBe(0);
  });

  it("records each report's stage as the stage history has it at the end of the month", async () => {
    const mismatches = await one<{ n: number }>(
      `select count(*)::int as "n" from progress_report r
        where r.stage_at_month_end is distinct from (
          select s.to_stage from project_stage_change s
           where s.project_id = r.project_id and s.changed_on <= (r.period + interval '1 month - 1 day')::date
           order by s.changed_on desc limit 1)`,
    );
    expect(mismatches.n).toBe(0);
  });

  it("keeps every stage history dated, increasing, chained and ending at the project's stage", async () => {
    const bad = await one<{ first: number; chain: number; order: number; future: number; current: number; started: number }>(
      `with h as (
         select s.*, lag(s.to_stage) over w as previous_stage, lag(s.changed_on) over w as previous_on, row_number() over w as "n"
           from project_stage_change s window w as (partition by s.project_id order by s.changed_on, s.to_stage))
       select count(*) filter (where n = 1 and (from_stage is not null or to_stage <> 'PLANNED'))::int as "first",
              count(*) filter (where n > 1 and from_stage is distinct from previous_stage)::int as "chain",
              count(*) filter (where n > 1 and (changed_on <= previous_on or to_stage <= previous_stage))::int as "order",
              count(*) filter (where changed_on > '${AS_OF}'::date)::int as "future",
              (select count(*) from project p where p.stage is distinct from (
                 select s.to_stage from project_stage_change s where s.project_id = p.id order by s.changed_on desc limit 1))::int as "current",
              (select count(*) from project p where (p.stage >= 'STARTED') <> exists (
                 select 1 from project_stage_change s where s.project_id = p.id and s.to_stage = 'STARTED'))::int as "started"
         from h`,
    );
    expect(bad).toEqual({ first: 0, chain: 0, order: 0, future: 0, current: 0, started: 0 });
  });

  it("keeps nature and designation levels per year's list: the project shows this year's, last year's list may differ", async () => {
    const levels = await one<{
      plans: number;
      withoutOwn: number;
      notShown: number;
      changed: number;
      nationalUnstarted: number;
      nationalOffProvince: number;
    }>(
      `select count(*)::int as "plans",
              count(*) filter (where not (case when o.level = 'CITY' then 'CITY' else 'COUNTY' end)::designation_level = any(a.designation_levels))::int as "withoutOwn",
              count(*) filter (where a.year = ${YEAR} and a.designation_levels <> p.designation_levels)::int as "notShown",
              count(*) filter (where a.year = ${YEAR - 1} and exists (
                select 1 from project_annual_plan b where b.project_id = p.id and b.year = ${YEAR} and b.designation_levels <> a.designation_levels))::int as "changed",
              count(*) filter (where 'NATIONAL' = any(a.designation_levels) and p.started_on is null)::int as "nationalUnstarted",
              count(*) filter (where 'NATIONAL' = any(a.designation_levels) and not 'PROVINCIAL' = any(a.designation_levels))::int as "nationalOffProvince"
         from project_annual_plan a join project p on p.id = a.project_id join tenant o on o.code = p.owner_tenant_code`,
    );
    // Every list a project is on includes its owner's own; the state's list takes large works under way, from the province's.
    expect({
      withoutOwn: levels.withoutOwn,
      notShown: levels.notShown,
      nationalUnstarted: levels.nationalUnstarted,
      nationalOffProvince: levels.nationalOffProvince,
    }).toEqual({
      withoutOwn: 0,
      notShown: 0,
      nationalUnstarted: 0,
      nationalOffProvince: 0,
    });
    // Some projects were promoted onto a higher list this year (or left the province's): not all, not none.
    const both = await one<{ n: number }>(`select count(*)::int as "n" from project_annual_plan a where a.year = ${YEAR - 1}
                                             and exists (select 1 from project_annual_plan b where b.project_id = a.project_id and b.year = ${YEAR})`);
    expect(levels.changed).toBeGreaterThanOrEqual(5);
    expect(levels.changed / both.n).toBeLessThan(0.3);

    // 新开工 the year it starts, 续建 after; a project still preparing is 新开工 on the list of the year it is to start, else 前期.
    const natures = await one<{ wrong: number; shown: number; continuing: number }>(
      `select count(*) filter (where a.nature::text <> case
                when p.started_on is not null then case when extract(year from p.started_on) < a.year then 'CONTINUING' else 'NEW' end
                when extract(year from p.planned_start_on) = a.year then 'NEW'
                else 'PREPARATORY' end)::int as "wrong",
              count(*) filter (where a.year = ${YEAR} and a.nature <> p.nature)::int as "shown",
              count(*) filter (where a.year = ${YEAR} and a.nature = 'CONTINUING' and exists (
                select 1 from project_annual_plan b where b.project_id = p.id and b.year = ${YEAR - 1} and b.nature = 'NEW'))::int as "continuing"
         from project_annual_plan a join project p on p.id = a.project_id`,
    );
    expect({ wrong: natures.wrong, shown: natures.shown }).toEqual({ wrong: 0, shown: 0 });
    expect(natures.continuing).toBeGreaterThan(30);
  });

  it("keeps funds in place as dated arrivals: a project's funds their sum, a started lead's funds those recorded through it", async () => {
    const bad = await one<{
      project: number;
      lead: number;
      leadDate: number;
      leadProject: number;
      early: number;
      future: number;
      fundsInPlace: number;
      source: number;
    }>(
      `select (select count(*) from project p
                where p.funds_in_place_wan <> coalesce((select sum(f.amount_wan) from fund_arrival f where f.project_id = p.id), 0))::int as "project",
              (select count(*) from investment_lead l
                where l.funds_in_place_wan <> coalesce((select sum(f.amount_wan) from fund_arrival f where f.lead_id = l.id), 0))::int as "lead",
              (select count(*) from investment_lead l
                where l.funds_recorded_on is distinct from (select max(f.arrived_on) from fund_arrival f where f.lead_id = l.id))::int as "leadDate",
              (select count(*) from fund_arrival f join investment_lead l on l.id = f.lead_id
                where f.project_id is distinct from l.project_id or f.arrived_on < l.started_on)::int as "leadProject",
              -- funds follow the start (or, for a project still to start, the contract)
              (select count(*) from fund_arrival f join project p on p.id = f.project_id
                where f.arrived_on < coalesce(p.started_on, (select min(s.changed_on) from project_stage_change s where s.project_id = p.id and s.to_stage = 'SIGNED')))::int as "early",
              (select count(*) from fund_arrival f where f.arrived_on >= '${AS_OF}'::date or f.recorded_at > '${AS_OF}T08:00:00+08:00'::timestamptz)::int as "future",
              (select count(*) from investment_lead l where l.stage = 'FUNDS_IN_PLACE'
                  and (l.funds_in_place_wan <> l.signed_wan or l.funds_in_place_on <> l.funds_recorded_on))::int as "fundsInPlace",
              -- an enterprise's money (an investor's, a filed 备案/核准 project's) is its own or borrowed; a government
              -- work's (审批, procedure 01) comes from bonds, budgets and policy loans
              (select count(*) from fund_arrival f join project p on p.id = f.project_id
                where ((f.lead_id is not null or split_part(p.code, '-', 4) in ('02', '03')) and f.note not in ('企业自筹资金', '银行贷款'))
                   or (split_part(p.code, '-', 4) = '01' and f.note in ('企业自筹资金', '银行贷款')))::int as "source"`,
    );
    expect(bad).toEqual({ project: 0, lead: 0, leadDate: 0, leadProject: 0, early: 0, future: 0, fundsInPlace: 0, source: 0 });

    const through = await one<{ leads: number; leadArrivals: number; ownArrivals: number; thisYear: number }>(
      `select count(distinct lead_id)::int as "leads", count(lead_id)::int as "leadArrivals", count(*) filter (where lead_id is null)::int as "ownArrivals",
              count(*) filter (where arrived_on >= make_date(${YEAR}, 1, 1))::int as "thisYear"
         from fund_arrival`,
    );
    expect(through.leads).toBeGreaterThanOrEqual(30);
    expect(through.leadArrivals).toBeGreaterThan(through.leads);
    expect(through.ownArrivals).toBeGreaterThan(through.leadArrivals);
    expect(through.thisYear).toBeGreaterThan(200);
  });

  it('has started 60-90% of the projects planned to start this year', async () => {
    const rate = await one<{ planned: number; started: number }>(
      `select count(*)::int as "planned", count(*) filter (where p.stage >= 'STARTED')::int as "started"
         from project p join project_annual_plan a on a.project_id = p.id and a.year = ${YEAR}
        where p.nature = 'NEW' and extract(year from p.planned_start_on) = ${YEAR}`,
    );
    expect(rate.planned).toBeGreaterThanOrEqual(60);
    expect(rate.started / rate.planned).toBeGreaterThan(0.6);
    expect(rate.started / rate.planned).toBeLessThan(0.9);
  });

  it('has milestones done on time, done late, open and overdue, and open and still due', async () => {
    const m = await one<{ onTime: number; late: number; overdue: number; due: number; doneLater: number }>(
      `select count(*) filter (where done_on <= due_on)::int as "onTime",
              count(*) filter (where done_on > due_on)::int as "late",
              count(*) filter (where done_on is null and due_on < '${AS_OF}'::date)::int as "overdue",
              count(*) filter (where done_on is null and due_on >= '${AS_OF}'::date)::int as "due",
              count(*) filter (where done_on > '${AS_OF}'::date)::int as "doneLater"
         from milestone`,
    );
    expect(m.doneLater).toBe(0);
    expect(m.onTime).toBeGreaterThan(m.late);
    expect(m.late).toBeGreaterThan(0);
    expect(m.overdue).toBeGreaterThan(10);
    expect(m.due).toBeGreaterThan(10);

    const perStarted = await one<{ fewest: number; most: number }>(
      `select min(n)::int as "fewest", max(n)::int as "most" from (
         select count(m.id) as "n" from project p left join milestone m on m.project_id = p.id where p.stage >= 'STARTED' group by p.id) x`,
    );
    expect(perStarted).toEqual({ fewest: 2, most: 5 });
  });

  it('plans no more than remains, reports no more than the total, and keeps the money exact', async () => {
    const bad = await one<{ overPlanned: number; overSpent: number; overFunded: number; unplannedYears: number; outOfRange: number }>(
      `with spent as (
         select p.id, p.total_investment_wan as "total", p.completed_before_tracking_wan as before,
                coalesce(sum(r.completed_investment_wan) filter (where r.period < make_date(${YEAR}, 1, 1)), 0) as last_year,
                coalesce(sum(r.completed_investment_wan), 0) as reported
           from project p left join progress_report r on r.project_id = p.id group by p.id)
       select (select count(*) from project_annual_plan a join spent s on s.id = a.project_id
                where a.planned_investment_wan > s.total - s.before - case when a.year = ${YEAR} then s.last_year else 0 end)::int as "overPlanned",
              (select count(*) from spent where before + reported > total)::int as "overSpent",
              (select count(*) from project where funds_in_place_wan > total_investment_wan)::int as "overFunded",
              (select count(*) from (select distinct project_id, extract(year from period)::int as year from progress_report) y
                where not exists (select 1 from project_annual_plan a where a.project_id = y.project_id and a.year = y.year))::int as "unplannedYears",
              (select count(*) from project where total_investment_wan not between 800 and 152000)::int as "outOfRange"`,
    );
    expect(bad).toEqual({ overPlanned: 0, overSpent: 0, overFunded: 0, unplannedYears: 0, outOfRange: 0 });

    const decimals = await one<{ n: number }>(
      `select count(*)::int as "n" from project where total_investment_wan <> trunc(total_investment_wan)`,
    );
    expect(decimals.n).toBeGreaterThan(0);
  });

  it("relates this year's reports to this year's plan: most near time progress, some clearly behind, a few ahead", async () => {
    const ratios = await query<{ ratio: string }>(
      `select (sum(r.completed_investment_wan) / a.planned_investment_wan)::text as "ratio"
         from project_annual_plan a join progress_report r on r.project_id = a.project_id and extract(year from r.period) = a.year
        where a.year = ${YEAR} and a.planned_investment_wan > 0 group by a.project_id, a.planned_investment_wan`,
    );
    const values = ratios.map((r) => Number(r.ratio));
    expect(values.length).toBeGreaterThan(100);
    expect(Math.max(...values)).toBeLessThanOrEqual(1.5);
    expect(values.filter((v) => v < 0.5).length).toBeGreaterThan(10);
    expect(values.filter((v) => v >= 1).length).toBeGreaterThan(3);
  });

  it('issues unique GB/T 40058 codes to most projects, dated no later than the as-of month, under the owning county or city', async () => {
    const codes = await one<{ total: number; coded: number; distinct: number; malformed: number; future: number; wrongRegion: number }>(
      `select count(*)::int as "total", count(p.code)::int as "coded", count(distinct p.code)::int as "distinct",
              count(*) filter (where p.code !~ '^\\d{4}-\\d{6}-\\d{2}-0[1-3]-\\d{6}$')::int as "malformed",
              count(*) filter (where left(p.code, 4) > to_char('${AS_OF}'::date, 'YYMM'))::int as "future",
              count(*) filter (where substr(p.code, 6, 6) <> case when t.level = 'CITY' then t.code else left(t.code, 6) end)::int as "wrongRegion"
         from project p join tenant t on t.code = p.owner_tenant_code`,
    );
    expect(codes.coded).toBe(codes.distinct);
    expect(codes.coded / codes.total).toBeGreaterThan(0.75);
    expect(codes.coded / codes.total).toBeLessThan(0.95);
    expect({ malformed: codes.malformed, future: codes.future, wrongRegion: codes.wrongRegion }).toEqual({
      malformed: 0,
      future: 0,
      wrongRegion: 0,
    });

    // The same check a clerk's input goes through.
    const rows = await query<{ code: string }>(`select code from project where code is not null order by code`);
    expect(rows.map((r) => projectCodeProblem(r.code, AS_OF)).filter((problem) => problem !== undefined)).toEqual([]);
  });

  it('stamps nothing after the as-of date and uses made-up 0534 telephone numbers', async () => {
    const latest = await one<{ latest: Date }>(
      `select greatest((select max(created_at) from project), (select max(updated_at) from project),
                       (select max(recorded_at) from project_stage_change), (select max(reported_at) from progress_report),
                       (select max(updated_at) from progress_report), (select max(updated_at) from project_annual_plan),
                       (select max(updated_at) from milestone)) as latest`,
    );
    expect(new Date(latest.latest).getTime()).toBeLessThanOrEqual(Date.parse(`${AS_OF}T08:00:00+08:00`));
    const phones = await one<{ bad: number }>(`select count(*) filter (where contact_phone !~ '^0534-\\d{7}$')::int as "bad" from project`);
    expect(phones.bad).toBe(0);
  });
});
