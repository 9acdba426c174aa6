import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Tenant } from './tenant.entity';
import { TenantService } from './tenant.service';

@Resolver(() => Tenant)
export class TenantResolver {
  @Query(() => Tenant, { description: 'A tenant by its division code. NOT_FOUND when there is none.' })
  tenant(@Arg('code', { description: 'Division code, e.g. 371400 or 371402001.' }) code: string, @Ctx() ctx: Context) {
    return new TenantService(ctx).get(code);
  }

  @Query(() => [Tenant], {
    description: 'The children of a tenant, by code; the cities when `parentCode` is omitted. Ordered by code.',
  })
  tenants(
    @Arg('parentCode', () => String, { nullable: true }) parentCode: string | null | undefined,
    @Arg('includeRetired', { defaultValue: false, description: 'Include merged or abolished units (撤并).' })
    includeRetired: boolean,
    @Ctx() ctx: Context,
  ) {
    return new TenantService(ctx).children(parentCode ?? undefined, includeRetired);
  }

  @FieldResolver(() => Tenant, { nullable: true, description: 'The unit one level up; absent for a city.' })
  parent(@Root() tenant: Tenant, @Ctx() ctx: Context) {
    return tenant.parent ? ctx.loaders.tenant.byCode.load(tenant.parent.code) : null;
  }

  @FieldResolver(() => [Tenant], { description: 'The units one level down, retired ones included, ordered by code.' })
  children(@Root() tenant: Tenant, @Ctx() ctx: Context) {
    return ctx.loaders.tenant.children.load(tenant.code);
  }
}
