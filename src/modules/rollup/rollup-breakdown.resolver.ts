import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { CategoryCount, DesignationLevelFigures } from './rollup-breakdown';
import { RollupService } from './rollup.service';
import { Rollup } from './rollup.types';

/** The figures by category and by designation level, read with the rollup when the query asked for them ahead. */
@Resolver(() => Rollup)
export class RollupBreakdownResolver {
  @FieldResolver(() => [CategoryCount], {
    description:
      'The figures by category (项目类别), every category listed: projects, money and rates as the rollup has them; they add up to it.',
  })
  async byCategory(@Root() rollup: Rollup, @Ctx() ctx: Context): Promise<CategoryCount[]> {
    return rollup.figures.byCategory ?? (await new RollupService(ctx).breakdownOf(rollup)).byCategory!;
  }

  @FieldResolver(() => [DesignationLevelFigures], {
    description: "The figures by designation level (国家/省/市/县重点) of the period's year's lists, every level listed.",
  })
  async byDesignationLevel(@Root() rollup: Rollup, @Ctx() ctx: Context): Promise<DesignationLevelFigures[]> {
    return rollup.figures.byDesignationLevel ?? (await new RollupService(ctx).breakdownOf(rollup)).byDesignationLevel!;
  }
}
