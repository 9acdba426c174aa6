import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, Float, ObjectType } from 'type-graphql';
import type { Period } from '../../calendar/period';
import { addWan, canonicalWan } from '../../money/wan';
import { WanScalar } from '../../money/wan.scalar';
import { FUNDING_SOURCE_ORDER, FundingSource } from '../project/funding-source';
import { TenantBasis } from '../project/tenant-basis';
import { percentOf } from './rollup-math';
import { textArrayLiteral } from '../../db/array-literal';

@ObjectType({
  description:
    "The plan, the completion and the funds of one funding source (资金来源) in the subtree: the year's plans by their sources, " +
    "the approved monthly reports' completed investment by theirs, arrivals by theirs. Every source is listed, and one row " +
    'with no source for what plans and reports leave unnamed and arrivals recorded without one: the rows add up to the ' +
    "rollup's annualPlanWan, completedThisYearWan, fundsArrivedThisYearWan and fundsInPlaceWan.",
})
export class FundingSourceFigures {
  @Field(() => FundingSource, {
    nullable: true,
    description: 'The source; null for 未注明来源 (plans not broken down, arrivals without a source).',
  })
  source!: FundingSource | null;

  @Field(() => WanScalar, { description: "Planned from it this year (年度计划中该来源), 万元: the year's plans' amounts for it." })
  plannedWan!: string;

  @Field(() => Float, {
    nullable: true,
    description: "Its share of the year's annual plan (占年度计划比重), percent; null without a plan.",
  })
  plannedShare!: number | null;

  @Field(() => WanScalar, {
    description:
      "Completed from it this year through the period (本年完成投资), 万元: the approved monthly reports' amounts for it, counted as " +
      "the rollup's completedThisYearWan counts them.",
  })
  completedThisYearWan!: string;

  @Field(() => Float, {
    nullable: true,
    description:
      'Completion of what was planned from it (完成率), percent: completed this year / planned; null when nothing was planned from it.',
  })
  completionRate!: number | null;

  @Field(() => WanScalar, { description: 'Funds from it that arrived this year through the period (本年到位), 万元.' })
  fundsArrivedThisYearWan!: string;

  @Field(() => WanScalar, { description: 'Funds from it in place to date at the end of the period (累计到位), 万元.' })
  fundsInPlaceWan!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'Arrival rate (到位率), percent: arrived this year / planned from it this year; null when nothing was planned from it.',
  })
  arrivalRate!: number | null;
}

/** One source's sums for one root, as the statement gives them (null source: 未注明). */
interface SourceSums {
  root: string;
  source: FundingSource | null;
  planned: string | null;
  completed: string | null;
  arrived_this_year: string | null;
  in_place: string | null;
}

/**
 * The by-source figures of several roots for one period and basis, in one statement
 * (kp_funding_source_figures, scoped by the viewer's read root). The completion comes from
 * rollup_report_source_month: a subtree's approved reports are far too many to expand at read
 * (75,000 for a city of 10,000 projects took 360 ms). The plans and arrivals are still read raw:
 * one plan per project and year and a few arrivals, an indexed walk of the subtree.
 */
export async function readFundingSources(
  em: EntityManager,
  roots: readonly string[],
  period: Period,
  basis: TenantBasis,
): Promise<Map<string, FundingSourceFigures[]>> {
  // Sums as text: exact, whatever the driver makes of numeric.
  const rows = await em.execute<SourceSums[]>(
    `select f.root, f.source, f.planned::text as planned, f.completed::text as completed,
            f.arrived_this_year::text as arrived_this_year, f.in_place::text as in_place
       from kp_funding_source_figures(?::varchar[], ?, ?::date, ?) f`,
    [textArrayLiteral(roots), period.year, period.firstDay, basis === TenantBasis.LOCATION],
  );
  const byRoot = new Map<string, Map<FundingSource | null, SourceSums>>();
  for (const row of rows) {
    let sums = byRoot.get(row.root);
    if (!sums) byRoot.set(row.root, (sums = new Map()));
    sums.set(row.source, row);
  }
  return new Map(roots.map((root) => [root, figuresOf(byRoot.get(root) ?? new Map())]));
}

/** Every source in the 调度表's order, then the unnamed rest; rates from the exact sums. */
function figuresOf(sums: ReadonlyMap<FundingSource | null, SourceSums>): FundingSourceFigures[] {
  const wan = (value: string | null | undefined) => canonicalWan(value ?? '0');
  const plannedTotal = [...sums.values()].reduce((total, s) => addWan(total, wan(s.planned)), '0');
  return [...FUNDING_SOURCE_ORDER, null].map((source) => {
    const s = sums.get(source);
    const plannedWan = wan(s?.planned);
    const fundsArrivedThisYearWan = wan(s?.arrived_this_year);
    const completedThisYearWan = wan(s?.completed);
    return Object.assign(new FundingSourceFigures(), {
      source,
      plannedWan,
      plannedShare: percentOf(plannedWan, plannedTotal),
      completedThisYearWan,
      completionRate: percentOf(completedThisYearWan, plannedWan),
      fundsArrivedThisYearWan,
      fundsInPlaceWan: wan(s?.in_place),
      arrivalRate: percentOf(fundsArrivedThisYearWan, plannedWan),
    });
  });
}
