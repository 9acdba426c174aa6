import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { SeenMark } from './seen-mark.entity';
import { SeenMarkService } from './seen-mark.service';
import { FIRST_LOOK_DAYS, unseenChanges } from './unseen-changes';
import { UnseenChange, UnseenChangeConnection } from './unseen-change.types';

@Resolver(() => UnseenChange)
export class AssignedLeaderResolver {
  @Query(() => SeenMark, {
    nullable: true,
    description: "The viewer's own mark (上次查看): what they have caught up with; null before they first set it.",
  })
  seenMark(@Ctx() ctx: Context) {
    return new SeenMarkService(ctx).mine();
  }

  @Query(() => UnseenChangeConnection, {
    description:
      "What changed on the viewer's assigned projects (`myProjects`, 包抓项目) since their mark (自上次查看以来), newest first; " +
      `without a mark, in the last ${FIRST_LOOK_DAYS} days. The viewer's own actions are left out. Read from the reports, ` +
      "stage history, blocker histories and milestones themselves, so nothing is lost to the live stream's retention.",
  })
  unseenChanges(
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to GRAPHQL_MAX_PAGE_SIZE; 20 when omitted.' })
    first: number | undefined,
    @Arg('after', () => String, { nullable: true, description: '`endCursor` of the previous page.' }) after: string | undefined,
    @Arg('projectId', () => ID, { nullable: true, description: 'Only this assigned project.' }) projectId: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return unseenChanges(ctx, { first: first ?? undefined, after: after ?? undefined, projectId: projectId ?? undefined });
  }

  @Mutation(() => SeenMark, {
    description:
      'Marks the changes up to `through` as seen (标记为已读), or up to now. Idempotent; the mark never moves back, so an older ' +
      "page on another desk cannot bring seen changes back. Each viewer's mark is their own.",
  })
  markSeen(
    @Arg('through', () => Date, {
      nullable: true,
      description: 'The newest change the viewer was shown (`actedAt`); now when omitted. Not in the future.',
    })
    through: Date | undefined,
    @Ctx() ctx: Context,
  ) {
    return new SeenMarkService(ctx).mark(through ?? undefined);
  }

  @FieldResolver(() => String, {
    description: "What happened, in the reader's language, e.g. 王磊 报送了2026年11月进度（当月完成投资 1200 万元）.",
  })
  description(@Root() change: UnseenChange, @Ctx() ctx: Context): string {
    return change.message[ctx.language];
  }
}
