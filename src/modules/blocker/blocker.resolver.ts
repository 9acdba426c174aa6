import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { connectionType } from '../../pagination/connection';
import { selectsPage } from '../../pagination/keyset';
import { Project } from '../project/project.entity';
import { ProjectService } from '../project/project.service';
import { Rollup } from '../rollup/rollup.types';
import { Tenant } from '../tenant/tenant.entity';
import { listBlockers } from './blocker-list';
import { Blocker, BlockerEvent } from './blocker.entity';
import { OPEN_STATUSES } from './blocker.enums';
import {
  BlockerFilter,
  BlockerOrder,
  BlockerStepInput,
  EscalateBlockerInput,
  RaiseBlockerInput,
  ReopenBlockerInput,
  ResolveBlockerInput,
} from './blocker.inputs';
import { BlockerService } from './blocker.service';
import { BlockerFigures } from './blocker.types';

export const BlockerConnection = connectionType(Blocker, 'BlockerConnection', 'A page of the blocker ledger (问题台账).');

@ArgsType()
class BlockersArgs {
  @Field(() => BlockerFilter, { nullable: true, description: 'Which blockers; all the viewer reads when omitted.' })
  filter?: BlockerFilter;

  @Field(() => Int, { nullable: true, description: 'Page size, from 1 to the configured maximum (200 by default); 20 when omitted.' })
  first?: number;

  @Field(() => String, { nullable: true, description: '`endCursor` of the previous page.' })
  after?: string;

  @Field(() => BlockerOrder, { defaultValue: BlockerOrder.DEADLINE_ASC, description: 'Order; most urgent first by default.' })
  orderBy!: BlockerOrder;
}

const WHO_WORKS =
  "Allowed to whoever may act on the project (its owner's officers, its assigned leaders and units) and to the leaders " +
  'of the level the blocker was escalated to.';
const WHO_CONFIRMS = 'Allowed to who raised the blocker, or a manager of their tenant.';

@Resolver(() => Blocker)
export class BlockerResolver {
  @Query(() => Blocker, { description: 'A blocker by id. NOT_FOUND when there is none or its project is out of reach.' })
  blocker(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return new BlockerService(ctx).get(id);
  }

  @Query(() => BlockerConnection, {
    description:
      "The blocker ledger (问题台账) the viewer reads, filtered, a page at a time. A leader's to-do list (待协调) is " +
      '`filter: { escalatedToMe: true, isOpen: true }`: the open blockers escalated to their own tenant.',
  })
  blockers(@Args() args: BlockersArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const { filter, first, after, orderBy } = args;
    return listBlockers(ctx, { filter, first, after, orderBy, needsRows: selectsPage(info) });
  }

  @Mutation(() => Blocker, {
    description: `Raises a blocker of a project (提出问题), OPEN at the project's own level. Allowed to whoever may act on the project.`,
  })
  raiseBlocker(@Arg('input') input: RaiseBlockerInput, @Ctx() ctx: Context) {
    return new BlockerService(ctx).raise(input);
  }

  @Mutation(() => Blocker, { description: `Starts work on an OPEN blocker (办理中); otherwise CONFLICT. ${WHO_WORKS}` })
  startBlocker(@Arg('input') input: BlockerStepInput, @Ctx() ctx: Context) {
    return new BlockerService(ctx).start(input);
  }

  @Mutation(() => Blocker, {
    description:
      'Escalates an open blocker exactly one level up from where it is handled now, with a reason (提请上级协调): ' +
      'town → county → city (市重点项目推进委员会). CONFLICT when it is already with the city or no longer open. ' +
      `It then appears in the to-do list of the leaders of that level. ${WHO_WORKS}`,
  })
  escalateBlocker(@Arg('input') input: EscalateBlockerInput, @Ctx() ctx: Context) {
    return new BlockerService(ctx).escalate(input);
  }

  @Mutation(() => Blocker, {
    description: `Resolves an open blocker with feedback (办结反馈); it waits for the raiser to confirm. CONFLICT unless open. ${WHO_WORKS}`,
  })
  resolveBlocker(@Arg('input') input: ResolveBlockerInput, @Ctx() ctx: Context) {
    return new BlockerService(ctx).resolve(input);
  }

