import { demoAssignments } from './demo-assignments';
import { demoBlockers } from './demo-blockers';
import { Blocker, BlockerEvent } from '../modules/blocker/blocker.entity';
import { ProjectAssignment } from '../modules/assignment/assignment.entity';
import type { EntityName, RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isLocalDate, Period } from '../calendar/period';
import { FundArrival } from '../modules/funds/fund-arrival.entity';
import { Milestone } from '../modules/milestone/milestone.entity';
import { AnnualPlan } from '../modules/project/annual-plan.entity';
import { Project } from '../modules/project/project.entity';
import { DesignationLevel, ProjectCategory, ProjectNature, ProjectStage, stageRank } from '../modules/project/project.enums';
import { StageChange } from '../modules/project/stage-change.entity';
import { ProgressReport } from '../modules/progress-report/progress-report.entity';
import { ReportStatus } from '../modules/progress-report/report-status';
import { importCityTenants } from '../modules/tenant/tenant-import';
import { Tenant } from '../modules/tenant/tenant.entity';
import { TenantKind, TenantLevel } from '../modules/tenant/tenant.enums';
import {
  type DemoTenant,
  lateMilestoneNote,
  MILESTONE_STEPS,
  overdueMilestoneNote,
  personName,
  phoneNumber,
  problemText,
  progressNote,
  projectIdentity,
  stageChangeNote,
  START_MILESTONE,
  type WorkKind,
} from './demo-names';
import {
  addDays,
  addMonths,
  chinaInstant,
  daysBetween,
  earlierOf,
  type Hundredths,
  laterOf,
  monthsFrom,
  ONE_WAN,
  Random,
  shareOf,
  splitAmount,
  wanText,
} from './demo-primitives';

/**
 * Demo data for 德州市: its real tenant tree and a few hundred made-up key projects with two years of
 * plans, stage histories, monthly reports and milestones, consistent with one another and with the
 * "as of" date. Generated from a fixed seed: the same date gives byte-identical rows, ids included,
 * and no timestamp comes from the clock.
 */

export interface DemoDataOptions {
  /** The business date (China) the data is generated as of: reports run to the month before it. */
  asOf: string;
}

export interface DemoDataSummary {
  asOf: string;
  tenants: number;
  projects: number;
  annualPlans: number;
  stageChanges: number;
  reports: number;
  milestones: number;
  assignments: number;
  blockers: number;
}

const SEED = 0x3714_2026;
const DEMO_CITY_CODE = '371400';
const PROJECT_COUNT = 320;
const CITY_PROJECT_COUNT = 20;
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
    await insertInChunks(tx, Project, rows.projects);
    await insertInChunks(tx, AnnualPlan, rows.plans);
    await insertInChunks(tx, FundArrival, rows.arrivals);
    await insertInChunks(tx, StageChange, rows.stageChanges);
    await insertInChunks(tx, ProgressReport, rows.reports);
    await insertInChunks(tx, Milestone, rows.milestones);
    const assignments = demoAssignments(rows.projects as Parameters<typeof demoAssignments>[0], calendar.asOf);
    await insertInChunks(tx, ProjectAssignment, assignments);
    const ledger = demoBlockers(rows.projects as Parameters<typeof demoBlockers>[0], calendar.asOf);
    await insertInChunks(tx, Blocker, ledger.blockers);
    await insertInChunks(tx, BlockerEvent, ledger.events);
    return {
      asOf: calendar.asOf,
      tenants: tenants.length,
      projects: rows.projects.length,
      annualPlans: rows.plans.length,
      stageChanges: rows.stageChanges.length,
      reports: rows.reports.length,
      milestones: rows.milestones.length,
      assignments: assignments.length,
      blockers: ledger.blockers.length,
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
  return notAfter(chinaInstant(date, rng.int(8 * 60 + 30, 17 * 60 + 30)), calendar.cutoff);
}

function notAfter(instant: Date, limit: Date): Date {
  return instant > limit ? limit : instant;
}

function latest(a: Date, b: Date): Date {
  return a > b ? a : b;
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
  location: DemoTenant | undefined;
  cohort: Cohort;
  /** THIS_YEAR only: started by the as-of date. A quota, not a coin per project, so the start rate is what the calendar says. */
  hasStarted: boolean;
}

