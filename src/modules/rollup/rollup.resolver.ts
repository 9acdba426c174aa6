import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PeriodScalar } from '../../calendar/calendar.scalars';
import type { Period } from '../../calendar/period';
import type { Context } from '../../context';
import { badUserInput } from '../../errors/app-error';
import { selectsField } from '../../graphql/selection';
import { connectionSelection } from '../../pagination/keyset';
import { listProjects } from '../project/project-list';
import { ProjectOrder } from '../project/project.inputs';
import { ProjectConnection } from '../project/project.types';
import { TenantBasis } from '../project/tenant-basis';
import { Tenant } from '../tenant/tenant.entity';
import { rankChildren } from './ranking';
import { selectsBreakdown } from './rollup-breakdown';
import { Rollup, RankingEntry, RankingMetric, TrafficLight, TrendPoint } from './rollup.types';
import { RollupService, rollupLight } from './rollup.service';
import { TrafficLightRules } from './traffic-light-rules.entity';
import { SetTrafficLightRulesInput } from './traffic-light-rules.inputs';
import { TrafficLightRulesService } from './traffic-light-rules.service';
import { trendAhead, trendRangeProblem } from './trend-range';

const BASIS_DESCRIPTION =
  'Whose projects the figures count: those owned in the subtree (OWNER, 按隶属, the default) or those built in it (LOCATION, 按属地), ' +
  'whoever owns them. Children, trend and drill-down follow it.';

@ArgsType()
class DrillDownArgs {
  @Field(() => Int, { nullable: true, description: 'Page size; 20 when omitted.' })
  first?: number;

  @Field(() => String, { nullable: true, description: '`endCursor` of the previous page.' })
  after?: string;

  @Field(() => ProjectOrder, { defaultValue: ProjectOrder.TOTAL_INVESTMENT_DESC, description: 'Order of the projects.' })
  orderBy!: ProjectOrder;
}

@Resolver(() => Rollup)
export class RollupResolver {
  @Query(() => Rollup, {
    description:
      "Every figure of a tenant's subtree for a month (汇总): counts, start rate, completion versus plan and time, " +
      'year-over-year, money, overdue milestones, the traffic light; drill down with `children` and `projects`. ' +
      'NOT_FOUND for a tenant whose subtree the viewer does not read.',
  })
  rollup(
    @Arg('tenantCode', { description: 'Division code of the tenant.' }) tenantCode: string,
    @Arg('period', () => PeriodScalar, { description: 'The month, e.g. 2026-10; year-to-date runs from January.' }) period: Period,
    @Arg('basis', () => TenantBasis, { defaultValue: TenantBasis.OWNER, description: BASIS_DESCRIPTION }) basis: TenantBasis,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    // A dashboard asks for the children and the trend with the tenant: read them in the same statement.
    return new RollupService(ctx).rollupOf(tenantCode, period, {
      withChildren: selectsField(info, 'children'),
      trend: trendAhead(info),
      basis,
      breakdown: selectsBreakdown(info),
    });
  }

  @Query(() => [RankingEntry], {
    description: "A parent's children ranked by a figure for a month, with the change since the previous month (季度评比, 排名).",
  })
  ranking(
    @Arg('parentCode', { description: 'Division code of the parent whose children are ranked.' }) parentCode: string,
    @Arg('period', () => PeriodScalar, { description: 'The month ranked.' }) period: Period,
    @Arg('metric', () => RankingMetric, { description: 'The figure to rank by.' }) metric: RankingMetric,
    @Arg('basis', () => TenantBasis, { defaultValue: TenantBasis.OWNER, description: BASIS_DESCRIPTION }) basis: TenantBasis,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return rankChildren(new RollupService(ctx), parentCode, period, metric, basis, selectsBreakdown(info));
  }

  @Query(() => TrafficLightRules, { description: "A city's traffic-light thresholds (its own, or the defaults)." })
  trafficLightRules(@Arg('cityCode', { description: 'Division code of the city.' }) cityCode: string, @Ctx() ctx: Context) {
    return new TrafficLightRulesService(ctx).get(cityCode);
  }

  @Mutation(() => TrafficLightRules, { description: "Changes a city's traffic-light thresholds. The city's administrator only." })
  setTrafficLightRules(@Arg('input') input: SetTrafficLightRulesInput, @Ctx() ctx: Context) {
    return new TrafficLightRulesService(ctx).set(input);
  }

  @FieldResolver(() => Tenant, { description: 'The tenant the figures are for.' })
  tenant(@Root() rollup: Rollup) {
    return rollup.tenantEntity;
  }

  @FieldResolver(() => [Rollup], { description: 'The same figures for each child tenant (下一级), by code.' })
  children(@Root() rollup: Rollup, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return (
      rollup.childRollups ??
      new RollupService(ctx).childrenOf(rollup.tenantEntity.code, rollup.periodValue, rollup.basisValue, selectsBreakdown(info))
    );
  }

  @FieldResolver(() => [TrendPoint], { description: 'Monthly series from `from` to `to` (at most 120 months).' })
  trend(
    @Root() rollup: Rollup,
    @Arg('from', () => PeriodScalar, { description: 'First month.' }) from: Period,
    @Arg('to', () => PeriodScalar, { description: 'Last month.' }) to: Period,
    @Ctx() ctx: Context,
  ) {
    const problem = trendRangeProblem(from, to);
    if (problem) throw badUserInput(problem.field, problem.message);
    const read = rollup.trendRead;
    if (read && read.from.equals(from) && read.to.equals(to)) return read.points;
    return new RollupService(ctx).trend(rollup.tenantEntity.code, rollup.periodValue, from, to, rollup.basisValue);
  }

  @FieldResolver(() => TrafficLight, {
    description:
      'Traffic light of the tenant, from the rules of its city: progress gap, and the percentages of its projects with an ' +
      'overdue milestone and with an open blocker.',
  })
  trafficLight(@Root() rollup: Rollup): TrafficLight {
    return rollupLight(rollup);
  }

  @FieldResolver(() => ProjectConnection, {
    description: "Drill down: the projects behind the figures (the subtree's projects on the period's yearly list, by the rollup's basis).",
  })
  projects(@Root() rollup: Rollup, @Args() args: DrillDownArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listProjects(ctx, {
      filter: { tenantCode: rollup.tenantEntity.code, year: rollup.periodValue.year, basis: rollup.basisValue },
      first: args.first,
      after: args.after,
      orderBy: args.orderBy,
      ...connectionSelection(info),
    });
  }
}
