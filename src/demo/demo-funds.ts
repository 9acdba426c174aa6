import type { RequiredEntityData } from '@mikro-orm/core';
import { Period } from '../calendar/period';
import type { FundArrival } from '../modules/funds/fund-arrival.entity';
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

const ENTERPRISE_SOURCES = [
  ['企业自筹资金', 3],
  ['银行贷款', 2],
] as const;
const GOVERNMENT_SOURCES = [
  ['地方政府专项债券', 4],
  ['中央预算内投资', 1],
  ['省级专项资金', 1],
  ['本级财政资金', 2],
  ['政策性银行贷款', 1],
] as const;

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
      note: rng.weighted(sources),
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
    recordedAt: a.recordedAt,
    recordedBy: officer.subject,
    recordedByName: officer.name,
  }));
}