/** The city and every county own a few projects, most towns one to five, and some towns none. */
function allocateProjects(rng: Random, tenants: readonly DemoTenant[], calendar: DemoCalendar): Slot[] {
  const city = tenants.find((t) => t.level === TenantLevel.CITY);
  if (!city) throw new Error(`the demo needs the city ${DEMO_CITY_CODE} among the tenants`);
  const counties = tenants.filter((t) => t.level === TenantLevel.COUNTY);
  // Town-level units such as 新区服务管理办公室 administer rather than build: they stay idle.
  const towns = tenants.filter((t) => t.level === TenantLevel.TOWN && t.kind !== TenantKind.TOWN_LEVEL_UNIT);

  const counts = new Map<string, number>([[city.code, CITY_PROJECT_COUNT]]);
  for (const county of counties) counts.set(county.code, rng.int(3, 7));
  const busyTowns = rng.shuffle(towns).slice(Math.round(towns.length * IDLE_TOWN_SHARE));
  for (const town of busyTowns) counts.set(town.code, 1);
  const townWeights = busyTowns.map((town) => [town, rng.float(0.4, 2.2)] as const);
  const assigned = [...counts.values()].reduce((sum, n) => sum + n, 0);
  for (let i = assigned; i < PROJECT_COUNT && townWeights.length > 0; i++) {
    const town = rng.weighted(townWeights);
    counts.set(town.code, (counts.get(town.code) ?? 0) + 1);
  }

  const slots: Slot[] = [];
  for (const owner of tenants) {
    for (let i = 0; i < (counts.get(owner.code) ?? 0); i++) {
      const siteChoices = owner.level === TenantLevel.TOWN ? [] : towns.filter((t) => owner.level === TenantLevel.CITY || t.countyCode === owner.code);
      const location = siteChoices.length > 0 && rng.chance(0.55) ? rng.pick(siteChoices) : undefined;
      const cohort = rng.weighted<Cohort>([
        ['EARLIER', 0.34],
        ['LAST_YEAR', 0.29],
        ['THIS_YEAR', 0.28],
        ['RESERVE', 0.09],
      ]);
      slots.push({ owner, location, cohort, hasStarted: false });
    }
  }
  const planned = slots.filter((s) => s.cohort === 'THIS_YEAR');
  for (const slot of rng.shuffle(planned).slice(0, Math.round(planned.length * calendar.startShare))) slot.hasStarted = true;
  return slots;
}

interface Officer {
  subject: string;
  name: string;
}

/** One officer per tenant files its reports and records its stage changes. */
function officerOf(root: Random, tenant: DemoTenant): Officer {
  return { subject: `demo-${tenant.level.toLowerCase()}-officer-${tenant.code}`, name: personName(root.fork(Number(tenant.code))) };
}

// ---------------------------------------------------------------------------------------------
// What the project is

const CATEGORY_WEIGHTS: Record<TenantLevel, readonly (readonly [ProjectCategory, number])[]> = {
  [TenantLevel.CITY]: [
    [ProjectCategory.KEY_PROVINCIAL_CITY, 45],
    [ProjectCategory.TRANSPORT_INFRASTRUCTURE, 20],
    [ProjectCategory.URBAN_CONSTRUCTION, 15],
    [ProjectCategory.SOCIAL_UNDERTAKING, 10],
    [ProjectCategory.INVESTMENT_ATTRACTION, 10],
  ],
  [TenantLevel.COUNTY]: [
    [ProjectCategory.KEY_PROVINCIAL_CITY, 20],
    [ProjectCategory.INDUSTRIAL_UPGRADE, 15],
    [ProjectCategory.TRANSPORT_INFRASTRUCTURE, 12],
    [ProjectCategory.INVESTMENT_ATTRACTION, 18],
    [ProjectCategory.URBAN_CONSTRUCTION, 18],
    [ProjectCategory.SOCIAL_UNDERTAKING, 12],
    [ProjectCategory.OTHER, 5],
  ],
  [TenantLevel.TOWN]: [
    [ProjectCategory.KEY_PROVINCIAL_CITY, 5],
    [ProjectCategory.INDUSTRIAL_UPGRADE, 25],
    [ProjectCategory.TRANSPORT_INFRASTRUCTURE, 5],
    [ProjectCategory.INVESTMENT_ATTRACTION, 30],
    [ProjectCategory.URBAN_CONSTRUCTION, 10],
    [ProjectCategory.SOCIAL_UNDERTAKING, 10],
    [ProjectCategory.OTHER, 15],
  ],
};

