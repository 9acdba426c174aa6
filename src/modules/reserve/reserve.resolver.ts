import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { connectionType } from '../../pagination/connection';
import { selectsPage } from '../../pagination/keyset';
import { Project } from '../project/project.entity';
import { ProjectCategory } from '../project/project.enums';
import { ProjectService } from '../project/project.service';
import { Rollup } from '../rollup/rollup.types';
import { Tenant } from '../tenant/tenant.entity';
import { ReserveMaturity, ReserveStatus } from './reserve.enums';
import { ReservePoolFigures } from './reserve-figures';
import { DropReserveProjectInput, PoolReserveProjectInput, PromoteReserveProjectInput, UpdateReserveProjectInput } from './reserve.inputs';
import { listReserve } from './reserve-list';
import { ReserveProject } from './reserve-project.entity';
import { ReserveService } from './reserve.service';

export const ReserveProjectConnection = connectionType(
  ReserveProject,
  'ReserveProjectConnection',
  'A page of reserve projects (储备项目).',
);

@ArgsType()
class ReserveProjectsArgs {
  @Field({ description: 'Division code of a tenant: its pool and the pools of every tenant beneath it.' })
  tenantCode!: string;

  @Field(() => [ReserveStatus], { nullable: true, description: 'Only these statuses (e.g. [POOLED] for what is in the pool now).' })
  statuses?: ReserveStatus[];

  @Field(() => [ReserveMaturity], { nullable: true, description: 'Only these grades (成熟度).' })
  maturities?: ReserveMaturity[];

  @Field(() => [ProjectCategory], { nullable: true, description: 'Only these categories (项目类别).' })
  categories?: ProjectCategory[];

  @Field(() => Int, { nullable: true, description: 'Only those meant for this year (拟实施年度).' })
  intendedYear?: number;

  @Field(() => String, { nullable: true, description: 'Name or promoting unit containing this text.' })
  search?: string;

  @Field(() => Int, { nullable: true, description: 'Page size, from 1 to the configured maximum (200 by default); 20 when omitted.' })
  first?: number;

  @Field(() => String, { nullable: true, description: '`endCursor` of the previous page.' })
  after?: string;
}

@Resolver(() => ReserveProject)
export class ReserveProjectResolver {
  @Query(() => ReserveProject, { description: 'A reserve project (储备项目) by id. NOT_FOUND when there is none in reach.' })
  reserveProject(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return new ReserveService(ctx).get(id);
  }

  @Query(() => ReserveProjectConnection, { description: "A tenant subtree's reserve pool (储备库), newest first." })
  reserveProjects(@Args() args: ReserveProjectsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listReserve(ctx, { ...args, needsRows: selectsPage(info) });
  }

  @Mutation(() => ReserveProject, {
    description: "Enters a project into a tenant's reserve pool (入库). The tenant's project managers only.",
  })
  poolReserveProject(@Arg('input') input: PoolReserveProjectInput, @Ctx() ctx: Context) {
    return new ReserveService(ctx).pool(input);
  }

  @Mutation(() => ReserveProject, {
    description: "Changes a pooled project's fields, its grade (成熟度) among them. CONFLICT once it left the pool.",
  })
  updateReserveProject(@Arg('input') input: UpdateReserveProjectInput, @Ctx() ctx: Context) {
    return new ReserveService(ctx).update(input);
  }

  @Mutation(() => ReserveProject, {
    description:
      "Promotes a pooled project into a year's key-project list (转入年度计划): registers the key project with the year's plan " +
      'in one step (its problems name this input’s fields); CONFLICT once it left the pool.',
  })
  promoteReserveProject(@Arg('input') input: PromoteReserveProjectInput, @Ctx() ctx: Context) {
    return new ReserveService(ctx).promote(input);
  }

  @Mutation(() => ReserveProject, {
    description: 'Takes a pooled project out of the pool with the reason (出库); CONFLICT once it left the pool.',
  })
  dropReserveProject(@Arg('input') input: DropReserveProjectInput, @Ctx() ctx: Context) {
    return new ReserveService(ctx).drop(input);
  }

  @FieldResolver(() => Tenant, { description: 'The tenant whose pool holds it.' })
  owner(@Root() entry: ReserveProject, @Ctx() ctx: Context) {
    return ctx.loaders.tenant.byCode.load(entry.owner.code);
  }

  @FieldResolver(() => Project, {
    nullable: true,
    description: 'The key project it was promoted into; null before (or when out of reach).',
  })
  async project(@Root() entry: ReserveProject, @Ctx() ctx: Context) {
    if (!entry.project) return null;
    const project = await ctx.loaders.project.byId.load(entry.project.id);
    return project && (await new ProjectService(ctx).access.canRead(project)) ? project : null;
  }
}

@Resolver(() => Project)
export class ProjectReserveResolver {
  @FieldResolver(() => ReserveProject, {
    nullable: true,
    description: 'The reserve project (储备项目) it was promoted from, with its history in the pool; null if it was registered directly.',
  })
  reserveProject(@Root() project: Project, @Ctx() ctx: Context) {
    return new ReserveService(ctx).ofProject(project.id);
  }
}

/** Whether the viewer may work a tenant's pool, added to `Tenant` by the module that keeps the pool: a client offers the forms only then. */
@Resolver(() => Tenant)
export class TenantReserveResolver {
  @FieldResolver(() => Boolean, {
    description:
      "Whether the viewer may pool, regrade, promote and drop this tenant's reserve projects (储备库管理): the tenant's own project managers.",
  })
  viewerManagesReserve(@Root() tenant: Tenant, @Ctx() ctx: Context): boolean {
    return ctx.access.managesProjectsAt(tenant.path);
  }
}

@Resolver(() => Rollup)
export class RollupReserveResolver {
  @FieldResolver(() => ReservePoolFigures, {
    description: "The subtree's reserve pool (储备库) at the end of the period: by grade and category, and the year's conversion (转化率).",
  })
  reservePool(@Root() rollup: Rollup, @Ctx() ctx: Context) {
    return ctx.loaders.reserve.pools(rollup.periodValue).load(rollup.tenantEntity.code);
  }
}
