import { FieldResolver, Resolver, Root } from 'type-graphql';
import { WanScalar } from '../../money/wan.scalar';
import { AnnualPlan } from './annual-plan.entity';
import { unsourcedWan } from './plan-funding';

/** What a plan's funding sources leave open, beside the sources the plan's row holds. */
@Resolver(() => AnnualPlan)
export class PlanFundingResolver {
  @FieldResolver(() => WanScalar, {
    description: "The part of the plan its funding sources leave unnamed (资金来源未明确), 万元: the plan less the sources' amounts.",
  })
  unsourcedWan(@Root() plan: AnnualPlan): string {
    return unsourcedWan(plan.plannedInvestmentWan, plan.fundingSources);
  }
}