function workKindOf(rng: Random, category: ProjectCategory): WorkKind {
  switch (category) {
    case ProjectCategory.KEY_PROVINCIAL_CITY:
      return rng.weighted<WorkKind>([['FACTORY', 50], ['ENERGY', 20], ['ROAD', 15], ['UTILITY', 15]]);
    case ProjectCategory.INDUSTRIAL_UPGRADE:
      return 'FACTORY';
    case ProjectCategory.INVESTMENT_ATTRACTION:
      return rng.chance(0.15) ? 'ENERGY' : 'FACTORY';
    case ProjectCategory.TRANSPORT_INFRASTRUCTURE:
      return 'ROAD';
    case ProjectCategory.URBAN_CONSTRUCTION:
      return 'UTILITY';
    case ProjectCategory.SOCIAL_UNDERTAKING:
      return 'BUILDING';
    case ProjectCategory.OTHER:
      return 'FARM';
  }
}

/** 5,000 to 500,000 万元, larger higher up; most round, some to the 万元 or with decimals. */
function totalInvestment(rng: Random, level: TenantLevel): Hundredths {
  const [min, max] = level === TenantLevel.CITY ? [50_000, 500_000] : level === TenantLevel.COUNTY ? [10_000, 300_000] : [5_000, 100_000];
  const wan = Math.exp(rng.float(Math.log(min), Math.log(max)));
  const roll = rng.next();
  if (roll < 0.55) {
    const step = wan >= 20_000 ? 1000 : 100;
    return Math.max(min, Math.round(wan / step) * step) * ONE_WAN;
  }
  if (roll < 0.85) return Math.round(wan) * ONE_WAN;
  return Math.round(wan) * ONE_WAN + rng.pick([50, 80, 25, 36, 5 * rng.int(1, 19)]);
}

/** The key-project lists a project is on: a city project is on the city's, a town's on its county's. */
function designationsOf(rng: Random, level: TenantLevel, category: ProjectCategory, total: Hundredths): DesignationLevel[] {
  const isKey = category === ProjectCategory.KEY_PROVINCIAL_CITY;
  const levels = new Set<DesignationLevel>();
  if (level === TenantLevel.CITY) {
    levels.add(DesignationLevel.CITY);
    if (rng.chance(0.35)) levels.add(DesignationLevel.PROVINCIAL);
    if (total >= 200_000 * ONE_WAN && rng.chance(0.1)) levels.add(DesignationLevel.NATIONAL);
  } else {
    levels.add(DesignationLevel.COUNTY);
    if (isKey || rng.chance(level === TenantLevel.COUNTY ? 0.35 : 0.12)) levels.add(DesignationLevel.CITY);
    if (rng.chance(isKey ? 0.4 : level === TenantLevel.COUNTY ? 0.08 : 0.04)) levels.add(DesignationLevel.PROVINCIAL);
  }
  return Object.values(DesignationLevel).filter((d) => levels.has(d));
}

/** How fast a project spends against its plan: some clearly behind (red), some ahead. */
interface Pace {
  band: 'BEHIND' | 'ON_TRACK' | 'AHEAD';
  factor: number;
}

