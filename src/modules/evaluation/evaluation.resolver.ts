import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { QuarterScalar } from '../../calendar/calendar.scalars';
import type { Quarter } from '../../calendar/quarter';
import type { Context } from '../../context';
import { Tenant } from '../tenant/tenant.entity';
import { EvaluationPublication } from './evaluation-publication.entity';
import { EvaluationScheme } from './evaluation-scheme.entity';
import { SetEvaluationSchemeInput } from './evaluation-scheme.inputs';
import { EvaluationSchemeService } from './evaluation-scheme.service';
import { EvaluationService } from './evaluation.service';
import { Evaluation, EvaluationEntry } from './evaluation.types';

const PARENT = 'Division code of the tenant whose children are ranked (a city ranks its counties, a county its towns).';
const QUARTER = 'The quarter, e.g. 2026Q3; one that has begun.';

@Resolver(() => Evaluation)
export class EvaluationResolver {
  @Query(() => Evaluation, {
    description:
      "The quarterly evaluation (季度评比) of a tenant's children by their city's scheme, as the figures stand now. Readable by " +
      'whoever reads the parent’s subtree (NOT_FOUND otherwise); BAD_USER_INPUT on `quarter` for a quarter not yet begun.',
  })
  evaluation(
    @Arg('parentCode', { description: PARENT }) parentCode: string,
    @Arg('quarter', () => QuarterScalar, { description: QUARTER }) quarter: Quarter,
    @Ctx() ctx: Context,
  ) {
    return new EvaluationService(ctx).evaluate(parentCode, quarter);
  }

  @Query(() => EvaluationScheme, { description: "A city's evaluation scheme in force (its latest version, or the default)." })
  evaluationScheme(
    @Arg('cityCode', { description: 'Division code of the city (or of any tenant in it).' }) cityCode: string,
    @Ctx() ctx: Context,
  ) {
    return new EvaluationSchemeService(ctx).get(cityCode);
  }

  @Query(() => [EvaluationScheme], {
    description: "Every version of a city's evaluation scheme, newest first; empty while it uses the default.",
  })
  evaluationSchemeHistory(@Arg('cityCode', { description: 'Division code of the city.' }) cityCode: string, @Ctx() ctx: Context) {
    return new EvaluationSchemeService(ctx).history(cityCode);
  }

  @Mutation(() => EvaluationScheme, {
    description:
      "Sets a city's evaluation scheme (修改考核办法) as its next version; earlier versions and published rankings stay as " +
      "they were. The city's leaders only. BAD_USER_INPUT naming the field for weights that do not sum to 100, a measure " +
      'listed twice, or a method without its floor, target or step.',
  })
  setEvaluationScheme(@Arg('input') input: SetEvaluationSchemeInput, @Ctx() ctx: Context) {
    return new EvaluationSchemeService(ctx).set(input);
  }

  @Mutation(() => EvaluationPublication, {
    description:
      'Publishes the evaluation as it stands (发布评比结果), frozen with its scheme, figures, scores, ranks and a SHA-256; ' +
      'publishing again makes the next edition. Allowed to the leaders of the parent tenant.',
  })
  publishEvaluation(
    @Arg('parentCode', { description: PARENT }) parentCode: string,
    @Arg('quarter', () => QuarterScalar, { description: QUARTER }) quarter: Quarter,
    @Ctx() ctx: Context,
  ) {
    return new EvaluationService(ctx).publish(parentCode, quarter);
  }

  @Query(() => [EvaluationPublication], {
    description: "The published editions of a parent's quarterly ranking, first first. NOT_FOUND unless the viewer reads the parent.",
  })
  evaluationPublications(
    @Arg('parentCode', { description: PARENT }) parentCode: string,
    @Arg('quarter', () => QuarterScalar, { description: QUARTER }) quarter: Quarter,
    @Ctx() ctx: Context,
  ) {
    return new EvaluationService(ctx).publications(parentCode, quarter);
  }

  @Query(() => EvaluationPublication, { description: 'A published ranking by id; NOT_FOUND unless the viewer reads its parent.' })
  evaluationPublication(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return new EvaluationService(ctx).publication(id);
  }
}

@Resolver(() => EvaluationEntry)
export class EvaluationEntryResolver {
  @FieldResolver(() => Tenant, { nullable: true, description: 'The child tenant as it is now; null if the viewer no longer sees it.' })
  async tenant(@Root() entry: EvaluationEntry, @Ctx() ctx: Context) {
    const tenant = await ctx.loaders.tenant.byCode.load(entry.tenantCode);
    return tenant && ctx.access.seesTenant(tenant.path) ? tenant : null;
  }
}
