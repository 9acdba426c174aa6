import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { checkedYear } from '../../calendar/input-range';
import { Period } from '../../calendar/period';
import type { Context } from '../../context';
import { WanScalar } from '../../money/wan.scalar';
import { connectionSelection } from '../../pagination/keyset';
import { Tenant } from '../tenant/tenant.entity';
import { AnnualPlan } from './annual-plan.entity';
import { listProjects } from './project-list';
import { ProjectConnection } from './project.types';
import { Project } from './project.entity';
import { completedOnFrom, startedOnFrom } from './stage-history';
import {
  ChangeProjectStageInput,
  CreateProjectInput,
  ProjectFilter,
  ProjectOrder,
  SetAnnualPlanInput,
  UpdateProjectInput,
} from './project.inputs';
import { ProjectService } from './project.service';
import { StageChange } from './stage-change.entity';

@ArgsType()
class ProjectsArgs {
  @Field(() => ProjectFilter, { nullable: true })
  filter?: ProjectFilter;

  @Field(() => Int, { nullable: true, description: 'Page size, from 1 to the configured maximum (200 by default); 20 when omitted.' })
  first?: number;

  @Field(() => String, { nullable: true, description: '`endCursor` of the previous page.' })
  after?: string;

  @Field(() => ProjectOrder, { defaultValue: ProjectOrder.CREATED_AT_DESC })
  orderBy!: ProjectOrder;
}

const planYearArg = { nullable: true, description: 'Calendar year, 2000-2100; the current year (China time) when omitted.' } as const;

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { description: 'A project by id. NOT_FOUND when there is none.' })
  project(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return new ProjectService(ctx).get(id);
  }

  @Query(() => ProjectConnection, { description: 'Projects matching a filter, a page at a time (Relay cursor connection).' })
  projects(@Args() args: ProjectsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const { filter, first, after, orderBy } = args;
    return listProjects(ctx, { filter, first, after, orderBy, ...connectionSelection(info) });
  }

  @Mutation(() => Project, { description: 'Registers a key project (项目入库). Its initial stage is recorded in its history.' })
  createProject(@Arg('input') input: CreateProjectInput, @Ctx() ctx: Context) {
    return new ProjectService(ctx).create(input);
  }

  @Mutation(() => Project, { description: "Changes a project's descriptive fields." })
  updateProject(@Arg('input') input: UpdateProjectInput, @Ctx() ctx: Context) {
    return new ProjectService(ctx).update(input);
  }

  @Mutation(() => Project, {
    description: 'Moves a project to another stage on a given date; recorded in its stage history. Moving back needs a note.',
  })
  changeProjectStage(@Arg('input') input: ChangeProjectStageInput, @Ctx() ctx: Context) {
    return new ProjectService(ctx).changeStage(input);
  }

  @Mutation(() => Project, { description: "Sets a project's planned investment for a year (年度计划投资)." })
  setAnnualPlan(@Arg('input') input: SetAnnualPlanInput, @Ctx() ctx: Context) {
    return new ProjectService(ctx).setAnnualPlan(input);
  }

  @Mutation(() => Project, { description: "Takes a project off a year's plan (and so off that year's list)." })
  removeAnnualPlan(
    @Arg('projectId', () => ID) projectId: string,
    @Arg('year', () => Int, { description: 'Year of the plan, 2000-2100.' }) year: number,
    @Ctx() ctx: Context,
  ) {
    return new ProjectService(ctx).removeAnnualPlan(projectId, year);
  }

  @FieldResolver(() => Tenant, { description: 'The tenant that owns the project and answers for it.' })
  owner(@Root() project: Project, @Ctx() ctx: Context) {
    return ctx.loaders.tenant.show(project.owner.code);
  }

  @FieldResolver(() => Tenant, { nullable: true, description: 'Where it is built, when below the owner.' })
  location(@Root() project: Project, @Ctx() ctx: Context) {
    return project.location ? ctx.loaders.tenant.show(project.location.code) : null;
  }

  @FieldResolver(() => [AnnualPlan], { description: 'Planned investment per year, oldest first.' })
  annualPlans(@Root() project: Project, @Ctx() ctx: Context) {
    return ctx.loaders.project.annualPlans.load(project.id);
  }

  @FieldResolver(() => WanScalar, {
    nullable: true,
    description: "Planned investment for the year (年度计划投资), 万元; null when the project is not on that year's list.",
  })
  async plannedInvestmentWan(@Root() project: Project, @Arg('year', () => Int, planYearArg) year: number | undefined, @Ctx() ctx: Context) {
    const target = year === undefined ? Period.current().year : checkedYear(year, 'year', 'planning');
    const plans = await ctx.loaders.project.annualPlans.load(project.id);
    return plans.find((p) => p.year === target)?.plannedInvestmentWan ?? null;
  }

  @FieldResolver(() => LocalDateScalar, {
    nullable: true,
    description:
      'Actual start date (实际开工时间): when the project last moved from before STARTED to STARTED or later; ' +
      'null while it stands before STARTED (a start corrected back does not count).',
  })
  async startedOn(@Root() project: Project, @Ctx() ctx: Context) {
    return startedOnFrom(await ctx.loaders.project.stageHistory.load(project.id)) ?? null;
  }

  @FieldResolver(() => LocalDateScalar, {
    nullable: true,
    description:
      'Actual completion date (实际竣工时间): when the project last moved from before COMPLETED to COMPLETED or a later stage ' +
      '(in operation, 投产); null while it stands before COMPLETED. Monthly reports are owed through its month, none after.',
  })
  async completedOn(@Root() project: Project, @Ctx() ctx: Context) {
    return completedOnFrom(await ctx.loaders.project.stageHistory.load(project.id)) ?? null;
  }

  @FieldResolver(() => [StageChange], { description: 'Every stage change, oldest first (梯次推进).' })
  stageHistory(@Root() project: Project, @Ctx() ctx: Context) {
    return ctx.loaders.project.stageHistory.load(project.id);
  }
}