function paceOf(rng: Random): Pace {
  const band = rng.weighted<Pace['band']>([['BEHIND', 0.22], ['ON_TRACK', 0.66], ['AHEAD', 0.12]]);
  const factor = band === 'BEHIND' ? rng.float(0.35, 0.7) : band === 'AHEAD' ? rng.float(1.15, 1.4) : rng.float(0.9, 1.1);
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
    const procedure = isEnterprise ? rng.weighted([['03', 8], ['02', 2]] as const) : '01';
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

interface StageStep {
  stage: ProjectStage;
  on: string;
}

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

function planSchedule(rng: Random, slot: Slot, calendar: DemoCalendar, months: number, pace: Pace, kind: WorkKind, isEnterprise: boolean): Schedule {
  const { year, lastYear, asOf } = calendar;
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  let plannedStartOn: string | undefined;
  let plannedCompletionOn: string | undefined;
  let startOn: string | undefined;

  switch (slot.cohort) {
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
  if (startOn && plannedCompletionOn) {
    const delay = pace.band === 'BEHIND' ? rng.int(60, 240) : pace.band === 'AHEAD' ? rng.int(-75, 0) : rng.int(-20, 60);
    let finish = laterOf(addDays(plannedCompletionOn, delay), addDays(startOn, 150));
    if (slot.cohort === 'EARLIER') finish = laterOf(finish, rng.date(`${lastYear}-03-01`, `${lastYear}-06-30`));
    completionOn = finish <= asOf ? finish : undefined;
  }

  const history = startOn
    ? startedHistory(rng, slot.cohort, calendar, startOn, completionOn, kind, isEnterprise)
    : preparatoryHistory(rng, slot.cohort, calendar, isEnterprise);
  return { plannedStartOn, plannedCompletionOn, startOn, completionOn, history };
}

function startedHistory(
  rng: Random,
  cohort: Cohort,
  calendar: DemoCalendar,
  startOn: string,
  completionOn: string | undefined,
  kind: WorkKind,
  isEnterprise: boolean,
): StageStep[] {
  const registeredOn = cohort === 'THIS_YEAR' ? rng.date(`${calendar.lastYear}-06-01`, `${calendar.lastYear}-12-15`) : addDays(startOn, -rng.int(120, 400));
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
      if (isEnterprise && kind !== 'ROAD' && atCapacityOn <= calendar.asOf) steps.push({ stage: ProjectStage.AT_DESIGN_CAPACITY, on: atCapacityOn });
    }
  }
  return steps;
}

