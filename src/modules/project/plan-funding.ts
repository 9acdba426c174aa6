import { Field, InputType, ObjectType } from 'type-graphql';
import type { InputProblems } from '../../errors/input-problems';
import { addWan, canonicalWan, compareWan, subtractWan } from '../../money/wan';
import { WanScalar } from '../../money/wan.scalar';
import { ENUM_LABELS } from '../enum-label/enum-labels';
import { FUNDING_SOURCE_ORDER, FundingSource } from './funding-source';

/**
 * One source of a year's plan (资金来源) with its amount. Stored on the plan's row as a JSON array
 * of exactly this shape (`project_annual_plan.funding_sources`), so the audit trail and live
 * events show a change in the API's own words, and a check constraint holds it to the rules below.
 */
@ObjectType({ description: "One funding source (资金来源) of a year's plan and its planned amount." })
export class PlanFundingSource {
  @Field(() => FundingSource, { description: 'The source.' })
  source!: FundingSource;

  @Field(() => WanScalar, { description: 'Planned amount from it this year, 万元; more than zero.' })
  amountWan!: string;
}

@InputType({ description: "One funding source (资金来源) of a year's plan and its planned amount." })
export class PlanFundingSourceInput implements PlanFundingSource {
  @Field(() => FundingSource, { description: 'The source; each at most once per plan.' })
  source!: FundingSource;

  @Field(() => WanScalar, { description: 'Planned amount from it this year, 万元; more than zero.' })
  amountWan!: string;
}

/** What the plan's sources leave unnamed (资金来源未明确): the plan less its sources. */
export const unsourcedWan = (plannedInvestmentWan: string, sources: readonly PlanFundingSource[]): string =>
  subtractWan(
    plannedInvestmentWan,
    sources.reduce((sum, s) => addWan(sum, s.amountWan), '0'),
  );

/** The amount sources are split from, as a message names it: a year's plan by default, or a month's completion. */
export interface SourcedTotal {
  readonly zh: string;
  readonly en: string;
}

const PLANNED: SourcedTotal = { zh: '年度计划投资', en: "the year's planned investment" };

/**
 * The sources as stored: each source once, amounts above zero, together no more than the total
 * they split (what they leave is shown as unsourced, not refused: a county often knows its bonds
 * before the rest). In the 调度表's order, so equal lists are stored alike and a change shows only
 * when one is real. A plan's sources and a monthly report's (当月完成投资的资金来源) follow the same rules.
 */
export function checkedFundingSources(
  sources: readonly PlanFundingSource[],
  plannedInvestmentWan: string,
  field: string,
  problems: InputProblems,
  total: SourcedTotal = PLANNED,
): PlanFundingSource[] {
  const seen = new Set<FundingSource>();
  sources.forEach((s, i) => {
    problems.require(compareWan(s.amountWan, '0') > 0, `${field}.${i}.amountWan`, {
      zh: `${ENUM_LABELS.FundingSource[s.source].zh}的金额须大于零`,
      en: 'a source must bring more than zero',
    });
    problems.require(!seen.has(s.source), `${field}.${i}.source`, {
      zh: `资金来源“${ENUM_LABELS.FundingSource[s.source].zh}”重复`,
      en: 'a source is listed twice',
    });
    seen.add(s.source);
  });
  problems.require(compareWan(unsourcedWan(plannedInvestmentWan, sources), '0') >= 0, field, {
    zh: `各资金来源合计不能超过${total.zh}`,
    en: `the sources together may not exceed ${total.en}`,
  });
  return [...sources]
    .sort((a, b) => FUNDING_SOURCE_ORDER.indexOf(a.source) - FUNDING_SOURCE_ORDER.indexOf(b.source))
    .map((s) => ({ source: s.source, amountWan: canonicalWan(s.amountWan) }));
}
