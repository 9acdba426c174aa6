import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { connectionType } from '../../pagination/connection';
import { selectsPage } from '../../pagination/keyset';
import { Blocker } from '../blocker/blocker.entity';
import { BlockerService } from '../blocker/blocker.service';
import { Project } from '../project/project.entity';
import { ProjectService } from '../project/project.service';
import { Rollup } from '../rollup/rollup.types';
import { Tenant } from '../tenant/tenant.entity';
import { AccountabilityOutcome } from './accountability.entity';
import { AccountabilityService } from './accountability.service';
import { listSupervisionOrders } from './supervision-order-list';
import { SupervisionOrder, SupervisionOrderEvent } from './supervision-order.entity';
import { OrderEventKind } from './supervision-order.enums';
import {
  IssueSupervisionOrderInput,
  RecordAccountabilityInput,
  SupervisionOrderFilter,
  SupervisionOrderNoteInput,
  SupervisionOrderStepInput,
} from './supervision-order.inputs';
import { SupervisionOrderService } from './supervision-order.service';
import { OrderFigures } from './supervision-order.types';

export const SupervisionOrderConnection = connectionType(
  SupervisionOrder,
  'SupervisionOrderConnection',
  'A page of the supervision orders (督办台账).',
);

@ArgsType()
class SupervisionOrdersArgs {
  @Field(() => SupervisionOrderFilter, { nullable: true, description: 'Which orders; all the viewer reads when omitted.' })
  filter?: SupervisionOrderFilter;

  @Field(() => Int, { nullable: true, description: 'Page size, from 1 to the configured maximum (200 by default); 20 when omitted.' })
  first?: number;

  @Field(() => String, { nullable: true, description: '`endCursor` of the previous page.' })
  after?: string;
}

const WHO_ANSWERS = "Allowed to the addressee tenant's officers and, for an order about a project, those assigned to it.";
const WHO_DECIDES = 'Allowed to who issued the order, or whoever issues orders at their tenant.';

@Resolver(() => SupervisionOrder)
export class SupervisionOrderResolver {
  @Query(() => SupervisionOrder, {
    description: 'A supervision order by id. NOT_FOUND when there is none or what it concerns is out of reach.',
  })
  supervisionOrder(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return new SupervisionOrderService(ctx).get(id);
  }

  @Query(() => SupervisionOrderConnection, {
    description:
      'The supervision orders (督办台账) the viewer reads, most urgent first, filtered, a page at a time. An addressee’s ' +
      'to-do list (待办督办) is `filter: { addressedToMe: true, statuses: [ISSUED, ACKNOWLEDGED, SENT_BACK] }`.',
  })
  supervisionOrders(@Args() args: SupervisionOrdersArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const { filter, first, after } = args;
    return listSupervisionOrders(ctx, { filter, first, after, needsRows: selectsPage(info) });
  }

  @Mutation(() => SupervisionOrder, {
    description:
      'Issues a supervision order (下发督办) about a project, a blocker or a tenant, addressed to a tenant and/or a ' +
      "responsible unit, ISSUED. Allowed to the supervision office (督查) and the city's and counties' leaders, about " +
      'what is in their subtree.',
  })
  issueSupervisionOrder(@Arg('input') input: IssueSupervisionOrderInput, @Ctx() ctx: Context) {
    return new SupervisionOrderService(ctx).issue(input);
  }

  @Mutation(() => SupervisionOrder, { description: `Acknowledges an ISSUED order (签收); CONFLICT otherwise. ${WHO_ANSWERS}` })
  acknowledgeSupervisionOrder(@Arg('input') input: SupervisionOrderStepInput, @Ctx() ctx: Context) {
    return new SupervisionOrderService(ctx).acknowledge(input);
  }

  @Mutation(() => SupervisionOrder, {
    description:
      'Reports back on an order (反馈), once or more: ACKNOWLEDGED, FEEDBACK_GIVEN or SENT_BACK becomes FEEDBACK_GIVEN, the ' +
      `text kept in the history; CONFLICT otherwise. ${WHO_ANSWERS}`,
  })
  giveSupervisionOrderFeedback(@Arg('input') input: SupervisionOrderNoteInput, @Ctx() ctx: Context) {
    return new SupervisionOrderService(ctx).giveFeedback(input);
  }

