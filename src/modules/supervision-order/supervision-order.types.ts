import { Field, Float, Int, ObjectType } from 'type-graphql';
import { TenantBasis } from '../project/tenant-basis';
import { percentOf } from '../rollup/rollup-math';

@ObjectType({
  description:
    "Supervision order figures (督办) of a tenant's subtree, as the orders stood at the end of the period (today for " +
    'the current month): each order counts from the day it was issued, in the status of its last step on or before ' +
    'that day. Cumulative: every order issued up to that day counts. The orders concerning the projects the rollup ' +
    'counts (owned there, or built there by location) and those concerning a tenant of the subtree.',
})
export class OrderFigures {
  @Field(() => TenantBasis, { description: "The rollup's basis." })
  basis!: TenantBasis;

  @Field(() => Int, { description: 'Orders issued up to the as-of date (累计下发督办).' })
  issuedCount!: number;

  @Field(() => Int, { description: 'Of those, not closed (未办结).' })
  openCount!: number;

  @Field(() => Int, { description: 'Not closed and past their deadline (逾期未办结).' })
  overdueCount!: number;

  @Field(() => Int, { description: 'Closed by the as-of date (已办结).' })
  closedCount!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Closure rate (督办办结率), percent: closed / issued, computed as the other rates are; null when none was issued.',
  })
  get closureRate(): number | null {
    return percentOf(this.closedCount, this.issuedCount);
  }
}
