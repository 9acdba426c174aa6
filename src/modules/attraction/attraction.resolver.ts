import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { connectionType } from '../../pagination/connection';
import { selectsPage } from '../../pagination/keyset';
import { FundArrival } from '../funds/fund-arrival.entity';
import { Project } from '../project/project.entity';
import { ProjectService } from '../project/project.service';
import { Rollup } from '../rollup/rollup.types';
import { Tenant } from '../tenant/tenant.entity';
import { AttractionFigures } from './attraction-figures';
import { LeadStage } from './attraction.enums';
import {
  AdvanceInvestmentLeadInput,
  CreateInvestmentLeadInput,
  RecordLeadFundsInput,
  StartInvestmentLeadInput,
  UpdateInvestmentLeadInput,
} from './attraction.inputs';
import { AttractionService } from './attraction.service';
import { InvestmentLead } from './investment-lead.entity';
import { LeadStageChange } from './lead-stage-change.entity';
import { listLeads } from './lead-list';

export const InvestmentLeadConnection = connectionType(
  InvestmentLead,
  'InvestmentLeadConnection',
  'A page of investment-attraction leads.',
);

@ArgsType()
class InvestmentLeadsArgs {
  @Field({ description: 'Division code of a tenant: its leads and those of every tenant beneath it.' })
  tenantCode!: string;

  @Field(() => [LeadStage], { nullable: true, description: 'Only leads currently at these steps.' })
  stages?: LeadStage[];

  @Field(() => String, { nullable: true, description: 'Lead name or investor containing this text.' })
  search?: string;

  @Field(() => Int, { nullable: true, description: 'Page size, from 1 to the configured maximum (200 by default); 20 when omitted.' })
  first?: number;

  @Field(() => String, { nullable: true, description: '`endCursor` of the previous page.' })
  after?: string;
}

@Resolver(() => InvestmentLead)
export class InvestmentLeadResolver {
  @Query(() => InvestmentLead, { description: 'An investment-attraction lead by id. NOT_FOUND when there is none in reach.' })
  investmentLead(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return new AttractionService(ctx).get(id);
  }

  @Query(() => InvestmentLeadConnection, { description: "A tenant subtree's investment-attraction leads (招商线索), newest first." })
  investmentLeads(@Args() args: InvestmentLeadsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const { tenantCode, stages, search, first, after } = args;
    return listLeads(ctx, { tenantCode, stages, search, first, after, needsRows: selectsPage(info) });
  }

  @Mutation(() => InvestmentLead, { description: "Registers a lead at its intent (达成投资意向). The owning tenant's officers only." })
  createInvestmentLead(@Arg('input') input: CreateInvestmentLeadInput, @Ctx() ctx: Context) {
    return new AttractionService(ctx).create(input);
  }

  @Mutation(() => InvestmentLead, { description: "Changes a lead's descriptive fields and amounts." })
  updateInvestmentLead(@Arg('input') input: UpdateInvestmentLeadInput, @Ctx() ctx: Context) {
    return new AttractionService(ctx).update(input);
  }

  @Mutation(() => InvestmentLead, {
    description: 'Moves a lead exactly one step forward on a date (skipping a step or going back: CONFLICT).',
  })
  advanceInvestmentLead(@Arg('input') input: AdvanceInvestmentLeadInput, @Ctx() ctx: Context) {
    return new AttractionService(ctx).advance(input);
  }

  @Mutation(() => InvestmentLead, {
    description: 'Starts a signed lead (开工), creating its key project from the lead or linking an existing one, in one step.',
  })
  startInvestmentLead(@Arg('input') input: StartInvestmentLeadInput, @Ctx() ctx: Context) {
    return new AttractionService(ctx).start(input);
  }

  @Mutation(() => InvestmentLead, {
    description: 'Records the funds in place (到位资金) of a started lead, as a running total; the difference is a dated fund arrival.',
  })
  recordLeadFunds(@Arg('input') input: RecordLeadFundsInput, @Ctx() ctx: Context) {
    return new AttractionService(ctx).recordFunds(input);
  }

  @FieldResolver(() => Tenant, { description: 'The tenant that courts the investor and answers for the lead.' })
  owner(@Root() lead: InvestmentLead, @Ctx() ctx: Context) {
    return ctx.loaders.tenant.byCode.load(lead.owner.code);
  }

  @FieldResolver(() => Project, { nullable: true, description: 'The key project the lead became at its start; null before.' })
  async project(@Root() lead: InvestmentLead, @Ctx() ctx: Context) {
    if (!lead.project) return null;
    const project = await ctx.loaders.project.byId.load(lead.project.id);
    // A project the viewer may not read (e.g. linked from a town the viewer does not see) stays hidden.
    return project && (await new ProjectService(ctx).access.canRead(project)) ? project : null;
  }

  @FieldResolver(() => [LeadStageChange], { description: 'Every step reached, oldest first (梯次推进).' })
  stageHistory(@Root() lead: InvestmentLead, @Ctx() ctx: Context) {
    return ctx.loaders.attraction.stageHistory.load(lead.id);
  }
}

@Resolver(() => Project)
export class ProjectInvestmentLeadResolver {
  @FieldResolver(() => InvestmentLead, {
    nullable: true,
    description: 'The investment-attraction lead (招商线索) the project came from, if any.',
  })
  investmentLead(@Root() project: Project, @Ctx() ctx: Context) {
    return new AttractionService(ctx).ofProject(project.id);
  }
}

@Resolver(() => FundArrival)
export class FundArrivalLeadResolver {
  @FieldResolver(() => InvestmentLead, {
    nullable: true,
    description: 'The investment lead (招商线索) the funds came through, when recorded on the lead (recordLeadFunds); null otherwise.',
  })
  async lead(@Root() arrival: FundArrival, @Ctx() ctx: Context) {
    if (!arrival.lead) return null;
    const lead = await ctx.loaders.attraction.byId.load(arrival.lead.id);
    const owner = lead ? await ctx.loaders.tenant.byCode.load(lead.owner.code) : undefined;
    // Leads are read within their owner's subtree only (no assignments, no location).
    return lead && owner && ctx.access.readsSubtreeOf(owner.path) ? lead : null;
  }
}

@Resolver(() => Rollup)
export class RollupAttractionResolver {
  @FieldResolver(() => AttractionFigures, {
    description:
      "Investment attraction figures (招商引资) of the subtree: leads by step, this year's signed amount, 履约率, funds in place. " +
      "By owner whatever the rollup's basis (see `AttractionFigures.basis`).",
  })
  attraction(@Root() rollup: Rollup, @Ctx() ctx: Context) {
    return ctx.loaders.attraction.figures(rollup.periodValue).load(rollup.tenantEntity.code);
  }
}
