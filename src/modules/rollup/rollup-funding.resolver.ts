import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { FundingSourceFigures } from './rollup-funding';
import { Rollup } from './rollup.types';

/** The plan and funds by funding source (资金来源), beside the rollup's own figures. */
@Resolver(() => Rollup)
export class RollupFundingResolver {
  @FieldResolver(() => [FundingSourceFigures], {
    description:
      "The year's plan and the funds by funding source (资金来源), every source listed and then the unnamed rest (source null); " +
      "they add up to the rollup's annualPlanWan, fundsArrivedThisYearWan and fundsInPlaceWan. The children's are read together.",
  })
  byFundingSource(@Root() rollup: Rollup, @Ctx() ctx: Context): Promise<FundingSourceFigures[]> {
    return ctx.loaders.rollup.fundingSources.load({ code: rollup.tenantEntity.code, period: rollup.periodValue, basis: rollup.basisValue });
  }
}
