import type { RequiredEntityData } from '@mikro-orm/core';
import { Period } from '../calendar/period';
import type { FundArrival } from '../modules/funds/fund-arrival.entity';
import { FundingSource } from '../modules/project/funding-source';
import { unitsToWan, wanToUnits } from '../money/wan';
import type { Officer } from './demo-officers';
import {
  addDays,
  earlierOf,
  type Hundredths,
  laterOf,
  monthsFrom,
  officeTime,
  ONE_WAN,
  type Random,
  shareOf,
  splitAmount,
  wanText,
} from './demo-primitives';

/**
 * Funds in place (到位资金) as the dated arrivals the database sums: a project's funds arrive in a
 * few tranches, each a little ahead of the work it pays for (a bond issue, an equity injection, a
 * loan drawn), so the funds of a year follow that year's work. An enterprise's money is its own or
 * borrowed; a government work's comes from bonds, budgets and policy loans.
 */

/** One arrival, before it is known whether it came through an investment lead. */
export interface DemoArrival {
  id: string;
  arrivedOn: string;
  amount: Hundredths;
  note: string;
  source: FundingSource;
  recordedAt: Date;
}

export interface FundingProject {
  /** Funds in place to date: what the arrivals add up to. */
  funds: Hundredths;
  isEnterprise: boolean;
  /** The start, when started; funds then follow the work. */
  startOn: string | undefined;
  /** The first day funds may arrive when not started (the signing): one deposit. */
  fundedFrom: string;
  /** Spent before tracking began (on `trackingFrom`), spread evenly over the months since the start. */
  beforeTracking: Hundredths;
  /** Spent in each reported month. */
  months: readonly { period: Period; amount: Hundredths }[];
  officer: Officer;
}

export interface FundsCalendar {
  asOf: string;
  trackingFrom: string;
  cutoff: Date;
}

/** Where an arrival came from: the note a county writes, the source it counts under, how often. */
type ArrivalSource = readonly [{ note: string; source: FundingSource }, number];
const ENTERPRISE_SOURCES: readonly ArrivalSource[] = [
  [{ note: '企业自筹资金', source: FundingSource.ENTERPRISE_OWN }, 3],
  [{ note: '银行贷款', source: FundingSource.BANK_LOANS }, 2],
];
const GOVERNMENT_SOURCES: readonly ArrivalSource[] = [
  [{ note: '地方政府专项债券', source: FundingSource.LOCAL_SPECIAL_BONDS }, 4],
  [{ note: '中央预算内投资', source: FundingSource.CENTRAL_BUDGET }, 1],
  [{ note: '省级专项资金', source: FundingSource.LOCAL_FISCAL }, 1],
  [{ note: '本级财政资金', source: FundingSource.LOCAL_FISCAL }, 2],
  [{ note: '政策性银行贷款', source: FundingSource.BANK_LOANS }, 1],
];

/**
 * A year's plan by source (资金来源), as the project unit fills in its 调度表: an enterprise's from
 * its own money and a loan; a government work's mostly from bonds and budgets, some from the centre
 * or the ultra-long treasury bonds. One project in six leaves part unnamed (its loan not yet
 * agreed), which the rollups show as 未注明.
 */
export function planSources(rng: Random, amount: Hundredths, isEnterprise: boolean): { source: FundingSource; amountWan: string }[] {
  const mix: readonly (readonly [FundingSource, number])[] = isEnterprise
    ? [
        [FundingSource.ENTERPRISE_OWN, rng.float(0.4, 0.8)],
        [FundingSource.BANK_LOANS, rng.float(0.2, 0.6)],
      ]
    : [
        [FundingSource.LOCAL_SPECIAL_BONDS, rng.float(0.3, 0.6)],
        [FundingSource.LOCAL_FISCAL, rng.float(0.1, 0.3)],
        [
          rng.chance(0.5) ? FundingSource.CENTRAL_BUDGET : FundingSource.ULTRA_LONG_TREASURY_BONDS,
          rng.chance(0.5) ? rng.float(0.1, 0.3) : 0,
        ],
        [FundingSource.BANK_LOANS, rng.chance(0.3) ? rng.float(0.1, 0.2) : 0],
      ];
  const named = rng.chance(1 / 6) ? shareOf(amount, rng.float(0.6, 0.9), ONE_WAN) : amount;
  const used = mix.filter(([, weight]) => weight > 0);
  const parts = splitAmount(
    named,
    used.map(([, weight]) => weight),
    ONE_WAN,
  );
  return used.flatMap(([source], i) => (parts[i]! > 0 ? [{ source, amountWan: wanText(parts[i]!) }] : []));
}

/**
 * A monthly report's completion by source (资金来源), as a 发改 office fills its 调度表: the month's
 * work paid the way its year's plan is funded, each named source its share of the month (cut to the
 * yuan), the rest unnamed as the plan leaves it. Without a plan for the year, none.
 */
