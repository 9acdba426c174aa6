import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Rollup } from '../rollup/rollup.types';
import { Tenant } from '../tenant/tenant.entity';
import { TenantService } from '../tenant/tenant.service';
import { ResponsibilityLetter } from './responsibility-letter.entity';
import { ResponsibilityTarget } from './responsibility-target.entity';
import { TargetProgress } from './target-progress';
import { SetResponsibilityTargetsInput } from './target.inputs';
import { TargetService } from './target.service';

@Resolver(() => ResponsibilityTarget)
export class ResponsibilityTargetResolver {
  @Query(() => [ResponsibilityTarget], {
    description:
      "A tenant's target-responsibility letter (目标责任书) for a year, in the measures' order; NOT_FOUND for a tenant out of reach.",
  })
  async responsibilityTargets(@Arg('tenantCode') tenantCode: string, @Arg('year', () => Int) year: number, @Ctx() ctx: Context) {
    const tenant = await new TenantService(ctx).get(tenantCode);
    return new TargetService(ctx).of(tenant.code, year);
  }

  @Query(() => ResponsibilityLetter, {
    nullable: true,
    description:
      "A tenant's target-responsibility letter (目标责任书) for a year as one record, with its version and measures; null when none " +
      'was set; NOT_FOUND for a tenant out of reach.',
  })
  async responsibilityLetter(@Arg('tenantCode') tenantCode: string, @Arg('year', () => Int) year: number, @Ctx() ctx: Context) {
    const tenant = await new TenantService(ctx).get(tenantCode);
    return new TargetService(ctx).letter(tenant.code, year);
  }

  @Mutation(() => [ResponsibilityTarget], {
    description: "Sets a tenant's letter for a year (replacing it); the tenant above's managers only.",
  })
  setResponsibilityTargets(@Arg('input') input: SetResponsibilityTargetsInput, @Ctx() ctx: Context) {
    return new TargetService(ctx).set(input);
  }

  @FieldResolver(() => Tenant, { description: 'The tenant bound by the letter.' })
  tenant(@Root() target: ResponsibilityTarget, @Ctx() ctx: Context) {
    return ctx.loaders.tenant.byCode.load(target.tenant.code);
  }
}

@Resolver(() => ResponsibilityLetter)
export class ResponsibilityLetterResolver {
  @FieldResolver(() => Tenant, { description: 'The tenant bound by the letter.' })
  tenant(@Root() letter: ResponsibilityLetter, @Ctx() ctx: Context) {
    return ctx.loaders.tenant.byCode.load(letter.tenant.code);
  }

  @FieldResolver(() => [ResponsibilityTarget], { description: "The letter's measures, in the measures' order; empty once cleared." })
  targets(@Root() letter: ResponsibilityLetter, @Ctx() ctx: Context) {
    return new TargetService(ctx).of(letter.tenant.code, letter.year);
  }
}

/** Whether the viewer signs a tenant's letter, added to `Tenant` by the module that keeps the letters: a client offers the form only then. */
@Resolver(() => Tenant)
export class TenantTargetResolver {
  @FieldResolver(() => Boolean, {
    description:
      "Whether the viewer may set this tenant's target-responsibility letter (`setResponsibilityTargets`): the managers of the tenant above it, the city's by its own.",
  })
  viewerSetsTargets(@Root() tenant: Tenant, @Ctx() ctx: Context): boolean {
    return ctx.access.reviewsReportsOf(tenant.path);
  }
}

@Resolver(() => Rollup)
export class RollupTargetResolver {
  @FieldResolver(() => [TargetProgress], {
    description: "The tenant's target-responsibility letter for the period's year against what is done (目标完成情况); empty without one.",
  })
  targetProgress(@Root() rollup: Rollup, @Ctx() ctx: Context): Promise<TargetProgress[]> {
    return new TargetService(ctx).progress(rollup);
  }
}
