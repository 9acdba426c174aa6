import { adHocUser } from '../../../src/auth/dev-realm';
import type { DevUser } from '../../../src/auth/dev-users';
import { Role } from '../../../src/auth/roles';
import { chinaDate, Period } from '../../../src/calendar/period';
import { Random } from '../../../src/demo/demo-primitives';
import { ProjectStage, stageRank } from '../../../src/modules/project/project.enums';
import { completedOnFrom } from '../../../src/modules/project/stage-history';
import { percentOf } from '../../../src/modules/rollup/rollup-math';
import {
  backdateRegistration,
  CITY,
  CITY_LEADER,
  COUNTY_LEADER,
  createProject,
  NINGJIN,
  NINGJIN_LEADER,
  TOWN_OFFICER,
  XINHU,
  XINHUA,
  XINHUA_OFFICER,
} from '../../support/fixtures';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Random projects registered at random times, with random stage histories (completions, operation,
 * steps back) and reports filed early, late or never, in every review state; then every tenant's
 * reporting figures and late list, in several months, must equal a recomputation from the raw rows
 * by the rule: a project on the year's list owes a month's report from the month it was registered
 * through the month it was completed or put into operation.
 */
const NINGCHENG = '371422001';
const OWNERS: { code: string; user: DevUser }[] = [
  { code: CITY, user: CITY_LEADER },
  { code: '371402', user: COUNTY_LEADER },
  { code: XINHU, user: TOWN_OFFICER },
  { code: XINHUA, user: XINHUA_OFFICER },
  { code: NINGJIN, user: NINGJIN_LEADER },
  {
    code: NINGCHENG,
    user: adHocUser({ subject: 'ningcheng-officer', name: '宁城街道干部', tenantCode: NINGCHENG, roles: [Role.TOWN_OFFICER] }),
  },
];
const STAGES = Object.values(ProjectStage);
const CHANGE_STAGE = `mutation($input: ChangeProjectStageInput!) { changeProjectStage(input: $input) { stage } }`;
const REPORTING =
  'tenant { code } reporting { deadlineOn owedCount submittedCount onTimeCount lateCount missingCount approvedCount pendingReviewCount returnedCount onTimeRate }';

interface Row {
  [k: string]: any;
}

const addDays = (date: string, days: number) => new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);