  @Mutation(() => Blocker, {
    description: `Confirms the resolution of a RESOLVED blocker and closes it (销号, 闭环); CONFLICT otherwise. ${WHO_CONFIRMS}`,
  })
  closeBlocker(@Arg('input') input: BlockerStepInput, @Ctx() ctx: Context) {
    return new BlockerService(ctx).close(input);
  }

  @Mutation(() => Blocker, {
    description:
      'Rejects the resolution of a RESOLVED blocker with a reason (退回重办): it is OPEN again at the level it had ' +
      `reached; CONFLICT unless RESOLVED. ${WHO_CONFIRMS}`,
  })
  reopenBlocker(@Arg('input') input: ReopenBlockerInput, @Ctx() ctx: Context) {
    return new BlockerService(ctx).reopen(input);
  }

  @FieldResolver(() => Project, { description: 'The project held up.' })
  project(@Root() blocker: Blocker, @Ctx() ctx: Context) {
    return new ProjectService(ctx).get(blocker.project.id);
  }

  @FieldResolver(() => Tenant, {
    nullable: true,
    description: "The level it has been escalated to (提请协调至); null while handled at the project's own level.",
  })
  escalatedTo(@Root() blocker: Blocker, @Ctx() ctx: Context) {
    return blocker.escalatedTo ? ctx.loaders.tenant.byCode.load(blocker.escalatedTo.code) : null;
  }

  @FieldResolver(() => Tenant, { description: "The level handling it now: the one it was escalated to, or the project's owner." })
  async handledBy(@Root() blocker: Blocker, @Ctx() ctx: Context) {
    if (blocker.escalatedTo) return ctx.loaders.tenant.byCode.load(blocker.escalatedTo.code);
    const project = await ctx.loaders.project.byId.load(blocker.project.id);
    return project ? ctx.loaders.tenant.byCode.load(project.owner.code) : null;
  }

  @FieldResolver(() => [BlockerEvent], { description: 'Every step, oldest first (办理记录).' })
  history(@Root() blocker: Blocker, @Ctx() ctx: Context) {
    return ctx.loaders.blocker.history.load(blocker.id);
  }
}

@Resolver(() => Project)
export class ProjectBlockerResolver {
  @FieldResolver(() => [Blocker], { description: 'Its blockers (要素制约), oldest first; open ones only when `isOpen` is true.' })
  async blockers(
    @Root() project: Project,
    @Arg('isOpen', () => Boolean, { nullable: true, description: 'True: only open ones; false: only resolved or closed.' })
    isOpen: boolean | undefined,
    @Ctx() ctx: Context,
  ) {
    const all = await ctx.loaders.blocker.byProject.load(project.id);
    return isOpen === undefined || isOpen === null ? all : all.filter((b) => OPEN_STATUSES.includes(b.status) === isOpen);
  }
}

/** The blocker figures of a rollup, added to `Rollup` by the module that keeps the blockers. */
@Resolver(() => Rollup)
export class RollupBlockerResolver {
  @FieldResolver(() => BlockerFigures, {
    description:
      'Blocker figures (要素制约) of the subtree at the end of the period (today for the current month): open, overdue ' +
      'and escalated by type, and the resolution rate (办结率); of the projects the rollup counts, by its basis.',
  })
  async blockers(@Root() rollup: Rollup, @Ctx() ctx: Context): Promise<BlockerFigures> {
    const loader = ctx.loaders.blocker.figures(rollup.asOf, rollup.basisValue);
    // Children read with this rollup are usually drilled into next: count them in the same statement.
    if (rollup.childRollups?.length) void loader.loadMany(rollup.childRollups.map((c) => c.tenantEntity.code));
    const types = await loader.load(rollup.tenantEntity.code);
    return Object.assign(new BlockerFigures(), { types, basis: rollup.basisValue });
  }

  @FieldResolver(() => Int, {
    description:
      'Open blockers (未解决要素制约) in the subtree at the end of the period (today for the current month), of the projects the ' +
      'rollup counts (by its basis).',
  })
  async openBlockerCount(@Root() rollup: Rollup, @Ctx() ctx: Context): Promise<number> {
    return (await this.blockers(rollup, ctx)).openCount;
  }
}
