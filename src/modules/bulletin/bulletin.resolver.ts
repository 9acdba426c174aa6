import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PeriodScalar } from '../../calendar/calendar.scalars';
import type { Period } from '../../calendar/period';
import type { Context } from '../../context';
import { pageSizeOf } from '../../pagination/keyset';
import { BulletinPublication } from './bulletin-publication.entity';
import { BulletinRules } from './bulletin-rules.entity';
import { SetBulletinRulesInput } from './bulletin-rules.inputs';
import { BulletinRulesService } from './bulletin-rules.service';
import { BulletinService } from './bulletin.service';
import { BulletinListReason, BulletinSectionTitle, LaggingProjectConnection, MonthlyBulletin } from './bulletin.types';

@ArgsType()
class LaggingPageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size; 20 when omitted.' })
  first?: number;

  @Field(() => String, { nullable: true, description: '`endCursor` of the previous page.' })
  after?: string;
}

const TENANT_ARG = { description: 'Division code of the tenant (a city, county or town).' };
const PERIOD_ARG = { description: 'The month, e.g. 2026-11; this month or an earlier one.' };

@Resolver(() => MonthlyBulletin)
export class BulletinResolver {
  @Query(() => MonthlyBulletin, {
    description:
      "The monthly bulletin (月通报) of a tenant for a month, section by section, read live from the figures: every figure is the rollup's " +
      'for the same tenant and month. NOT_FOUND for a tenant whose subtree the viewer does not read (as `rollup`); BAD_USER_INPUT on ' +
      '`period` for a month that has not begun.',
  })
  monthlyBulletin(
    @Arg('tenantCode', TENANT_ARG) tenantCode: string,
    @Arg('period', () => PeriodScalar, PERIOD_ARG) period: Period,
    @Ctx() ctx: Context,
  ) {
    return new BulletinService(ctx).read(tenantCode, period);
  }

  @Query(() => [BulletinPublication], {
    description: "The published versions of a tenant's bulletin for a month (已印发版本), oldest first. NOT_FOUND as `monthlyBulletin`.",
  })
  bulletinPublications(
    @Arg('tenantCode', TENANT_ARG) tenantCode: string,
    @Arg('period', () => PeriodScalar, PERIOD_ARG) period: Period,
    @Ctx() ctx: Context,
  ) {
    return new BulletinService(ctx).publications(tenantCode, period);
  }

  @Query(() => MonthlyBulletin, {
    description:
      'A published bulletin as it was frozen (`publication` set: version, hash, who, when); later corrections of the figures do ' +
      'not change it. NOT_FOUND for an id that is none, or a bulletin of a tenant out of reach.',
  })
  publishedBulletin(@Arg('id', () => ID, { description: 'Id of the publication.' }) id: string, @Ctx() ctx: Context) {
    return new BulletinService(ctx).published(id);
  }

  @Mutation(() => BulletinPublication, {
    description:
      "Publishes (印发) a tenant's bulletin for a month as it reads now: a new version (1, 2, …), frozen with its lagging projects " +
      "and a SHA-256 hash. The tenant's own leaders only (FORBIDDEN otherwise; NOT_FOUND for a tenant out of reach). Send an " +
      '`Idempotency-Key` to retry safely: a retry answers the first publication instead of a second version.',
  })
  publishBulletin(
    @Arg('tenantCode', TENANT_ARG) tenantCode: string,
    @Arg('period', () => PeriodScalar, PERIOD_ARG) period: Period,
    @Ctx() ctx: Context,
  ) {
    return new BulletinService(ctx).publish(tenantCode, period);
  }

  @Query(() => BulletinRules, { description: "A city's bulletin rules (月通报规则: ranking, 红榜, 黑榜), its own or the defaults." })
  bulletinRules(@Arg('cityCode', { description: 'Division code of the city.' }) cityCode: string, @Ctx() ctx: Context) {
    return new BulletinRulesService(ctx).get(cityCode);
  }

  @Mutation(() => BulletinRules, {
    description:
      "Changes a city's bulletin rules; the city's leaders only. Versioned (send the `version` read, CONFLICT when they changed since) " +
      'and audited (`auditTrail(entity: BULLETIN_RULES, id: cityCode)`).',
  })
  setBulletinRules(@Arg('input') input: SetBulletinRulesInput, @Ctx() ctx: Context) {
    return new BulletinRulesService(ctx).set(input);
  }

  @FieldResolver(() => String, {
    description: "The document's title, e.g. 德州市重点项目建设情况通报（2026年11月）, in the request's language.",
  })
  title(@Root() bulletin: MonthlyBulletin, @Ctx() ctx: Context): string {
    return bulletin.title[ctx.language];
  }

  @FieldResolver(() => LaggingProjectConnection, {
    description:
      '滞后项目: the projects of the subtree on the year’s list whose light is yellow or red, with the reasons, by owner code then id. ' +
      'Paged (a city may have thousands); a published bulletin pages its frozen list.',
  })
  laggingProjects(@Root() bulletin: MonthlyBulletin, @Args() args: LaggingPageArgs, @Ctx() ctx: Context) {
    const first = pageSizeOf(args.first, ctx.config.graphql.maxPageSize);
    return new BulletinService(ctx).laggingProjects(bulletin, { first, after: args.after ?? undefined });
  }
}

/** Titles and reasons are read by people: worded in both languages, shown in the reader's. */
@Resolver(() => BulletinSectionTitle)
export class BulletinSectionTitleResolver {
  @FieldResolver(() => String)
  title(@Root() section: BulletinSectionTitle, @Ctx() ctx: Context): string {
    return section.title[ctx.language];
  }
}

@Resolver(() => BulletinListReason)
export class BulletinListReasonResolver {
  @FieldResolver(() => String)
  message(@Root() reason: BulletinListReason, @Ctx() ctx: Context): string {
    return reason.message[ctx.language];
  }
}
