import type { RequiredEntityData } from '@mikro-orm/core';
import { LeadStage } from '../modules/attraction/attraction.enums';
import type { InvestmentLead } from '../modules/attraction/investment-lead.entity';
import type { LeadStageChange } from '../modules/attraction/lead-stage-change.entity';
import { isStarted, ProjectStage, stageRank } from '../modules/project/project.enums';
import { TenantLevel } from '../modules/tenant/tenant.enums';
import type { DemoOfficers } from './demo-officers';
import { type DemoPlaces, type DemoTenant, shortNameOf, townGovernment } from './demo-places';
import type { DemoProject } from './demo-project';
import type { DemoArrival } from './demo-funds';
import { addDays, daysBetween, earlierOf, type Hundredths, labelOf, officeTime, ONE_WAN, type Random, wanText } from './demo-primitives';
import { proposedPlant } from './demo-works';

/**
 * The investment-attraction ledger (招商引资台账): every project attracted from elsewhere has its
 * lead, at the step its project has reached (signed, started and linked, funds in place), and each
 * county, the city and some towns court investors who have not got that far: intents and
 * framework agreements, and contracts signed but not yet started.
 */

export interface DemoLeads {
  leads: RequiredEntityData<InvestmentLead>[];
  steps: RequiredEntityData<LeadStageChange>[];
  /** The lead each started project came through: its funds arrived through that lead. */
  leadOfProject: Map<string, string>;
}

export interface LeadCalendar {
  asOf: string;
  cutoff: Date;
}

interface LeadDraft {
  name: string;
  owner: DemoTenant;
  investor: { name: string; origin: string; industry: string };
  intended: Hundredths;
  /** The dates of the steps reached, in order, from the intent. */
  dates: Partial<Record<LeadStage, string>>;
  signed?: Hundredths;
  /** The funds recorded through the lead, as its project's arrivals (招商引资到位资金). */
  arrivals: readonly DemoArrival[];
  projectId?: string;
}

const STEP_NOTES: Partial<Record<LeadStage, string>> = {
  [LeadStage.FRAMEWORK_AGREEMENT]: '签订投资合作框架协议',
  [LeadStage.CONTRACT_SIGNED]: '签订正式投资合同',
  [LeadStage.STARTED]: '项目开工建设，纳入重点项目管理',
  [LeadStage.FUNDS_IN_PLACE]: '合同约定投资全部到位',
};

/** Who answers for a tenant's leads: the investment promotion bureau (招商), the development zone's committee, a town's government. */
function responsibleUnitOf(rng: Random, owner: DemoTenant): string {
  if (owner.level === TenantLevel.CITY) return '德州市投资促进局';
  if (owner.level === TenantLevel.TOWN) return townGovernment(owner);
  if (/新区|开发区/.test(owner.name)) return `${owner.name}管理委员会`;
  // A county or county-level city courts through its development zone as often as through its bureau.
  return /区$/.test(owner.name) || rng.chance(0.6) ? `${owner.name}投资促进局` : `${shortNameOf(owner)}经济开发区管理委员会`;
}

/** What an investor says it will invest: the project's amount give or take, in round 百万. */
function intendedOf(rng: Random, total: Hundredths): Hundredths {
  return Math.max(100, Math.round(((total / ONE_WAN) * rng.float(0.9, 1.3)) / 100) * 100) * ONE_WAN;
}

/** A lead for a project attracted from elsewhere, at the step the project has reached. */
function leadOfProject(rng: Random, project: DemoProject, calendar: LeadCalendar): LeadDraft | undefined {
  const investor = project.investor;
  if (!investor) return undefined;
  const yesterday = addDays(calendar.asOf, -1);
  const on = (stage: ProjectStage) => project.history.find((s) => s.stage === stage)?.on;
  const startedOn = on(ProjectStage.STARTED);
  const signedOn = on(ProjectStage.SIGNED) ?? (startedOn ? addDays(startedOn, -rng.int(20, 90)) : undefined);
  const anchor = signedOn ?? on(ProjectStage.PREPARATORY) ?? project.history[0]!.on;
  const intentOn = addDays(anchor, -rng.int(120, 360));
  const frameworkOn = addDays(intentOn, rng.int(30, Math.max(31, Math.round((signedOn ? daysBetween(intentOn, signedOn) : 90) * 0.7))));
  const draft: LeadDraft = {
    name: project.name,
    owner: project.owner,
    investor,
    intended: intendedOf(rng, project.total),
    dates: { [LeadStage.INTENT]: intentOn, [LeadStage.FRAMEWORK_AGREEMENT]: earlierOf(frameworkOn, signedOn ?? yesterday) },
    arrivals: [],
  };
  if (!signedOn || stageRank(project.stage) < stageRank(ProjectStage.SIGNED)) return draft;
  draft.dates[LeadStage.CONTRACT_SIGNED] = signedOn;
  // The signed amount is what the project was registered with (the start creates it so).
  draft.signed = project.total;
  if (!startedOn || !isStarted(project.stage)) return draft;
  draft.dates[LeadStage.STARTED] = startedOn;
  draft.projectId = project.id;
  // The investor builds the project: every arrival since the start came through the lead, recorded
  // on it, and the lead reaches FUNDS_IN_PLACE with the arrival that completes the signed amount.
  draft.arrivals = project.arrivals;
  const last = project.arrivals.at(-1);
  if (last && project.fundsInPlace >= project.total) draft.dates[LeadStage.FUNDS_IN_PLACE] = last.arrivedOn;
  return draft;
}