  @Mutation(() => SupervisionOrder, { description: `Closes an order with feedback (办结); CONFLICT unless FEEDBACK_GIVEN. ${WHO_DECIDES}` })
  closeSupervisionOrder(@Arg('input') input: SupervisionOrderStepInput, @Ctx() ctx: Context) {
    return new SupervisionOrderService(ctx).close(input);
  }

  @Mutation(() => SupervisionOrder, {
    description: `Sends an order back to its addressee with a reason (退回); CONFLICT unless FEEDBACK_GIVEN. ${WHO_DECIDES}`,
  })
  sendBackSupervisionOrder(@Arg('input') input: SupervisionOrderNoteInput, @Ctx() ctx: Context) {
    return new SupervisionOrderService(ctx).sendBack(input);
  }

  @Mutation(() => AccountabilityOutcome, {
    description:
      'Records an accountability outcome (问责) on a CLOSED order (CONFLICT otherwise) or on a blocker. Allowed to the ' +
      "supervision office and the city's and counties' leaders, for what is in their subtree.",
  })
  recordAccountability(@Arg('input') input: RecordAccountabilityInput, @Ctx() ctx: Context) {
    return new AccountabilityService(ctx).record(input);
  }

  @FieldResolver(() => Project, { nullable: true, description: 'The project it is about (also for a blocker’s order).' })
  project(@Root() order: SupervisionOrder, @Ctx() ctx: Context) {
    return order.project ? new ProjectService(ctx).get(order.project.id) : null;
  }

  @FieldResolver(() => Blocker, { nullable: true, description: 'The blocker it is about, when `subject` is BLOCKER.' })
  blocker(@Root() order: SupervisionOrder, @Ctx() ctx: Context) {
    return order.blocker ? new BlockerService(ctx).get(order.blocker.id) : null;
  }

  @FieldResolver(() => Tenant, { description: "The tenant it concerns: the project's owner, or the tenant it is about." })
  tenant(@Root() order: SupervisionOrder, @Ctx() ctx: Context) {
    return ctx.loaders.tenant.byCode.load(order.tenant.code);
  }

  @FieldResolver(() => Tenant, { nullable: true, description: 'The tenant addressed (承办区划), when one is.' })
  addressee(@Root() order: SupervisionOrder, @Ctx() ctx: Context) {
    return order.addressee ? ctx.loaders.tenant.byCode.load(order.addressee.code) : null;
  }

  @FieldResolver(() => Tenant, {
    nullable: true,
    description: 'The level it was escalated to for being overdue (提级督办至): the one above the addressee; null before.',
  })
  escalatedTo(@Root() order: SupervisionOrder, @Ctx() ctx: Context) {
    return order.escalatedTo ? ctx.loaders.tenant.byCode.load(order.escalatedTo.code) : null;
  }

  @FieldResolver(() => [SupervisionOrderEvent], {
    description: 'Every step, oldest first (督办记录), each feedback with its text and time.',
  })
  history(@Root() order: SupervisionOrder, @Ctx() ctx: Context) {
    return ctx.loaders.supervisionOrder.history.load(order.id);
  }

  @FieldResolver(() => [AccountabilityOutcome], { description: 'Accountability outcomes recorded on it (问责), oldest first.' })
  accountability(@Root() order: SupervisionOrder, @Ctx() ctx: Context) {
    return ctx.loaders.supervisionOrder.accountabilityOfOrder.load(order.id);
  }

  @FieldResolver(() => [OrderEventKind], {
    description:
      'The steps the viewer may take on it now (可办理操作), by its status and the viewer’s side: ACKNOWLEDGED and ' +
      'FEEDBACK_GIVEN for the addressee (签收, 反馈), CLOSED and SENT_BACK for the issuer (办结, 退回); empty when none. ' +
      'The mutation of a step listed here is not refused for want of right or status.',
  })
  viewerSteps(@Root() order: SupervisionOrder, @Ctx() ctx: Context) {
    return new SupervisionOrderService(ctx).stepsOfViewer(order);
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether the viewer may record an accountability outcome (记录问责) on it now (`recordAccountability`): a CLOSED order, ' +
      "for the supervision office and the city's and counties' leaders of where it sits.",
  })
  viewerRecordsAccountability(@Root() order: SupervisionOrder, @Ctx() ctx: Context): Promise<boolean> {
    return new AccountabilityService(ctx).recordsOnOrder(order);
  }
}

