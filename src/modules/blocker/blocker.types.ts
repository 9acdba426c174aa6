import { Field, Float, Int, ObjectType } from 'type-graphql';
import { TenantBasis } from '../project/tenant-basis';
import { percentOf } from '../rollup/rollup-math';
import { BlockerType } from './blocker.enums';
import type { BlockerTypeFigures } from './blocker.loaders';

@ObjectType({ description: "One type's blocker counts in a tenant's subtree." })
export class BlockerTypeCount {
  @Field(() => BlockerType, { description: 'The type.' })
  type!: BlockerType;

  @Field(() => Int, { description: 'Open (未解决: OPEN or IN_PROGRESS).' })
  openCount!: number;

  @Field(() => Int, { description: 'Open past their deadline (逾期).' })
  overdueCount!: number;

  @Field(() => Int, { description: "Open and escalated above their project's level (已提请协调)." })
  escalatedCount!: number;

  @Field(() => Int, { description: 'Raised up to the as-of date (累计提出).' })
  raisedCount!: number;

  @Field(() => Int, { description: 'Of those, resolved or closed by the as-of date (已办结).' })
  resolvedCount!: number;
}

@ObjectType({
  description:
    "Blocker figures (要素制约) of a tenant's subtree, as the ledger stood at the end of the period (today for the " +
    'current month): each blocker counts in the status and at the level of its last step on or before that day. ' +
    'Cumulative: every blocker raised up to that day counts, whatever the year. The blockers of the projects the rollup ' +
    'counts: owned in the subtree, or built there (属地) when the rollup is by location.',
})
export class BlockerFigures {
  types!: BlockerTypeFigures[];

  @Field(() => TenantBasis, {
    description:
      "The rollup's basis: by location (属地) a county counts what blocks the works on its land, whoever owns them, as it " +
      'is the county that clears land, approvals and utilities there.',
  })
  basis!: TenantBasis;

  private sum(pick: (t: BlockerTypeFigures) => number): number {
    return this.types.reduce((total, t) => total + pick(t), 0);
  }

  @Field(() => Int, { description: 'Open blockers (未解决): OPEN or IN_PROGRESS.' })
  get openCount(): number {
    return this.sum((t) => t.openCount);
  }

  @Field(() => Int, { description: 'Open blockers past their deadline (逾期未解决).' })
  get overdueCount(): number {
    return this.sum((t) => t.overdueCount);
  }

  @Field(() => Int, { description: "Open blockers escalated above their project's level (提请上级协调, 未解决)." })
  get escalatedCount(): number {
    return this.sum((t) => t.escalatedCount);
  }

  @Field(() => Int, { description: 'Blockers raised up to the as-of date (累计提出问题数).' })
  get raisedCount(): number {
    return this.sum((t) => t.raisedCount);
  }

  @Field(() => Int, { description: 'Of those, resolved or closed by the as-of date (已办结).' })
  get resolvedCount(): number {
    return this.sum((t) => t.resolvedCount);
  }

  @Field(() => Float, {
    nullable: true,
    description:
      'Resolution rate (办结率), percent: resolved or closed / raised, over every blocker raised up to the as-of date; ' +
      'null when none was raised. A resolution the raiser rejected (reopened) no longer counts.',
  })
  get resolutionRate(): number | null {
    return percentOf(this.resolvedCount, this.raisedCount);
  }

  @Field(() => [BlockerTypeCount], { description: 'The same counts by type, every type listed.' })
  get byType(): BlockerTypeCount[] {
    return this.types.map((t) => Object.assign(new BlockerTypeCount(), t));
  }
}
