import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { chinaDate } from '../../calendar/period';
import type { Context } from '../../context';
import { byPinyin } from '../../language/collation';
import { TenantOrder } from './tenant.enums';
import { Tenant } from './tenant.entity';
import { TenantService } from './tenant.service';

const ORDER_BY = 'CODE: the official order of the division list; NAME: by name in Chinese (pinyin) order.';

/** Tenants come ordered by code (the loaders' order); by name they are sorted in Chinese order. */
const inOrder = (tenants: Tenant[], order: TenantOrder): Tenant[] =>
  order === TenantOrder.NAME ? [...tenants].sort((a, b) => byPinyin(a.name, b.name) || a.code.localeCompare(b.code)) : tenants;

@Resolver(() => Tenant)
export class TenantResolver {
  @Query(() => Tenant, { description: 'A tenant by its division code. NOT_FOUND when there is none.' })
  tenant(@Arg('code', { description: 'Division code, e.g. 371400 or 371402001.' }) code: string, @Ctx() ctx: Context) {
    return new TenantService(ctx).shown(code);
  }

  @Query(() => [Tenant], {
    description:
      'The children of a tenant, by code; the cities when `parentCode` is omitted. Ordered by code unless `orderBy` says otherwise.',
  })
  async tenants(
    @Arg('parentCode', () => String, { nullable: true }) parentCode: string | null | undefined,
    @Arg('includeRetired', { defaultValue: false, description: 'Include merged or abolished units (撤并).' })
    includeRetired: boolean,
    @Arg('orderBy', () => TenantOrder, { defaultValue: TenantOrder.CODE, description: ORDER_BY }) orderBy: TenantOrder,
    @Ctx() ctx: Context,
  ) {
    return inOrder(await new TenantService(ctx).children(parentCode ?? undefined, includeRetired), orderBy);
  }

  @FieldResolver(() => Tenant, { nullable: true, description: 'The unit one level up; absent for a city.' })
  parent(@Root() tenant: Tenant, @Ctx() ctx: Context) {
    return tenant.parent ? ctx.loaders.tenant.show(tenant.parent.code) : null;
  }

  @FieldResolver(() => [Tenant], {
    description:
      'The units one level down that the viewer may see, retired ones included, ordered by code unless `orderBy` says otherwise.',
  })
  async children(
    @Root() tenant: Tenant,
    @Arg('orderBy', () => TenantOrder, { defaultValue: TenantOrder.CODE, description: ORDER_BY }) orderBy: TenantOrder,
    @Ctx() ctx: Context,
  ) {
    const children = await ctx.loaders.tenant.children.load(tenant.code);
    return inOrder(
      children.filter((child) => ctx.access.seesTenant(child.path)),
      orderBy,
    );
  }

  @Mutation(() => Tenant, {
    description:
      'Retires a unit that was merged or abolished (撤并) as of a date; its projects and history stay. Administrators above it only.',
  })
  retireTenant(
    @Arg('code') code: string,
    @Arg('on', () => LocalDateScalar, { nullable: true, description: 'Date of retirement; today when omitted.' }) on: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return new TenantService(ctx).retire(code, on ?? chinaDate());
  }

  @Mutation(() => Tenant, { description: 'Undoes a retirement entered by mistake. Administrators above the unit only.' })
  reinstateTenant(@Arg('code') code: string, @Ctx() ctx: Context) {
    return new TenantService(ctx).reinstate(code);
  }
}
