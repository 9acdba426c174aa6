import type { GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, Ctx, Extensions, Field, FieldResolver, ID, Info, Resolver, Root, Subscription } from 'type-graphql';
import { PeriodScalar } from '../../calendar/calendar.scalars';
import type { Period } from '../../calendar/period';
import type { Context } from '../../context';
import { AppError, ErrorCode } from '../../errors/app-error';
import { READS_DATABASE, RESOLVED_FROM_EVENT } from '../../realtime/event-only';
import { Project } from '../project/project.entity';
import { ProjectService } from '../project/project.service';
import { TenantBasis } from '../project/tenant-basis';
import { selectsBreakdown } from '../rollup/rollup-breakdown';
import { Rollup } from '../rollup/rollup.types';
import { RollupService } from '../rollup/rollup.service';
import { trendAhead } from '../rollup/trend-range';
import { Tenant } from '../tenant/tenant.entity';
import { projectChanges, rollupChanges } from './live.service';
import { ProjectChange, type RollupTick } from './live.types';

@ArgsType()
class ProjectChangedArgs {
  @Field({ description: 'Division code of the tenant whose subtree is watched.' })
  tenantCode!: string;

  @Field(() => ID, { nullable: true, description: 'Only this project (within the tenant).' })
  projectId?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Resume: the `cursor` of the last event received; what came after it is sent first, in order. CURSOR_EXPIRED when it is older than the events kept.',
  })
  after?: string;
}

@ArgsType()
class RollupChangedArgs {
  @Field({ description: 'Division code of the tenant.' })
  tenantCode!: string;

  @Field(() => PeriodScalar, { description: 'The month of the figures, e.g. 2026-10.' })
  period!: Period;

  @Field(() => TenantBasis, {
    defaultValue: TenantBasis.OWNER,
    description:
      'Whose projects the figures count: owned in the subtree (OWNER, the default) or built there (LOCATION, 属地), as in `rollup`.',
  })
  basis!: TenantBasis;
}

@Resolver(() => ProjectChange)
export class LiveResolver {
  @Subscription(() => ProjectChange, {
    description:
      'Changes to projects in a tenant subtree as they commit, on every replica (实时动态): reports, stage changes, milestones done or overdue, ' +
      'assignments. Each event is checked against what the viewer may read when it passes. A burst beyond the queue is caught up from the outbox at the ' +
      "subscriber's pace; a subscriber that stops reading (LIVE_QUEUE_LIMIT_BYTES held) gets SLOW_CONSUMER and resumes with `after`.",
    subscribe: ({ args, context }) => projectChanges(context as Context, args as ProjectChangedArgs),
  })
  @Extensions(RESOLVED_FROM_EVENT)
  projectChanged(@Root() change: ProjectChange, @Args() _args: ProjectChangedArgs): ProjectChange {
    return change;
  }

  @Subscription(() => Rollup, {
    description:
      "A tenant's rollup now and again whenever anything in its subtree changes; bursts coalesce to a few updates per second, always ending on the latest figures.",
    subscribe: ({ args, context }) =>
      rollupChanges(context as Context, (args as RollupChangedArgs).tenantCode, (args as RollupChangedArgs).period),
  })
  rollupChanged(
    @Root() tick: RollupTick,
    @Args() args: RollupChangedArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Rollup> {
    return new RollupService(ctx).rollupOf(tick.tenantCode, tick.period, {
      withChildren: true,
      // A dashboard's update carries its trend (总览, 大屏): in the same statement, not a second read per event.
      trend: trendAhead(info),
      basis: args.basis,
      breakdown: selectsBreakdown(info),
    });
  }

  @FieldResolver(() => Project, { nullable: true, description: 'The project as it is now; null once the viewer may no longer read it.' })
  @Extensions(READS_DATABASE)
  async project(@Root() change: ProjectChange, @Ctx() ctx: Context): Promise<Project | null> {
    if (!change.event.projectId) return null;
    try {
      return await new ProjectService(ctx).get(change.event.projectId);
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    }
  }

  @FieldResolver(() => Tenant, {
    nullable: true,
    description:
      'The tenant the event is filed under (`tenantCode`): the owner of the project, or the tenant that published a bulletin or ' +
      'a ranking (a feed names it: 德州市 发布了 2026年10月 月通报).',
  })
  @Extensions(READS_DATABASE)
  async tenant(@Root() change: ProjectChange, @Ctx() ctx: Context): Promise<Tenant | null> {
    return (await ctx.loaders.tenant.byCode.load(change.event.tenantCode)) ?? null;
  }
}