function preparatoryHistory(rng: Random, cohort: Cohort, calendar: DemoCalendar, isEnterprise: boolean): StageStep[] {
  const { lastYear, year, asOf } = calendar;
  const registeredOn =
    cohort === 'THIS_YEAR' ? rng.date(`${lastYear}-06-01`, `${lastYear}-12-15`) : rng.date(`${lastYear}-07-01`, earlierOf(asOf, `${year}-06-30`));
  const target =
    cohort === 'THIS_YEAR'
      ? rng.weighted([[ProjectStage.PLANNED, 1], [ProjectStage.PREPARATORY, 5], [ProjectStage.SIGNED, isEnterprise ? 4 : 0]] as const)
      : rng.weighted([[ProjectStage.PLANNED, 4], [ProjectStage.PREPARATORY, 4.5], [ProjectStage.SIGNED, isEnterprise ? 1.5 : 0]] as const);
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

/** The stage on a date: the last change on or before it. */
function stageOn(history: readonly StageStep[], date: string): ProjectStage | undefined {
  let stage: ProjectStage | undefined;
  for (const step of history) if (step.on <= date) stage = step.stage;
  return stage;
}

// ---------------------------------------------------------------------------------------------
// Money: opening balance, annual plans, monthly amounts

/** Construction slows for the Spring Festival and the summer rains. */
const SEASON = [0.55, 0.5, 0.9, 1.05, 1.1, 1.1, 0.95, 0.9, 1.1, 1.15, 1.1, 1.0];

interface MoneyFlow {
  beforeTracking: Hundredths;
  plans: { year: number; amount: Hundredths }[];
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
    plannedStartOn && plannedCompletionOn ? clamp(yearShare(plannedStartOn, plannedCompletionOn, year) * rng.float(0.85, 1.15), 0.15, 0.6) : 0.15;

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
    plans.push({ year, amount: plan });
  }
  return { beforeTracking, plans, months };
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
function planMilestones(rng: Random, kind: WorkKind, cohort: Cohort, schedule: Schedule, pace: Pace, calendar: DemoCalendar): MilestoneDraft[] {
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
      const openShare = pace.band === 'BEHIND' ? 0.4 : 0.06;
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
  stageChanges: RequiredEntityData<StageChange>[];
  reports: RequiredEntityData<ProgressReport>[];
  milestones: RequiredEntityData<Milestone>[];
  arrivals: RequiredEntityData<FundArrival>[];
}

function generateDemoRows(tenants: readonly DemoTenant[], calendar: DemoCalendar): DemoRows {
  const root = new Random(SEED);
  const byCode = new Map(tenants.map((t) => [t.code, t]));
  const codes = new ProjectCodes();
  const names = new Set<string>();
  const rows: DemoRows = { projects: [], plans: [], stageChanges: [], reports: [], milestones: [], arrivals: [] };
  allocateProjects(root.fork(1), tenants, calendar).forEach((slot, index) => {
    const county = slot.owner.countyCode ? byCode.get(slot.owner.countyCode) : undefined;
    const officer = officerOf(root, slot.owner);
    generateProject(root.fork(1000 + index), { slot, county, officer, calendar, codes, names }, rows);
  });
  return rows;
}

interface ProjectContext {
  slot: Slot;
  county: DemoTenant | undefined;
  officer: Officer;
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

function generateProject(rng: Random, context: ProjectContext, rows: DemoRows): void {
  const { slot, county, officer, calendar, codes } = context;
  const { owner, cohort } = slot;
  const id = rng.uuid();

  const category = rng.weighted(CATEGORY_WEIGHTS[owner.level]);
  const kind = workKindOf(rng, category);
  const identity = projectIdentity(rng, { kind, category, owner, county });
  const total = totalInvestment(rng, owner.level);
  const pace = paceOf(rng);
  const schedule = planSchedule(rng, slot, calendar, durationMonths(rng, total, kind), pace, kind, identity.isEnterprise);
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
  const code = preparatory && rng.chance(schedule.startOn ? 0.97 : 0.75) ? codes.issue(rng, preparatory.on, regionCode, identity.isEnterprise) : undefined;

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

  rows.projects.push({
    id,
    code,
    name: uniqueName(identity.name, context.names),
    constructionContent: identity.constructionContent,
    category,
    nature,
    stage,
    designationLevels: designationsOf(rng, owner.level, category, total),
    owner: owner.code,
    location: slot.location?.code,
    totalInvestmentWan: wanText(total),
    fundsInPlaceWan: wanText(fundsInPlace),
    completedBeforeTrackingWan: wanText(flow.beforeTracking),
    plannedStartOn: schedule.plannedStartOn,
    plannedCompletionOn: schedule.plannedCompletionOn,
    isInStatisticsDatabase: schedule.startOn !== undefined && rng.chance(0.92),
    ownerUnit: identity.ownerUnit,
    contactName: personName(contactRng),
    contactPhone: phoneNumber(contactRng),
    createdAt,
    updatedAt: stageChanges.reduce((at, change) => latest(at, change.recordedAt as Date), createdAt),
  });

  const designationLevels = rows.projects[rows.projects.length - 1]!.designationLevels as DesignationLevel[];
  for (const plan of flow.plans) {
    rows.plans.push({
      id: rng.uuid(),
      project: id,
      year: plan.year,
      plannedInvestmentWan: wanText(plan.amount),
      // Nature is the year's: a project started last year was 新开工 on last year's list, 续建 on this one.
      nature: plan.year === calendar.year ? nature : natureInYear(plan.year, cohort, schedule),
      designationLevels,
      updatedAt: latest(createdAt, stamp(rng, calendar, rng.date(`${plan.year}-01-05`, `${plan.year}-02-28`))),
    });
  }
  const fundsFrom = schedule.startOn ?? schedule.history.find((s) => s.stage === ProjectStage.SIGNED)?.on ?? firstStep.on;
  rows.arrivals.push(...fundArrivals(rng.fork(8), { id, funds: fundsInPlace, from: fundsFrom, officer, calendar }));

  rows.reports.push(...monthlyReports(rng, { id, kind, total, schedule, flow, pace, officer, createdAt, calendar }));
  rows.milestones.push(...milestoneRows(rng, { id, kind, cohort, schedule, pace, createdAt, calendar }));
}

/** The nature a project had on a past or future year's list: 新开工 the year it starts, 续建 after, 前期 before. */
function natureInYear(year: number, cohort: Cohort, schedule: Schedule): ProjectNature {
  if (cohort === 'RESERVE') return ProjectNature.PREPARATORY;
  const startOn = schedule.startOn ?? schedule.plannedStartOn;
  const startYear = startOn ? Number(startOn.slice(0, 4)) : year + 1;
  return startYear < year ? ProjectNature.CONTINUING : startYear === year ? ProjectNature.NEW : ProjectNature.PREPARATORY;
}

interface FundsInput {
  id: string;
  funds: Hundredths;
  /** The first day funds may arrive: the start (or the signing). */
  from: string;
  officer: Officer;
  calendar: DemoCalendar;
}

/** Funds in place as one to four dated arrivals between `from` and the as-of date (the project's total is their sum). */
function fundArrivals(rng: Random, { id, funds, from, officer, calendar }: FundsInput): RequiredEntityData<FundArrival>[] {
  if (funds <= 0) return [];
  const from_ = from < calendar.asOf ? from : calendar.asOf;
  const count = rng.int(1, 4);
  const days = Array.from({ length: count }, () => rng.date(from_, calendar.asOf)).sort();
  const parts = splitAmount(funds, days.map(() => rng.float(0.5, 1.5)), ONE_WAN);
  const arrivals: RequiredEntityData<FundArrival>[] = [];
  let carried = 0;
  parts.forEach((part, i) => {
    // A part rounded to nothing goes with the next arrival: every arrival brings money.
    carried += part;
    if (carried <= 0 || (i < parts.length - 1 && part <= 0)) return;
    const day = days[i] as string;
    arrivals.push({
      id: rng.uuid(),
      project: id,
      arrivedOn: day,
      amountWan: wanText(carried),
      note: rng.pick(FUND_SOURCES),
      recordedAt: stamp(rng, calendar, day),
      recordedBy: officer.subject,
      recordedByName: officer.name,
    });
    carried = 0;
  });
  return arrivals;
}

const FUND_SOURCES = ['企业自筹资金', '银行贷款', '地方政府专项债券', '中央预算内投资', '省级专项资金', '市级财政资金'] as const;

interface ReportInput {
  id: string;
  kind: WorkKind;
  total: Hundredths;
  schedule: Schedule;
  flow: MoneyFlow;
  pace: Pace;
  officer: Officer;
  createdAt: Date;
  calendar: DemoCalendar;
}

/** One report per reported month, filed in the first week of the next month by the owner's officer. */
function monthlyReports(rng: Random, { id, kind, total, schedule, flow, pace, officer, createdAt, calendar }: ReportInput): RequiredEntityData<ProgressReport>[] {
  const problemShare = pace.band === 'BEHIND' ? 0.35 : 0.07;
  let sinceStart = flow.beforeTracking;
  return flow.months.map(({ period, amount }, index) => {
    sinceStart += amount;
    const stageAtMonthEnd = stageOn(schedule.history, period.lastDay) ?? ProjectStage.STARTED;
    const filedOn = earlierOf(addDays(period.plusMonths(1).firstDay, rng.int(0, 7)), calendar.asOf);
    const reportedAt = latest(createdAt, stamp(rng, calendar, filedOn));
    const reportId = rng.uuid();
    // The counties have approved every month but the last; about a third of the last month's
    // reports still wait for review (picked from the id, so the random sequence stays as it was).
    const waiting = index === flow.months.length - 1 && parseInt(reportId.slice(-1), 16) < 5;
    return {
      id: reportId,
      status: waiting ? ReportStatus.SUBMITTED : ReportStatus.APPROVED,
      firstSubmittedAt: reportedAt,
      submittedAt: reportedAt,
      reviewedAt: waiting ? undefined : reportedAt,
      project: id,
      period: period.firstDay,
      completedInvestmentWan: wanText(amount),
      progressNote: progressNote(rng, kind, sinceStart / total, stageRank(stageAtMonthEnd) >= stageRank(ProjectStage.COMPLETED)),
      stageAtMonthEnd,
      problems: rng.chance(problemShare) ? problemText(rng) : undefined,
      reportedAt,
      reportedBy: officer.subject,
      reportedByName: officer.name,
      updatedAt: reportedAt,
    };
  });
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
function milestoneRows(rng: Random, { id, kind, cohort, schedule, pace, createdAt, calendar }: MilestoneInput): RequiredEntityData<Milestone>[] {
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