/** A lead courted but not yet a project: an intent, a framework agreement, or a contract awaiting its start. */
function prospect(rng: Random, owner: DemoTenant, places: DemoPlaces, calendar: LeadCalendar): LeadDraft {
  const plant = proposedPlant(rng, owner, places);
  const yesterday = addDays(calendar.asOf, -1);
  const reached = rng.weighted([
    [LeadStage.INTENT, 45],
    [LeadStage.FRAMEWORK_AGREEMENT, 35],
    [LeadStage.CONTRACT_SIGNED, 20],
  ] as const);
  const intentOn = addDays(calendar.asOf, -rng.int(40, 330));
  const draft: LeadDraft = {
    name: plant.name,
    owner,
    investor: plant.investor!,
    intended: intendedOf(rng, plant.total),
    dates: { [LeadStage.INTENT]: intentOn },
    arrivals: [],
  };
  if (reached === LeadStage.INTENT) return draft;
  const frameworkOn = earlierOf(addDays(intentOn, rng.int(20, 120)), yesterday);
  draft.dates[LeadStage.FRAMEWORK_AGREEMENT] = frameworkOn;
  if (reached === LeadStage.FRAMEWORK_AGREEMENT) return draft;
  draft.dates[LeadStage.CONTRACT_SIGNED] = earlierOf(addDays(frameworkOn, rng.int(15, 90)), yesterday);
  draft.signed = plant.total;
  return draft;
}

export function demoLeads(
  rng: Random,
  projects: readonly DemoProject[],
  places: DemoPlaces,
  officers: DemoOfficers,
  calendar: LeadCalendar,
): DemoLeads {
  const drafts: LeadDraft[] = projects.flatMap((project) => leadOfProject(rng.fork(labelOf(project.id)), project, calendar) ?? []);
  const courting: DemoTenant[] = [
    places.city,
    places.city,
    places.city,
    ...places.counties().flatMap((county) => Array<DemoTenant>(rng.int(2, 5)).fill(county)),
  ];
  // The central city's sub-districts court no plants.
  const towns = places
    .counties()
    .flatMap((county) => places.townsOf(county))
    .filter((town) => !places.isCentralStreet(town));
  courting.push(...rng.shuffle(towns).slice(0, 10));
  courting.forEach((owner, i) => drafts.push(prospect(rng.fork(50_000 + i), owner, places, calendar)));

  const result: DemoLeads = { leads: [], steps: [], leadOfProject: new Map() };
  for (const draft of drafts) {
    const officer = officers.of(draft.owner);
    const id = rng.uuid();
    const reached = (Object.values(LeadStage) as LeadStage[]).filter((stage) => draft.dates[stage] !== undefined);
    const funds = draft.arrivals.reduce((sum, a) => sum + a.amount, 0);
    const lastArrival = draft.arrivals.at(-1);
    // The step that puts the funds in place is recorded with the arrival that completes them.
    const stamps = reached.map((stage) =>
      stage === LeadStage.FUNDS_IN_PLACE && lastArrival ? lastArrival.recordedAt : officeTime(rng, draft.dates[stage]!, calendar.cutoff),
    );
    for (let i = 1; i < stamps.length; i++) if (stamps[i]! <= stamps[i - 1]!) stamps[i] = new Date(stamps[i - 1]!.getTime() + 60_000);
    const amountAt = (stage: LeadStage): Hundredths | undefined =>
      stage === LeadStage.INTENT
        ? draft.intended
        : stage === LeadStage.CONTRACT_SIGNED
          ? draft.signed
          : stage === LeadStage.FUNDS_IN_PLACE
            ? funds
            : undefined;
    reached.forEach((stage, i) => {
      const amount = amountAt(stage);
      result.steps.push({
        id: rng.uuid(),
        lead: id,
        stage,
        changedOn: draft.dates[stage]!,
        amountWan: amount === undefined ? undefined : wanText(amount),
        note: STEP_NOTES[stage],
        recordedAt: stamps[i]!,
        recordedBy: officer.subject,
        recordedByName: officer.name,
      });
    });
    const lastStamp = [stamps[stamps.length - 1]!, ...draft.arrivals.map((a) => a.recordedAt)].reduce((a, b) => (a > b ? a : b));
    if (draft.projectId && draft.arrivals.length > 0) result.leadOfProject.set(draft.projectId, id);
    // Each funds record is a write of the lead; the one reaching FUNDS_IN_PLACE is that step's.
    const fundRecords = draft.arrivals.length - (draft.dates[LeadStage.FUNDS_IN_PLACE] ? 1 : 0);
    result.leads.push({
      id,
      name: draft.name,
      investorName: draft.investor.name,
      investorOrigin: draft.investor.origin,
      industry: draft.investor.industry,
      owner: draft.owner.code,
      responsibleUnit: responsibleUnitOf(rng, draft.owner),
      stage: reached[reached.length - 1]!,
      intentOn: draft.dates[LeadStage.INTENT]!,
      frameworkAgreedOn: draft.dates[LeadStage.FRAMEWORK_AGREEMENT],
      signedOn: draft.dates[LeadStage.CONTRACT_SIGNED],
      startedOn: draft.dates[LeadStage.STARTED],
      fundsInPlaceOn: draft.dates[LeadStage.FUNDS_IN_PLACE],
      intendedWan: wanText(draft.intended),
      signedWan: draft.signed === undefined ? undefined : wanText(draft.signed),
      fundsInPlaceWan: wanText(funds),
      fundsRecordedOn: lastArrival?.arrivedOn,
      project: draft.projectId,
      version: reached.length + fundRecords,
      createdAt: stamps[0]!,
      createdBy: officer.subject,
      createdByName: officer.name,
      updatedAt: lastStamp,
      updatedBy: officer.subject,
      updatedByName: officer.name,
    });
  }
  return result;
}