/** Whether the viewer may issue orders about a tenant (督办区划), added to `Tenant` by the module that keeps the orders. */
@Resolver(() => Tenant)
export class TenantOrderResolver {
  @FieldResolver(() => Boolean, {
    description:
      'Whether the viewer may issue supervision orders about this tenant (`subject` TENANT): the supervision office and the ' +
      "city's and counties' leaders, for their own tenant and those beneath it.",
  })
  viewerIssuesOrders(@Root() tenant: Tenant, @Ctx() ctx: Context): boolean {
    return ctx.access.issuesOrdersAt(tenant.path);
  }
}

/** Whether the viewer may issue orders about a project, added to `Project` by the module that keeps the orders. */
@Resolver(() => Project)
export class ProjectOrderResolver {
  @FieldResolver(() => Boolean, {
    description:
      'Whether the viewer may issue supervision orders (下发督办) about this project and its blockers: the supervision ' +
      "office and the city's and counties' leaders, for projects of their subtree.",
  })
  async viewerIssuesOrders(@Root() project: Project, @Ctx() ctx: Context): Promise<boolean> {
    const owner = await ctx.loaders.tenant.byCode.load(project.owner.code);
    return owner !== undefined && ctx.access.issuesOrdersAt(owner.path);
  }
}

@Resolver(() => AccountabilityOutcome)
export class AccountabilityOutcomeResolver {
  @FieldResolver(() => SupervisionOrder, { nullable: true, description: 'The closed order it is recorded on, if on an order.' })
  order(@Root() outcome: AccountabilityOutcome, @Ctx() ctx: Context) {
    return outcome.order ? new SupervisionOrderService(ctx).get(outcome.order.id) : null;
  }

  @FieldResolver(() => Blocker, { nullable: true, description: 'The blocker it is recorded on, if on a blocker.' })
  blocker(@Root() outcome: AccountabilityOutcome, @Ctx() ctx: Context) {
    return outcome.blocker ? new BlockerService(ctx).get(outcome.blocker.id) : null;
  }

  @FieldResolver(() => Project, { nullable: true, description: 'The project of the order or blocker, when it has one.' })
  project(@Root() outcome: AccountabilityOutcome, @Ctx() ctx: Context) {
    return outcome.project ? new ProjectService(ctx).get(outcome.project.id) : null;
  }

  @FieldResolver(() => Tenant, { description: 'The tenant the order or blocker concerns.' })
  tenant(@Root() outcome: AccountabilityOutcome, @Ctx() ctx: Context) {
    return ctx.loaders.tenant.byCode.load(outcome.tenant.code);
  }
}

@Resolver(() => Blocker)
export class BlockerAccountabilityResolver {
  @FieldResolver(() => [AccountabilityOutcome], { description: 'Accountability outcomes recorded on it (问责), oldest first.' })
  accountability(@Root() blocker: Blocker, @Ctx() ctx: Context) {
    return ctx.loaders.supervisionOrder.accountabilityOfBlocker.load(blocker.id);
  }

  @FieldResolver(() => Boolean, {
    description:
      "Whether the viewer may record an accountability outcome (记录问责) on it (`recordAccountability`): the supervision office and the city's " +
      "and counties' leaders of where its project sits.",
  })
  viewerRecordsAccountability(@Root() blocker: Blocker, @Ctx() ctx: Context): Promise<boolean> {
    return new AccountabilityService(ctx).recordsOnBlocker(blocker);
  }
}

/** The supervision order figures of a rollup, added to `Rollup` by the module that keeps the orders. */
@Resolver(() => Rollup)
export class RollupOrderResolver {
  @FieldResolver(() => OrderFigures, {
    description:
      'Supervision order figures (督办) of the subtree at the end of the period (today for the current month): issued, ' +
      'open, overdue, closed and the closure rate (办结率).',
  })
  async supervisionOrders(@Root() rollup: Rollup, @Ctx() ctx: Context): Promise<OrderFigures> {
    const loader = ctx.loaders.supervisionOrder.figures(rollup.asOf, rollup.basisValue);
    // Children read with this rollup are usually drilled into next: count them in the same statement.
    if (rollup.childRollups?.length) void loader.loadMany(rollup.childRollups.map((c) => c.tenantEntity.code));
    const counts = await loader.load(rollup.tenantEntity.code);
    return Object.assign(new OrderFigures(), counts, { basis: rollup.basisValue });
  }
}