export function reportSources(
  completedInvestmentWan: string,
  plan: { plannedInvestmentWan: string; fundingSources?: readonly { source: FundingSource; amountWan: string }[] } | undefined,
): { source: FundingSource; amountWan: string }[] {
  const planned = plan ? wanToUnits(plan.plannedInvestmentWan) : 0n;
  if (!plan || planned === 0n) return [];
  const month = wanToUnits(completedInvestmentWan);
  return (plan.fundingSources ?? []).flatMap(({ source, amountWan }) => {
    const part = (month * wanToUnits(amountWan)) / planned;
    return part > 0n ? [{ source, amountWan: unitsToWan(part) }] : [];
  });
}

/** The work paid for, as dated amounts: the opening balance spread over the months before tracking, then each month's. */
function workDone(project: FundingProject, calendar: FundsCalendar): { on: string; amount: Hundredths }[] {
  const work: { on: string; amount: Hundredths }[] = [];
  if (project.startOn && project.beforeTracking > 0) {
    const first = Period.ofDate(project.startOn);
    const last = Period.ofDate(addDays(calendar.trackingFrom, -1));
    const months = first.compare(last) <= 0 ? monthsFrom(first, last) : [last];
    splitAmount(
      project.beforeTracking,
      months.map(() => 1),
      ONE_WAN,
    ).forEach((amount, i) => {
      work.push({ on: laterOf(months[i]!.firstDay, project.startOn!), amount });
    });
  }
  for (const { period, amount } of project.months) work.push({ on: period.firstDay, amount });
  return work.filter((w) => w.amount > 0);
}

/**
 * The project's arrivals, in date order, adding up to its funds: one to eight tranches between its
 * start (or signing) and the day before the as-of date, each sized by the work of the months it
 * opens and dated up to a month before them, the last also bringing the funds for the work ahead.
 */
export function fundArrivals(rng: Random, project: FundingProject, calendar: FundsCalendar): DemoArrival[] {
  if (project.funds <= 0) return [];
  const yesterday = addDays(calendar.asOf, -1);
  const from = earlierOf(project.startOn ?? project.fundedFrom, yesterday);
  const work = project.startOn ? workDone(project, calendar) : [];
  const spent = work.reduce((sum, w) => sum + w.amount, 0);

  let tranches: { on: string; weight: number }[];
  if (spent === 0) {
    tranches = [{ on: rng.date(from, yesterday), weight: 1 }];
  } else {
    // Two to four tranches a year of work.
    const count = Math.max(1, Math.min(8, Math.round(work.length / rng.float(3, 6))));
    tranches = [];
    let done = 0;
    for (const w of work) {
      // A tranche opens when the work reaches the next share of the total.
      const tranche = Math.min(count - 1, Math.floor((done / spent) * count));
      if (tranche >= tranches.length) {
        const after = tranches.at(-1)?.on ?? from;
        tranches.push({ on: earlierOf(laterOf(addDays(w.on, -rng.int(0, 30)), after), yesterday), weight: 0 });
      }
      tranches[tranches.length - 1]!.weight += w.amount;
      done += w.amount;
    }
  }

  // Each tranche pays for the work of its months; funds in place beyond the work done so far came
  // with the last one, for the work to come.
  const paid = Math.min(project.funds, spent);
  const parts = splitAmount(
    paid,
    tranches.map((t) => t.weight),
    ONE_WAN,
  );
  parts[parts.length - 1]! += project.funds - paid;

  const sources = project.isEnterprise ? ENTERPRISE_SOURCES : GOVERNMENT_SOURCES;
  const arrivals: DemoArrival[] = [];
  let carried = 0;
  parts.forEach((part, i) => {
    // A part rounded to nothing goes with the next tranche: every arrival brings money.
    carried += part;
    if (carried <= 0 || (i < parts.length - 1 && part <= 0)) return;
    const on = tranches[i]!.on;
    arrivals.push({
      id: rng.uuid(),
      arrivedOn: on,
      amount: carried,
      ...rng.weighted(sources),
      recordedAt: officeTime(rng, on, calendar.cutoff),
    });
    carried = 0;
  });
  return arrivals;
}

/** The rows of a project's arrivals; those that came through its investment lead name it (招商引资到位资金). */
export function arrivalRows(
  projectId: string,
  arrivals: readonly DemoArrival[],
  officer: Officer,
  leadId: string | undefined,
): RequiredEntityData<FundArrival>[] {
  return arrivals.map((a) => ({
    id: a.id,
    project: projectId,
    lead: leadId,
    arrivedOn: a.arrivedOn,
    amountWan: wanText(a.amount),
    note: a.note,
    source: a.source,
    recordedAt: a.recordedAt,
    recordedBy: officer.subject,
    recordedByName: officer.name,
  }));
}
