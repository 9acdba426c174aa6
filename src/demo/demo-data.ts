import type { EntityName, RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { devUser } from '../auth/dev-users';
import { chinaDate, isLocalDate, Period } from '../calendar/period';
import { InvestmentLead } from '../modules/attraction/investment-lead.entity';
import { LeadStageChange } from '../modules/attraction/lead-stage-change.entity';
import { ProjectAssignment } from '../modules/assignment/assignment.entity';
import { Blocker, BlockerEvent } from '../modules/blocker/blocker.entity';
import { EvaluationScheme } from '../modules/evaluation/evaluation-scheme.entity';
import { AccountabilityOutcome } from '../modules/supervision-order/accountability.entity';
import { SupervisionOrder, SupervisionOrderEvent } from '../modules/supervision-order/supervision-order.entity';
import { FundArrival } from '../modules/funds/fund-arrival.entity';
import { Milestone } from '../modules/milestone/milestone.entity';
import { ProgressReport } from '../modules/progress-report/progress-report.entity';
import { ReportReview } from '../modules/progress-report/report-review.entity';
import { AnnualPlan } from '../modules/project/annual-plan.entity';
import { ReserveProject } from '../modules/reserve/reserve-project.entity';
import { MonthlyTarget } from '../modules/project/monthly-target.entity';
import { Project } from '../modules/project/project.entity';
import { DesignationLevel, ProjectCategory, ProjectNature, ProjectStage, stageRank } from '../modules/project/project.enums';
import { StageChange } from '../modules/project/stage-change.entity';
import { importCityTenants } from '../modules/tenant/tenant-import';
import { Tenant } from '../modules/tenant/tenant.entity';
import { TenantLevel } from '../modules/tenant/tenant.enums';
import { demoAssignments } from './demo-assignments';
import { demoBlockers } from './demo-blockers';
import { demoEvaluationScheme } from './demo-evaluation';
import { demoOrders } from './demo-orders';
import { demoReserve } from './demo-reserve';
import { freezeDemoAssessment } from './demo-assessment';
import { publishDemoDocuments } from './demo-publications';
import { insertDemoApprovals } from './demo-approvals';
import { insertDemoTargets } from './demo-targets';
import { arrivalRows, fundArrivals, planSources, reportSources } from './demo-funds';
import type { PlanFundingSource } from '../modules/project/plan-funding';
import { demoLeads } from './demo-leads';
import { insertDemoPhotos } from './demo-photos';
import type { PhotoStore } from '../modules/photo/photo-store';
import {
  lateMilestoneNote,
  MILESTONE_STEPS,
  overdueMilestoneNote,
  personName,
  phoneNumber,
  stageChangeNote,
  START_MILESTONE,
  type WorkKind,
} from './demo-names';
import { DemoOfficers, type Officer } from './demo-officers';
import { DemoPlaces, type DemoTenant } from './demo-places';
import {
  addDays,
  addMonths,
  chinaInstant,
  daysBetween,
  earlierOf,
  type Hundredths,
  laterOf,
  latest,
  monthsFrom,
  officeTime,
  ONE_WAN,
  Random,
  shareOf,
  splitAmount,
  wanText,
} from './demo-primitives';
import { type DemoProject, type PaceBand, type StageStep, stageOn } from './demo-project';
import { monthlyReports } from './demo-reports';
import { planWork } from './demo-works';

/**
 * Demo data for 德州市: its real tenant tree and a few hundred made-up key projects with two years of
 * plans, stage histories, monthly reports and their review, milestones, blockers and investment
 * leads, consistent with one another and with the "as of" date. Generated from a fixed seed: the
 * same date gives byte-identical rows, ids included, and no timestamp comes from the clock.
 */

export interface DemoDataOptions {
  /** The business date (China) the data is generated as of: reports run to the month before it. */
  asOf: string;
  /** Where the demo's site photos go (the server's configured store); without one the reports have no photos. */
  photoStore?: PhotoStore;
}

export interface DemoDataSummary {
  asOf: string;
  tenants: number;
  projects: number;
  annualPlans: number;
  stageChanges: number;
  reports: number;
  reportReviews: number;
  milestones: number;
  assignments: number;
  blockers: number;
  supervisionOrders: number;
  leads: number;
  fundArrivals: number;
}

const SEED = 0x3714_2026;
const DEMO_CITY_CODE = '371400';
const PROJECT_COUNT = 320;
/** The city runs its own list of large works; each county-level unit a dozen or so; towns the rest, small. */
const CITY_PROJECT_COUNT = 36;
const COUNTY_PROJECT_COUNT: readonly [number, number] = [10, 16];
/** Share of towns left without projects, so rankings and drill-downs show empty units too. */
const IDLE_TOWN_SHARE = 0.15;
/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for the widest table. */
const INSERT_CHUNK = 1000;

export async function loadDemoData(em: EntityManager, options: DemoDataOptions): Promise<DemoDataSummary> {
  if (!isLocalDate(options.asOf)) throw new RangeError(`asOf must be a YYYY-MM-DD date, got ${options.asOf}`);
  const calendar = demoCalendar(options.asOf);
  return em.transactional(async (tx) => {
    await importCityTenants(tx, DEMO_CITY_CODE);
    const tenants = (await tx.find(Tenant, { code: { $like: `${DEMO_CITY_CODE.slice(0, 4)}%` } }, { orderBy: { code: 'asc' } }))
      .filter((t) => !t.validTo || t.validTo > calendar.asOf)
      .map(toDemoTenant);
    const rows = generateDemoRows(tenants, calendar);
    // Each report's completion by source, as its year's plan is funded.
    const planOf = new Map(rows.plans.map((plan) => [`${String(plan.project)}|${plan.year}`, plan]));
    for (const report of rows.reports) {
      const plan = planOf.get(`${String(report.project)}|${String(report.period).slice(0, 4)}`);
      report.fundingSources = reportSources(
        String(report.completedInvestmentWan),
        plan && { plannedInvestmentWan: String(plan.plannedInvestmentWan), fundingSources: plan.fundingSources as PlanFundingSource[] },
      );
    }
    await insertInChunks(tx, Project, rows.projects);
    await insertInChunks(tx, AnnualPlan, rows.plans);
    await insertInChunks(tx, MonthlyTarget, rows.monthlyTargets);
    await insertInChunks(tx, StageChange, rows.stageChanges);
    await insertInChunks(tx, ProgressReport, rows.reports);
    await insertInChunks(tx, ReportReview, rows.reviews);
    await insertInChunks(tx, Milestone, rows.milestones);
    await insertInChunks(tx, ProjectAssignment, rows.assignments);
    await insertInChunks(tx, Blocker, rows.blockers);
    await insertInChunks(tx, BlockerEvent, rows.blockerEvents);
    await insertInChunks(tx, SupervisionOrder, rows.orders);
    await insertInChunks(tx, SupervisionOrderEvent, rows.orderEvents);
    await insertInChunks(tx, AccountabilityOutcome, rows.accountability);
    await insertInChunks(tx, InvestmentLead, rows.leads);
    await insertInChunks(tx, LeadStageChange, rows.leadSteps);
    // After the leads: an arrival through a lead names it.
    await insertInChunks(tx, FundArrival, rows.arrivals);
    // After the projects: a promoted reserve project names its key project.
    await insertInChunks(tx, ReserveProject, rows.reserve);
    await tx.insert(EvaluationScheme, demoEvaluationScheme(DEMO_CITY_CODE, calendar.year));
    await insertDemoApprovals(tx, DEMO_CITY_CODE, calendar.asOf);
    await insertDemoTargets(tx, DEMO_CITY_CODE, calendar.year);
    if (options.photoStore) await insertDemoPhotos(tx, options.photoStore, calendar.asOf);
    // Last: what the city circulated is read from every row above.
    await publishDemoDocuments(tx, DEMO_CITY_CODE, calendar.asOf);
    await freezeDemoAssessment(tx, DEMO_CITY_CODE, calendar.asOf);
    return {
      asOf: calendar.asOf,
      tenants: tenants.length,
      projects: rows.projects.length,
      annualPlans: rows.plans.length,
      stageChanges: rows.stageChanges.length,
      reports: rows.reports.length,
      reportReviews: rows.reviews.length,
      milestones: rows.milestones.length,
      assignments: rows.assignments.length,
      blockers: rows.blockers.length,
      supervisionOrders: rows.orders.length,
      leads: rows.leads.length,
      fundArrivals: rows.arrivals.length,
    };
  });
}

async function insertInChunks<T extends object>(em: EntityManager, entity: EntityName<T>, rows: RequiredEntityData<T>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await em.insertMany<T>(entity, rows.slice(i, i + INSERT_CHUNK));
}

function toDemoTenant(tenant: Tenant): DemoTenant {
  const countyCode =
    tenant.level === TenantLevel.TOWN ? tenant.code.slice(0, 6) : tenant.level === TenantLevel.COUNTY ? tenant.code : undefined;
  return { code: tenant.code, name: tenant.name, level: tenant.level, kind: tenant.kind, countyCode };
}

// ---------------------------------------------------------------------------------------------
// Calendar

interface DemoCalendar {
  asOf: string;
  year: number;
  lastYear: number;
  /** The as-of month: reports exist for the months before it. */
  asOfPeriod: Period;
  /** When tracking began here: 1 January of last year. Earlier investment is an opening balance. */
  trackingFrom: string;
  /** No timestamp is later than 08:00 in China on the as-of date. */
  cutoff: Date;
  /**
   * Share of the projects planned to start this year that have started by the as-of date: few in
   * January, about half by midsummer, about three quarters from November (the seed speeches' 21 of 28).
   */
  startShare: number;
}

function demoCalendar(asOf: string): DemoCalendar {
  const year = Number(asOf.slice(0, 4));
  const elapsed = (daysBetween(`${year}-01-01`, asOf) + 1) / (daysBetween(`${year}-01-01`, `${year}-12-31`) + 1);
  return {
    asOf,
    year,
    lastYear: year - 1,
    asOfPeriod: Period.ofDate(asOf),
    trackingFrom: `${year - 1}-01-01`,
    cutoff: chinaInstant(asOf, 8 * 60),
    startShare: 0.76 * Math.min(1, elapsed / 0.85) ** 0.8,
  };
}

/** A wall-clock time in office hours on the date, never after the cutoff. */
function stamp(rng: Random, calendar: DemoCalendar, date: string): Date {
  return officeTime(rng, date, calendar.cutoff);
}

// ---------------------------------------------------------------------------------------------
// Who owns what

/**
 * How a project relates to the two years on record: started before last year (an opening balance),
 * started last year, planned to start this year (the start rate's denominator), or a reserve project
 * still in preparation.
 */
type Cohort = 'EARLIER' | 'LAST_YEAR' | 'THIS_YEAR' | 'RESERVE';

interface Slot {
  owner: DemoTenant;
  cohort: Cohort;
  /** THIS_YEAR only: started by the as-of date. A quota, not a coin per project, so the start rate is what the calendar says. */
  hasStarted: boolean;
  /**
   * The demo town officer's first project (the newest of the town, first in its list): an ordinary
   * one of the year's list, started five months ago, under construction, its reports approved.
   */
  featuredStartOn?: string;
  /** The work the slot must build (a key of the works catalogue), when the demo needs that one. */
  work?: string;
}

/**
 * The city owns its large works, every county-level unit a dozen or so, and most towns one small
 * one; some towns none. The demo town officer's 新湖街道 has exactly two: its featured project and
 * one started last year. The city's first is its heating network, started this year in 德城区黄河涯镇.
 */
function allocateProjects(rng: Random, tenants: readonly DemoTenant[], places: DemoPlaces, calendar: DemoCalendar): Slot[] {
  const featuredTown = devUser('town-officer')?.tenantCode;
  const towns = places.counties().flatMap((county) => places.townsOf(county));
  const counts = new Map<string, number>([[places.city.code, CITY_PROJECT_COUNT]]);
  for (const county of places.counties()) counts.set(county.code, rng.int(...COUNTY_PROJECT_COUNT));
  const busyTowns = rng.shuffle(towns.filter((t) => t.code !== featuredTown)).slice(Math.round(towns.length * IDLE_TOWN_SHARE));
  for (const town of busyTowns) counts.set(town.code, 1);
  if (featuredTown) counts.set(featuredTown, 2);
  const townWeights = busyTowns.map((town) => [town, rng.float(0.4, 2.2)] as const);
  const assigned = [...counts.values()].reduce((sum, n) => sum + n, 0);
  for (let i = assigned; i < PROJECT_COUNT && townWeights.length > 0; i++) {
    const town = rng.weighted(townWeights);
    counts.set(town.code, (counts.get(town.code) ?? 0) + 1);
  }

  const slots: Slot[] = [];
  for (const owner of tenants) {
    for (let i = 0; i < (counts.get(owner.code) ?? 0); i++) {
      const cohort = rng.weighted<Cohort>([
        ['EARLIER', 0.34],
        ['LAST_YEAR', 0.29],
        ['THIS_YEAR', 0.28],
        ['RESERVE', 0.09],
      ]);
      if (owner.code === places.city.code && i === 0) {
        // The city's heating network, started this year in a town of 德城区: the example of 属地.
        slots.push({ owner, cohort: 'THIS_YEAR', hasStarted: true, work: 'heatingNetwork' });
      } else if (owner.code !== featuredTown) {
        slots.push({ owner, cohort, hasStarted: false });
      } else if (i === 1) {
        // Generated after the town's other project, so a second work of the same kind is its 二期.
        const featuredStartOn = addMonths(calendar.asOf, -5);
        slots.push({
          owner,
          cohort: featuredStartOn >= `${calendar.year}-01-01` ? 'THIS_YEAR' : 'LAST_YEAR',
          hasStarted: true,
          featuredStartOn,
        });
      } else {
        slots.push({ owner, cohort: 'LAST_YEAR', hasStarted: false });
      }
    }
  }
  const planned = slots.filter((s) => s.cohort === 'THIS_YEAR' && !s.featuredStartOn && !s.work);
  for (const slot of rng.shuffle(planned).slice(0, Math.round(planned.length * calendar.startShare))) slot.hasStarted = true;
  return slots;
}

// ---------------------------------------------------------------------------------------------
// What the project is

/** The key-project lists a project is on: a city project is on the city's, a town's on its county's. */
function designationsOf(
  rng: Random,
  level: TenantLevel,
  category: ProjectCategory,
  total: Hundredths,
  isUnderWay: boolean,
): DesignationLevel[] {
  const isKey = category === ProjectCategory.KEY_PROVINCIAL_CITY;
  const levels = new Set<DesignationLevel>();
  if (level === TenantLevel.CITY) {
    levels.add(DesignationLevel.CITY);
    if (rng.chance(isKey ? 0.6 : 0.3)) levels.add(DesignationLevel.PROVINCIAL);
    // The state's list (国家重大项目) takes only large works already being built, from the province's.
    if (isUnderWay && total >= 50_000 * ONE_WAN && rng.chance(0.25)) levels.add(DesignationLevel.NATIONAL).add(DesignationLevel.PROVINCIAL);
  } else {
    levels.add(DesignationLevel.COUNTY);
    if (isKey || rng.chance(level === TenantLevel.COUNTY ? 0.35 : 0.12)) levels.add(DesignationLevel.CITY);
    if (rng.chance(isKey ? 0.4 : level === TenantLevel.COUNTY ? 0.08 : 0.02)) levels.add(DesignationLevel.PROVINCIAL);
  }
  return Object.values(DesignationLevel).filter((d) => levels.has(d));
}

/**
 * The lists a project was on last year: mostly this year's, but a project is promoted as it grows
 * (a county's project on the city's list this year, a city's on the province's) and now and then
 * leaves the province's list once its main works are done. The owner's own list never changes.
 */
function designationsLastYear(rng: Random, level: TenantLevel, current: readonly DesignationLevel[]): DesignationLevel[] {
  const own = level === TenantLevel.CITY ? DesignationLevel.CITY : DesignationLevel.COUNTY;
  const promoted = current.find((d) => d !== own);
  if (promoted && rng.chance(0.25)) return current.filter((d) => d !== promoted);
  if (!current.includes(DesignationLevel.PROVINCIAL) && rng.chance(0.04)) {
    return Object.values(DesignationLevel).filter((d) => d === DesignationLevel.PROVINCIAL || current.includes(d));
  }
  return [...current];
}

/** How fast a project spends against its plan: some clearly behind (red), some ahead. */
interface Pace {
  band: PaceBand;
  factor: number;
}

function paceOf(rng: Random): Pace {
  const band = rng.weighted<PaceBand>([
    ['BEHIND', 0.16],
    ['ON_TRACK', 0.7],
    ['AHEAD', 0.14],
  ]);
  const factor = band === 'BEHIND' ? rng.float(0.35, 0.7) : band === 'AHEAD' ? rng.float(1.15, 1.4) : rng.float(0.95, 1.12);
  return { band, factor };
}

/**
 * GB/T 40058-2021 codes: YYMM of issue, the owning county's (or city's) code, a department code, the
 * procedure (01 审批, 02 核准, 03 备案: enterprise projects are mostly filed) and six digits.
 */
class ProjectCodes {
  private readonly issued = new Set<string>();

  issue(rng: Random, issuedOn: string, regionCode: string, isEnterprise: boolean): string {
    const yymm = issuedOn.slice(2, 4) + issuedOn.slice(5, 7);
    const department = rng.pick(['89', '04', '07', '12', '29', '35']);
    const procedure = isEnterprise
      ? rng.weighted([
          ['03', 8],
          ['02', 2],
        ] as const)
      : '01';
    for (;;) {
      const code = `${yymm}-${regionCode}-${department}-${procedure}-${String(rng.int(0, 999_999)).padStart(6, '0')}`;
      if (!this.issued.has(code)) {
        this.issued.add(code);
        return code;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Schedule and stage history

interface Schedule {
  plannedStartOn: string | undefined;
  plannedCompletionOn: string | undefined;
  /** Actual start, when started by the as-of date. */
  startOn: string | undefined;
  /** Actual completion, when completed by the as-of date. */
  completionOn: string | undefined;
  /** Dated stage changes, strictly increasing, all on or before the as-of date. */
  history: StageStep[];
}

function durationMonths(rng: Random, total: Hundredths, kind: WorkKind): number {
  const wan = total / ONE_WAN;
  const months = wan < 20_000 ? rng.int(8, 16) : wan < 80_000 ? rng.int(12, 26) : rng.int(18, 36);
  return kind === 'ROAD' ? months + rng.int(0, 6) : months;
}

function planSchedule(
  rng: Random,
  slot: Slot,
  calendar: DemoCalendar,
  months: number,
  pace: Pace,
  kind: WorkKind,
  isEnterprise: boolean,
): Schedule {
  const { year, lastYear, asOf } = calendar;
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  let plannedStartOn: string | undefined;
  let plannedCompletionOn: string | undefined;
  let startOn: string | undefined;

  switch (slot.featuredStartOn ? 'FEATURED' : slot.cohort) {
    case 'FEATURED':
      startOn = slot.featuredStartOn!;
      plannedStartOn = slot.cohort === 'THIS_YEAR' ? laterOf(addDays(startOn, -rng.int(0, 15)), yearStart) : startOn;
      plannedCompletionOn = addMonths(plannedStartOn, Math.max(months, 12));
      break;
    case 'EARLIER':
      // Works started in the two years before last and still being built when tracking began. Many
      // finish last year, which keeps last year's list about as long as this year's.
      startOn = rng.date(`${lastYear - 2}-03-01`, `${lastYear - 1}-11-30`);
      plannedStartOn = addDays(startOn, -rng.int(0, 60));
      plannedCompletionOn = laterOf(
        addMonths(startOn, 8),
        rng.weighted([
          [rng.date(`${lastYear}-03-01`, `${lastYear}-12-31`), 45],
          [rng.date(yearStart, yearEnd), 35],
          [addMonths(yearStart, rng.int(12, 30)), 20],
        ] as const),
      );
      break;
    case 'LAST_YEAR':
      plannedStartOn = rng.date(`${lastYear}-02-15`, `${lastYear}-10-31`);
      startOn = earlierOf(addDays(plannedStartOn, rng.int(-20, pace.band === 'BEHIND' ? 90 : 40)), `${lastYear}-12-20`);
      plannedCompletionOn = addMonths(plannedStartOn, months);
      break;
    case 'THIS_YEAR':
      if (slot.hasStarted) {
        startOn = rng.date(yearStart, asOf);
        plannedStartOn = earlierOf(laterOf(addDays(startOn, rng.int(-45, 25)), yearStart), yearEnd);
      } else {
        // Not started: planned for earlier this year (overdue, a red light) or still to come.
        const overdue = asOf > yearStart && (asOf >= yearEnd || rng.chance(0.55));
        plannedStartOn = overdue ? rng.date(yearStart, addDays(asOf, -1)) : rng.date(addDays(asOf, 1), yearEnd);
      }
      plannedCompletionOn = addMonths(plannedStartOn, months);
      break;
    case 'RESERVE':
      if (rng.chance(0.7)) {
        plannedStartOn = rng.date(`${year + 1}-03-01`, `${year + 1}-10-31`);
        plannedCompletionOn = addMonths(plannedStartOn, months);
      }
      break;
  }

  let completionOn: string | undefined;
  if (startOn && plannedCompletionOn && !slot.featuredStartOn) {
    const delay = pace.band === 'BEHIND' ? rng.int(60, 240) : pace.band === 'AHEAD' ? rng.int(-75, 0) : rng.int(-20, 60);
    let finish = laterOf(addDays(plannedCompletionOn, delay), addDays(startOn, 150));
    if (slot.cohort === 'EARLIER') finish = laterOf(finish, rng.date(`${lastYear}-03-01`, `${lastYear}-06-30`));
    completionOn = finish <= asOf ? finish : undefined;
  }

  const history = startOn
    ? startedHistory(rng, slot, calendar, startOn, completionOn, kind, isEnterprise)
    : preparatoryHistory(rng, slot.cohort, calendar, isEnterprise);
  return { plannedStartOn, plannedCompletionOn, startOn, completionOn, history };
}

function startedHistory(
  rng: Random,
  { cohort, featuredStartOn }: Slot,
  calendar: DemoCalendar,
  startOn: string,
  completionOn: string | undefined,
  kind: WorkKind,
  isEnterprise: boolean,
): StageStep[] {
  // The featured project is its town's newest: registered a few months before its start.
  const registeredOn = featuredStartOn
    ? addDays(startOn, -rng.int(100, 160))
    : cohort === 'THIS_YEAR'
      ? rng.date(`${calendar.lastYear}-06-01`, `${calendar.lastYear}-12-15`)
      : addDays(startOn, -rng.int(120, 400));
  const preparatoryOn = addDays(registeredOn, Math.max(1, Math.round(daysBetween(registeredOn, startOn) * rng.float(0.15, 0.45))));
  const steps: StageStep[] = [
    { stage: ProjectStage.PLANNED, on: registeredOn },
    { stage: ProjectStage.PREPARATORY, on: preparatoryOn },
  ];
  if (isEnterprise) {
    const signedOn = addDays(preparatoryOn, Math.max(1, Math.round(daysBetween(preparatoryOn, startOn) * rng.float(0.3, 0.8))));
    if (signedOn < startOn) steps.push({ stage: ProjectStage.SIGNED, on: signedOn });
  }
  steps.push({ stage: ProjectStage.STARTED, on: startOn });
  const underConstructionOn = addDays(startOn, rng.int(10, 45));
  if (underConstructionOn <= calendar.asOf) steps.push({ stage: ProjectStage.UNDER_CONSTRUCTION, on: underConstructionOn });
  if (completionOn) {
    steps.push({ stage: ProjectStage.COMPLETED, on: completionOn });
    const operatingOn = addDays(completionOn, rng.int(10, 75));
    if (operatingOn <= calendar.asOf) {
      steps.push({ stage: ProjectStage.IN_OPERATION, on: operatingOn });
      const atCapacityOn = addDays(operatingOn, rng.int(120, 300));
      if (isEnterprise && kind !== 'ROAD' && atCapacityOn <= calendar.asOf)
        steps.push({ stage: ProjectStage.AT_DESIGN_CAPACITY, on: atCapacityOn });
    }
  }
  return steps;
}

function preparatoryHistory(rng: Random, cohort: Cohort, calendar: DemoCalendar, isEnterprise: boolean): StageStep[] {
  const { lastYear, year, asOf } = calendar;
  const registeredOn =
    cohort === 'THIS_YEAR'
      ? rng.date(`${lastYear}-06-01`, `${lastYear}-12-15`)
      : rng.date(`${lastYear}-07-01`, earlierOf(asOf, `${year}-06-30`));
  const target =
    cohort === 'THIS_YEAR'
      ? rng.weighted([
          [ProjectStage.PLANNED, 1],
          [ProjectStage.PREPARATORY, 5],
          [ProjectStage.SIGNED, isEnterprise ? 4 : 0],
        ] as const)
      : rng.weighted([
          [ProjectStage.PLANNED, 4],
          [ProjectStage.PREPARATORY, 4.5],
          [ProjectStage.SIGNED, isEnterprise ? 1.5 : 0],
        ] as const);
  const steps: StageStep[] = [{ stage: ProjectStage.PLANNED, on: registeredOn }];
  for (const stage of [ProjectStage.PREPARATORY, ProjectStage.SIGNED]) {
    if (stageRank(stage) > stageRank(target)) break;
    const previous = steps[steps.length - 1] as StageStep;
    const on = addDays(previous.on, rng.int(10, 120));
    if (on > asOf) break;
    steps.push({ stage, on });
  }
  return steps;
}

// ---------------------------------------------------------------------------------------------
// Money: opening balance, annual plans, monthly amounts

/** Construction slows for the Spring Festival and the summer rains. */
const SEASON = [0.55, 0.5, 0.9, 1.05, 1.1, 1.1, 0.95, 0.9, 1.1, 1.15, 1.1, 1.0];

interface MoneyFlow {
  beforeTracking: Hundredths;
  /** With `targets` (twelve, January first) when the plan was split by hand (任务分解); the even split otherwise. */
  plans: { year: number; amount: Hundredths; targets?: Hundredths[] }[];
  /** Reported months only: those before the as-of month. */
  months: { period: Period; amount: Hundredths }[];
}

/** Share of the days from `from` to `to` falling in the year. */
function yearShare(from: string, to: string, year: number): number {
  const first = laterOf(from, `${year}-01-01`);
  const last = earlierOf(to, `${year}-12-31`);
  return last < first ? 0 : (daysBetween(first, last) + 1) / (daysBetween(from, to) + 1);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** The years the project is on the key-project list: from its start (or plan) to its completion. */
function listYears(schedule: Schedule, calendar: DemoCalendar): number[] {
  const { startOn, completionOn } = schedule;
  if (!startOn) return [calendar.year];
  return [calendar.lastYear, calendar.year].filter((y) => startOn <= `${y}-12-31` && (!completionOn || completionOn >= `${y}-01-01`));
}

/**
 * Each listed year's plan follows the schedule (15-60% of the total, never more than what remains);
 * the months then spend plan × pace, seasonally, in whole 万元 or tenths as officials report them.
 * A project finishing in the year spends exactly what remains.
 */
function investmentFlow(rng: Random, total: Hundredths, schedule: Schedule, cohort: Cohort, pace: Pace, calendar: DemoCalendar): MoneyFlow {
  const { startOn, completionOn, plannedStartOn, plannedCompletionOn } = schedule;
  const years = listYears(schedule, calendar);
  const plannedShare = (year: number): number =>
    plannedStartOn && plannedCompletionOn
      ? clamp(yearShare(plannedStartOn, plannedCompletionOn, year) * rng.float(0.85, 1.15), 0.15, 0.6)
      : 0.15;

  if (!startOn) {
    const amount = cohort === 'RESERVE' ? 0 : shareOf(total, plannedShare(calendar.year));
    return { beforeTracking: 0, plans: years.map((year) => ({ year, amount })), months: [] };
  }

  const unit = rng.chance(0.75) ? ONE_WAN : ONE_WAN / 10;
  let beforeTracking = 0;
  if (cohort === 'EARLIER' && plannedCompletionOn) {
    const elapsed = clamp(daysBetween(startOn, calendar.trackingFrom) / Math.max(1, daysBetween(startOn, plannedCompletionOn)), 0.05, 1);
    beforeTracking = shareOf(total, Math.min(0.85, elapsed * Math.min(pace.factor, 1.05) * rng.float(0.9, 1.05)));
  }

  let spent = beforeTracking;
  const plans: MoneyFlow['plans'] = [];
  const months: MoneyFlow['months'] = [];
  const startPeriod = Period.ofDate(startOn);
  for (const year of years) {
    const remaining = total - spent;
    const finishes = completionOn !== undefined && completionOn.startsWith(`${year}-`);
    let plan: Hundredths;
    let target: Hundredths;
    if (finishes) {
      target = remaining;
      plan = Math.min(remaining, shareOf(remaining, rng.float(0.9, 1.0), unit)) || remaining;
    } else {
      // A project still being built keeps a little to spend.
      const available = Math.max(0, remaining - Math.max(unit, shareOf(total, 0.03)));
      plan = Math.min(shareOf(total, plannedShare(year)), available);
      target = Math.min(Math.round(plan * pace.factor * rng.float(0.95, 1.05)), available);
    }
    const first = startPeriod.compare(Period.of(year, 1)) > 0 ? startPeriod : Period.of(year, 1);
    const last = finishes && completionOn ? Period.ofDate(completionOn) : Period.of(year, 12);
    const active = monthsFrom(first, last);
    const weights = active.map((p) => {
      const partial = p.equals(startPeriod) ? 1 - (Number(startOn.slice(8, 10)) - 1) / Number(p.lastDay.slice(8, 10)) : 1;
      return (SEASON[p.month - 1] ?? 1) * rng.float(0.6, 1.4) * Math.max(0.1, partial);
    });
    splitAmount(target, weights, unit).forEach((amount, i) => {
      const period = active[i] as Period;
      if (period.compare(calendar.asOfPeriod) >= 0) return;
      months.push({ period, amount });
      spent += amount;
    });
    plans.push({ year, amount: plan, targets: seasonalTargets(plan, first, last, unit) });
  }
  return { beforeTracking, plans, months };
}

/**
 * How a county's development office splits a year's plan (任务分解): over the months the project
 * works in that year, lighter at the Spring Festival and in the rains (SEASON, without the noise of
 * what is actually spent), nothing before it starts or after it finishes; twelve amounts summing to
 * the plan exactly, as `setMonthlyTargets` takes them.
 */
function seasonalTargets(plan: Hundredths, first: Period, last: Period, unit: Hundredths): Hundredths[] {
  const months = Array.from({ length: 12 }, (_, i) => Period.of(first.year, i + 1));
  const weights = months.map((p) => (p.compare(first) >= 0 && p.compare(last) <= 0 ? (SEASON[p.month - 1] ?? 1) : 0));
  return splitAmount(plan, weights, unit);
}

/**
 * The months a project owes a report for, as kp_reports_owed counts them: each month of a year it is
 * listed for, from the month it was registered here to the month it was completed, up to the month
 * before the as-of month; with what it spent in each (nothing before its start).
 */
function owedMonths(flow: MoneyFlow, createdAt: Date, completionOn: string | undefined, calendar: DemoCalendar): MoneyFlow['months'] {
  const spent = new Map(flow.months.map((m) => [m.period.firstDay, m.amount]));
  const registered = Period.ofDate(chinaDate(createdAt));
  const lastOwed =
    completionOn && completionOn < calendar.asOfPeriod.firstDay ? Period.ofDate(completionOn) : calendar.asOfPeriod.plusMonths(-1);
  const months: MoneyFlow['months'] = [];
  for (const { year } of flow.plans) {
    const first = Period.of(year, 1).compare(registered) > 0 ? Period.of(year, 1) : registered;
    const last = Period.of(year, 12).compare(lastOwed) < 0 ? Period.of(year, 12) : lastOwed;
    for (const period of first.compare(last) <= 0 ? monthsFrom(first, last) : [])
      months.push({ period, amount: spent.get(period.firstDay) ?? 0 });
  }
  return months;
}

// ---------------------------------------------------------------------------------------------
// Milestones

interface MilestoneDraft {
  title: string;
  dueOn: string;
  doneOn: string | undefined;
  note: string | undefined;
}

/**
 * A subset of the work's steps, due between the start (or tracking) and the completion: most done on
 * time, some late, some open past their date (overdue, more often on projects behind plan) and the
 * rest open and still due. A project planned to start this year also has its start as a milestone.
 */
function planMilestones(
  rng: Random,
  kind: WorkKind,
  cohort: Cohort,
  schedule: Schedule,
  pace: Pace,
  calendar: DemoCalendar,
): MilestoneDraft[] {
  const { asOf, year } = calendar;
  const { startOn, completionOn, plannedStartOn, plannedCompletionOn } = schedule;
  const drafts: MilestoneDraft[] = [];
  if (cohort === 'THIS_YEAR' && plannedStartOn) {
    const late = startOn !== undefined && startOn > plannedStartOn;
    drafts.push({ title: START_MILESTONE, dueOn: plannedStartOn, doneOn: startOn, note: late ? lateMilestoneNote(rng) : undefined });
  }
  if (!startOn) return drafts;

  const steps = MILESTONE_STEPS[kind];
  const from = laterOf(addDays(startOn, 20), calendar.trackingFrom);
  let to = completionOn ?? earlierOf(laterOf(plannedCompletionOn ?? asOf, addDays(asOf, 45)), `${year}-12-31`);
  if (daysBetween(from, to) < 30) to = addDays(from, 60);
  const span = daysBetween(from, to);
  // The final step (acceptance) is due only when the planned completion falls within the window.
  const reachesEnd = completionOn !== undefined || (plannedCompletionOn !== undefined && plannedCompletionOn <= to);
  const candidates = steps.map((_, i) => i).slice(0, reachesEnd ? steps.length : steps.length - 1);
  const chosen = rng
    .shuffle(candidates)
    .slice(0, Math.min(candidates.length, rng.int(2, 5) - drafts.length))
    .sort((a, b) => a - b);

  chosen.forEach((step, i) => {
    const dueOn = addDays(from, Math.round((span * (i + rng.float(0.2, 0.8))) / chosen.length));
    const draft: MilestoneDraft = { title: steps[step] ?? '', dueOn, doneOn: undefined, note: undefined };
    const isFinalStep = step === steps.length - 1;
    if (completionOn) {
      // Completed projects finished every step, a few of them late.
      const lateBy = rng.chance(0.2) ? rng.int(3, 45) : -rng.int(0, 20);
      draft.doneOn = laterOf(earlierOf(addDays(dueOn, lateBy), completionOn), startOn);
    } else if (isFinalStep) {
      // Acceptance (竣工验收) is what completes a project: open until it is completed.
      if (dueOn < asOf) draft.note = overdueMilestoneNote(rng);
    } else if (dueOn < asOf) {
      const roll = rng.next();
      const openShare = pace.band === 'BEHIND' ? 0.35 : 0.04;
      if (roll < openShare) {
        draft.note = overdueMilestoneNote(rng);
      } else if (roll < openShare + 0.2) {
        const doneOn = addDays(dueOn, rng.int(5, 75));
        if (doneOn <= asOf) draft.doneOn = doneOn;
        draft.note = doneOn <= asOf ? lateMilestoneNote(rng) : overdueMilestoneNote(rng);
      } else {
        draft.doneOn = laterOf(addDays(dueOn, -rng.int(0, 25)), startOn);
      }
    } else if (rng.chance(0.08)) {
      const doneOn = addDays(dueOn, -rng.int(1, 40));
      if (doneOn <= asOf && doneOn >= startOn) draft.doneOn = doneOn;
    }
    if (draft.doneOn && draft.doneOn > dueOn && !draft.note) draft.note = lateMilestoneNote(rng);
    drafts.push(draft);
  });
  return drafts;
}

// ---------------------------------------------------------------------------------------------
// Rows

interface DemoRows {
  projects: RequiredEntityData<Project>[];
  plans: RequiredEntityData<AnnualPlan>[];
  monthlyTargets: RequiredEntityData<MonthlyTarget>[];
  stageChanges: RequiredEntityData<StageChange>[];
  reports: RequiredEntityData<ProgressReport>[];
  reviews: RequiredEntityData<ReportReview>[];
  milestones: RequiredEntityData<Milestone>[];
  assignments: RequiredEntityData<ProjectAssignment>[];
  blockers: RequiredEntityData<Blocker>[];
  blockerEvents: RequiredEntityData<BlockerEvent>[];
  orders: RequiredEntityData<SupervisionOrder>[];
  orderEvents: RequiredEntityData<SupervisionOrderEvent>[];
  accountability: RequiredEntityData<AccountabilityOutcome>[];
  leads: RequiredEntityData<InvestmentLead>[];
  leadSteps: RequiredEntityData<LeadStageChange>[];
  arrivals: RequiredEntityData<FundArrival>[];
  reserve: RequiredEntityData<ReserveProject>[];
}

function generateDemoRows(tenants: readonly DemoTenant[], calendar: DemoCalendar): DemoRows {
  const root = new Random(SEED);
  const places = new DemoPlaces(tenants);
  const officers = new DemoOfficers(root);
  const codes = new ProjectCodes();
  const names = new Set<string>();
  const rows: DemoRows = {
    projects: [],
    plans: [],
    monthlyTargets: [],
    stageChanges: [],
    reports: [],
    reviews: [],
    milestones: [],
    assignments: [],
    blockers: [],
    blockerEvents: [],
    orders: [],
    orderEvents: [],
    accountability: [],
    leads: [],
    leadSteps: [],
    arrivals: [],
    reserve: [],
  };
  const projects = allocateProjects(root.fork(1), tenants, places, calendar).map((slot, index) =>
    generateProject(root.fork(1000 + index), { slot, places, officers, calendar, codes, names }, rows),
  );
  rows.assignments = demoAssignments(projects, calendar.asOf);
  const ledger = demoBlockers(root.fork(2), projects, places, officers, calendar.asOf);
  rows.blockers = ledger.blockers;
  rows.blockerEvents = ledger.events;
  const supervision = demoOrders(root.fork(4), projects, ledger.blockers, places, officers, calendar.asOf);
  rows.orders = supervision.orders;
  rows.orderEvents = supervision.events;
  rows.accountability = supervision.outcomes;
  const attraction = demoLeads(root.fork(3), projects, places, officers, calendar);
  rows.leads = attraction.leads;
  rows.leadSteps = attraction.steps;
  rows.arrivals = projects.flatMap((p) => arrivalRows(p.id, p.arrivals, p.officer, attraction.leadOfProject.get(p.id)));
  rows.reserve = demoReserve(root.fork(5), projects, places, officers, calendar);
  return rows;
}

interface ProjectContext {
  slot: Slot;
  places: DemoPlaces;
  officers: DemoOfficers;
  calendar: DemoCalendar;
  codes: ProjectCodes;
  /** Names given so far: a second 年产5万吨… in the same town becomes its 二期. */
  names: Set<string>;
}

function uniqueName(name: string, names: Set<string>): string {
  let candidate = name;
  for (const phase of ['二', '三', '四', '五', '六', '七', '八', '九']) {
    if (!names.has(candidate)) break;
    candidate = name.replace(/(项目|工程)?$/, `（${phase}期）$1`);
  }
  names.add(candidate);
  return candidate;
}

/** Who reviews a project's reports: the level above its owner; the city reviews its own. */
function reviewerOf(owner: DemoTenant, places: DemoPlaces, officers: DemoOfficers): Officer {
  const above = owner.level === TenantLevel.TOWN ? places.countyOf(owner) : places.city;
  return officers.reviewerAt(above ?? places.city);
}

/**
 * A few projects well behind plan have stopped reporting for their last month or two (过期不报):
 * only those still reporting into the running round, never one that has just been completed.
 */
function silentMonthsOf(rng: Random, pace: Pace, schedule: Schedule, flow: MoneyFlow, calendar: DemoCalendar, featured: boolean): number {
  const last = flow.months[flow.months.length - 1];
  const reportsIntoRound = last !== undefined && last.period.equals(calendar.asOfPeriod.plusMonths(-1));
  const justCompleted = schedule.completionOn !== undefined && schedule.completionOn >= calendar.asOfPeriod.plusMonths(-3).firstDay;
  if (featured || pace.band !== 'BEHIND' || !reportsIntoRound || justCompleted || flow.months.length < 4) return 0;
  return rng.chance(0.15) ? rng.int(1, 2) : 0;
}

function generateProject(rng: Random, context: ProjectContext, rows: DemoRows): DemoProject {
  const { slot, places, officers, calendar, codes } = context;
  const { owner, cohort } = slot;
  const featured = slot.featuredStartOn !== undefined;
  const id = rng.uuid();
  const officer = officers.of(owner);

  const work = planWork(rng, owner, places, slot.work ?? (featured ? 'oldResidential' : undefined));
  const { kind, category, total } = work;
  const pace: Pace = featured ? { band: 'ON_TRACK', factor: 1 } : paceOf(rng);
  const schedule = planSchedule(rng, slot, calendar, durationMonths(rng, total, kind), pace, kind, work.isEnterprise);
  const flow = investmentFlow(rng, total, schedule, cohort, pace, calendar);
  const stage = (schedule.history[schedule.history.length - 1] as StageStep).stage;
  const firstStep = schedule.history[0] as StageStep;

  // Tracking began in January of last year; what was registered before then was entered at go-live.
  const goLiveOn = rng.date(`${calendar.lastYear}-01-05`, `${calendar.lastYear}-01-25`);
  const createdAt = stamp(rng, calendar, laterOf(firstStep.on, goLiveOn));

  const stageChanges = schedule.history.map((step, i): RequiredEntityData<StageChange> => ({
    id: rng.uuid(),
    project: id,
    fromStage: i > 0 ? schedule.history[i - 1]?.stage : undefined,
    toStage: step.stage,
    changedOn: step.on,
    note: stageChangeNote(rng, step.stage, kind),
    recordedAt: latest(createdAt, stamp(rng, calendar, step.on)),
    recordedBy: officer.subject,
    recordedByName: officer.name,
  }));
  rows.stageChanges.push(...stageChanges);

  const preparatory = schedule.history.find((s) => s.stage === ProjectStage.PREPARATORY);
  const regionCode = owner.level === TenantLevel.CITY ? owner.code : (owner.countyCode ?? owner.code);
  // No permit without a code: started projects nearly always have one, preparatory ones often.
  const code =
    preparatory && rng.chance(schedule.startOn ? 0.97 : 0.75) ? codes.issue(rng, preparatory.on, regionCode, work.isEnterprise) : undefined;

  const spent = flow.months.reduce((sum, m) => sum + m.amount, flow.beforeTracking);
  const fundsInPlace = schedule.startOn
    ? Math.min(total, shareOf(spent, rng.float(1.0, 1.3), 1))
    : stage === ProjectStage.SIGNED
      ? shareOf(total, rng.float(0.02, 0.1))
      : 0;
  const onThisYearsList = flow.plans.some((p) => p.year === calendar.year);
  const nature =
    cohort === 'RESERVE'
      ? ProjectNature.PREPARATORY
      : cohort === 'THIS_YEAR' || (cohort === 'LAST_YEAR' && !onThisYearsList)
        ? ProjectNature.NEW
        : ProjectNature.CONTINUING;
  const contactRng = rng.fork(7);
  const name = uniqueName(work.name, context.names);

  rows.projects.push({
    id,
    code,
    name,
    constructionContent: work.constructionContent,
    category,
    nature,
    stage,
    designationLevels: designationsOf(rng, owner.level, category, total, schedule.startOn !== undefined),
    owner: owner.code,
    location: work.location?.code,
    totalInvestmentWan: wanText(total),
    fundsInPlaceWan: wanText(fundsInPlace),
    completedBeforeTrackingWan: wanText(flow.beforeTracking),
    plannedStartOn: schedule.plannedStartOn,
    plannedCompletionOn: schedule.plannedCompletionOn,
    isInStatisticsDatabase: schedule.startOn !== undefined && rng.chance(0.92),
    ownerUnit: work.ownerUnit,
    contactName: personName(contactRng),
    contactPhone: phoneNumber(contactRng),
    createdAt,
    updatedAt: stageChanges.reduce((at, change) => latest(at, change.recordedAt as Date), createdAt),
  });

  const designationLevels = rows.projects[rows.projects.length - 1]!.designationLevels as DesignationLevel[];
  // A project on no list this year shows the levels of the last list it was on.
  const levelsLastYear = onThisYearsList ? designationsLastYear(rng.fork(9), owner.level, designationLevels) : designationLevels;
  for (const plan of flow.plans) {
    const planId = rng.uuid();
    rows.plans.push({
      id: planId,
      project: id,
      year: plan.year,
      plannedInvestmentWan: wanText(plan.amount),
      fundingSources: planSources(rng.fork(10 + plan.year), plan.amount, work.isEnterprise),
      targetsAreCustom: plan.targets !== undefined,
      // Nature is the year's: a project started last year was 新开工 on last year's list, 续建 on this one.
      nature: plan.year === calendar.year ? nature : natureInYear(plan.year, cohort, schedule),
      // Levels are the year's too: the project shows this year's (its own column, above).
      designationLevels: plan.year === calendar.year ? designationLevels : levelsLastYear,
      updatedAt: latest(createdAt, stamp(rng, calendar, rng.date(`${plan.year}-01-05`, `${plan.year}-02-28`))),
    });
    plan.targets?.forEach((amount, i) =>
      rows.monthlyTargets.push({
        annualPlan: planId,
        project: id,
        period: Period.of(plan.year, i + 1).firstDay,
        targetWan: wanText(amount),
      }),
    );
  }
  const arrivals = fundArrivals(
    rng.fork(8),
    {
      funds: fundsInPlace,
      isEnterprise: work.isEnterprise,
      startOn: schedule.startOn,
      fundedFrom: schedule.history.find((s) => s.stage === ProjectStage.SIGNED)?.on ?? firstStep.on,
      beforeTracking: flow.beforeTracking,
      months: flow.months,
      officer,
    },
    calendar,
  );

  const filed = monthlyReports(
    rng,
    {
      id,
      kind,
      total,
      beforeTracking: flow.beforeTracking,
      months: owedMonths(flow, createdAt, schedule.completionOn, calendar),
      stageAt: (date) => stageOn(schedule.history, date),
      isBehind: pace.band === 'BEHIND',
      silentMonths: silentMonthsOf(rng, pace, schedule, flow, calendar, featured),
      isPrompt: featured,
      officer,
      reviewer: reviewerOf(owner, places, officers),
      createdAt,
    },
    calendar,
  );
  rows.reports.push(...filed.reports);
  rows.reviews.push(...filed.reviews);
  rows.milestones.push(...milestoneRows(rng, { id, kind, cohort, schedule, pace, createdAt, calendar }));

  return {
    id,
    name,
    owner,
    location: work.location,
    kind,
    category,
    isEnterprise: work.isEnterprise,
    ownerUnit: work.ownerUnit,
    investor: work.investor,
    stage,
    history: schedule.history,
    total,
    fundsInPlace,
    arrivals,
    band: pace.band,
    officer,
    createdAt,
    isFeatured: featured,
  };
}

/** The nature a project had on a past or future year's list: 新开工 the year it starts, 续建 after, 前期 before. */
function natureInYear(year: number, cohort: Cohort, schedule: Schedule): ProjectNature {
  if (cohort === 'RESERVE') return ProjectNature.PREPARATORY;
  const startOn = schedule.startOn ?? schedule.plannedStartOn;
  const startYear = startOn ? Number(startOn.slice(0, 4)) : year + 1;
  return startYear < year ? ProjectNature.CONTINUING : startYear === year ? ProjectNature.NEW : ProjectNature.PREPARATORY;
}

interface MilestoneInput {
  id: string;
  kind: WorkKind;
  cohort: Cohort;
  schedule: Schedule;
  pace: Pace;
  createdAt: Date;
  calendar: DemoCalendar;
}

/** Milestones are set when the project starts (its start milestone when it is registered). */
function milestoneRows(
  rng: Random,
  { id, kind, cohort, schedule, pace, createdAt, calendar }: MilestoneInput,
): RequiredEntityData<Milestone>[] {
  const setAt = schedule.startOn ? latest(createdAt, stamp(rng, calendar, schedule.startOn)) : createdAt;
  return planMilestones(rng, kind, cohort, schedule, pace, calendar).map((draft) => {
    const milestoneCreatedAt = draft.title === START_MILESTONE ? createdAt : setAt;
    return {
      id: rng.uuid(),
      project: id,
      title: draft.title,
      dueOn: draft.dueOn,
      doneOn: draft.doneOn,
      note: draft.note,
      createdAt: milestoneCreatedAt,
      updatedAt: draft.doneOn ? latest(milestoneCreatedAt, stamp(rng, calendar, draft.doneOn)) : milestoneCreatedAt,
    };
  });
}