describe('reporting duties against a recomputation from the raw rows', () => {
  let server: TestServer;
  const today = chinaDate();
  const current = Period.current();
  const PERIODS = [
    Period.of(2025, 2),
    Period.of(2025, 9),
    Period.of(2026, 3),
    Period.of(2026, 8),
    current.plusMonths(-2),
    current.plusMonths(-1),
    current,
  ];

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants');
  });
  afterAll(() => server.close());

  const sql = (query: string, params: unknown[] = []): Promise<Row[]> => server.adminOrm.em.fork().getConnection().execute(query, params);

  async function generate(seed: number): Promise<void> {
    const rng = new Random(seed);
    for (let i = 0; i < 24; i += 1) {
      const owner = rng.pick(OWNERS);
      let stage = rng.pick(STAGES.slice(0, 5));
      let on = rng.date('2025-01-01', '2025-06-30');
      const years = [2025, 2026, current.year].filter((y, k, all) => all.indexOf(y) === k && rng.chance(0.75));
      const project = await createProject(
        server,
        {
          code: null,
          ownerTenantCode: owner.code,
          stage,
          stageSince: on,
          annualPlans: years.map((year) => ({ year, plannedInvestmentWan: '100' })),
        },
        owner.user,
      );
      // Stage changes forward (to completion and operation too) and now and then back.
      for (let step = rng.int(0, 4); step > 0; step -= 1) {
        const next = STAGES[Math.max(0, Math.min(STAGES.length - 1, stageRank(stage) + (rng.chance(0.2) ? -1 : rng.int(1, 3))))]!;
        on = addDays(on, rng.int(10, 150));
        if (next === stage || on > today) break;
        const changed = await server.gql(
          CHANGE_STAGE,
          { input: { projectId: project.id, stage: next, changedOn: on, note: '调整' } },
          owner.user,
        );
        expect(changed.errors).toBeUndefined();
        stage = next;
      }
      if (rng.chance(0.85)) await backdateRegistration(server, project.id, rng.date('2025-01-01', today));
      // Reports for some months, first submitted before, on or after the deadline, or never (drafts).
      const months: Period[] = [];
      for (let p = Period.of(2025, 1); p.compare(current) <= 0; p = p.plusMonths(1)) if (rng.chance(0.5)) months.push(p);
      for (const month of months) {
        const status = rng.pick(['DRAFT', 'SUBMITTED', 'RESUBMITTED', 'RETURNED', 'APPROVED', 'APPROVED']);
        const submittedOn = addDays(month.plusMonths(1).firstDay, rng.int(-25, 30));
        await sql(
          `insert into progress_report (id, project_id, period, completed_investment_wan, progress_note, stage_at_month_end, reported_by, reported_by_name, status, first_submitted_at, submitted_at)
           values (gen_random_uuid(), ?, ?, 1, 'x', 'STARTED', 'test', 'test', ?::report_status, ?::timestamptz, ?::timestamptz)`,
          [
            project.id,
            month.firstDay,
            status,
            ...Array(2).fill(status === 'DRAFT' || submittedOn > today ? null : `${submittedOn} 10:00+08`),
          ],
        );
      }
    }
  }

  /** What every tenant owes for a month, recomputed in JavaScript from the raw rows. */
  async function expected(period: Period) {
    const projects = await sql(
      `select p.id, p.created_at, t.path::text as path from project p join tenant t on t.code = p.owner_tenant_code`,
    );
    const history = await sql(
      `select project_id, from_stage, to_stage, to_char(changed_on, 'YYYY-MM-DD') as changed_on from project_stage_change order by changed_on, recorded_at, id`,
    );
    const plans = await sql(`select project_id from project_annual_plan where year = ?`, [period.year]);
    const reports = await sql(`select id, project_id, status, first_submitted_at from progress_report where period = ?`, [period.firstDay]);
    const tenants = await sql(`select code, path::text as path from tenant where code like '3714%'`);
    const deadline = `${period.plusMonths(1).firstDay.slice(0, 8)}05`;
    const listed = new Set(plans.map((p) => p.project_id));
    const duties = projects
      .filter((p) => listed.has(p.id) && Period.ofDate(chinaDate(new Date(p.created_at))).compare(period) <= 0)
      .filter((p) => {
        const completedOn = completedOnFrom(
          history
            .filter((h) => h.project_id === p.id)
            .map((h) => ({ fromStage: h.from_stage ?? undefined, toStage: h.to_stage, changedOn: h.changed_on })),
        );
        return !completedOn || Period.ofDate(completedOn).compare(period) >= 0;
      })
      .map((p) => {
        const report = reports.find((r) => r.project_id === p.id);
        const submittedOn = report?.first_submitted_at ? chinaDate(new Date(report.first_submitted_at)) : null;
        return { project: p, report, submittedOn };
      });
    const figures = new Map<string, Row>();
    const lists = new Map<string, Row[]>();
    for (const tenant of tenants) {
      const mine = duties.filter((d) => d.project.path === tenant.path || d.project.path.startsWith(`${tenant.path}.`));
      const count = (test: (d: (typeof mine)[number]) => boolean) => mine.filter(test).length;
      const onTime = count((d) => d.submittedOn !== null && d.submittedOn <= deadline);
      figures.set(tenant.code, {
        tenant: { code: tenant.code },
        reporting: {
          deadlineOn: mine.length ? deadline : null,
          owedCount: mine.length,
          submittedCount: count((d) => d.submittedOn !== null),
          onTimeCount: onTime,
          lateCount: count((d) => d.submittedOn !== null && d.submittedOn > deadline),
          missingCount: count((d) => d.submittedOn === null && today > deadline),
          approvedCount: count((d) => d.report?.status === 'APPROVED'),
          pendingReviewCount: count((d) => d.report?.status === 'SUBMITTED' || d.report?.status === 'RESUBMITTED'),
          returnedCount: count((d) => d.report?.status === 'RETURNED'),
          onTimeRate: percentOf(onTime, mine.length),
        },
      });
      lists.set(
        tenant.code,
        mine
          .filter((d) => (d.submittedOn === null && today > deadline) || (d.submittedOn !== null && d.submittedOn > deadline))
          .sort((a, b) =>
            a.submittedOn === b.submittedOn
              ? a.project.id < b.project.id
                ? -1
                : 1
              : a.submittedOn === null
                ? -1
                : b.submittedOn === null
                  ? 1
                  : a.submittedOn > b.submittedOn
                    ? -1
                    : 1,
          )
          .map((d) => ({
            kind: d.submittedOn ? 'LATE' : 'MISSING',
            deadlineOn: deadline,
            submittedOn: d.submittedOn,
            project: { id: d.project.id },
          })),
      );
    }
    return { figures, lists };
  }

  async function actual(period: Period) {
    const result = await server.gql(
      `query($period: Period!) {
        rollup(tenantCode: "${CITY}", period: $period) { ${REPORTING} children { ${REPORTING} children { ${REPORTING} } } }
        ${OWNERS.map((o, i) => `late${i}: lateReports(tenantCode: "${o.code}", period: $period) { kind deadlineOn submittedOn project { id } }`).join('\n')}
      }`,
      { period: period.toString() },
      CITY_LEADER,
    );
    expect(result.errors).toBeUndefined();
    const figures = new Map<string, Row>();
    const walk = (node: Row) => {
      const { children, ...own } = node;
      figures.set(own.tenant.code, own);
      for (const child of children ?? []) walk(child);
    };
    walk(result.data!.rollup);
    const lists = new Map(OWNERS.map((o, i) => [o.code, result.data![`late${i}`] as Row[]]));
    return { figures, lists };
  }

  it.each([1, 2])('agree with the rule for every tenant and month (seed %i)', async (seed) => {
    await generate(seed);
    for (const period of PERIODS) {
      const want = await expected(period);
      const got = await actual(period);
      for (const [code, figures] of got.figures)
        expect({ period: period.toString(), ...figures }).toEqual({ period: period.toString(), ...want.figures.get(code) });
      for (const [code, list] of got.lists)
        expect({ period: period.toString(), code, list }).toEqual({ period: period.toString(), code, list: want.lists.get(code) });
    }
  });
});
