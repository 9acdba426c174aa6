import { Arg, Ctx, FieldResolver, Field, ID, InputType, Int, Mutation, Resolver, Root } from 'type-graphql';
import { checkedYear } from '../../calendar/input-range';
import type { Context } from '../../context';
import { notFound } from '../../errors/app-error';
import { InputProblems } from '../../errors/input-problems';
import { addWan, canonicalWan, compareWan } from '../../money/wan';
import { WanScalar } from '../../money/wan.scalar';
import { AnnualPlan } from './annual-plan.entity';
import { MonthlyTarget } from './monthly-target.entity';
import { ProjectService } from './project.service';

@InputType({ description: "A project's annual plan split into monthly targets by hand (任务分解)." })
export class SetMonthlyTargetsInput {
  @Field(() => ID, { description: 'Id of the project.' })
  projectId!: string;

  @Field(() => Int, { description: 'Year of the annual plan, 2000-2100.' })
  year!: number;

  @Field(() => [WanScalar], {
    description: 'Twelve targets, January to December, 万元; they must add up exactly to the annual plan.',
  })
  targetsWan!: string[];

  @Field(() => Boolean, { nullable: true, description: 'True: go back to the even split (targetsWan is then ignored).' })
  evenSplit?: boolean | null;
}

/** The plan's managers split it; the rollups' cumulative target follows in the same transaction. */
async function setMonthlyTargets(ctx: Context, input: SetMonthlyTargetsInput): Promise<AnnualPlan> {
  checkedYear(input.year, 'input.year', 'planning');
  const project = await new ProjectService(ctx).getToManage(input.projectId);
  const plan = await ctx.em.findOne(AnnualPlan, { project: project.id, year: input.year });
  if (!plan) throw notFound('AnnualPlan', `${input.projectId}/${input.year}`);
  if (input.evenSplit) {
    // Clearing the flag makes the database write the even split again (kp_split_annual_plans).
    await ctx.em.transactional((em) => em.nativeUpdate(AnnualPlan, { id: plan.id }, { targetsAreCustom: false }));
  } else {
    const problems = new InputProblems();
    problems.require(input.targetsWan.length === 12, 'input.targetsWan', {
      zh: `须填写 1 至 12 月共 12 个月度目标，实际为 ${input.targetsWan.length} 个`,
      en: 'give twelve targets, January to December',
    });
    input.targetsWan.forEach((t, i) =>
      problems.require(compareWan(t, '0') >= 0, `input.targetsWan.${i}`, { zh: '月度目标不能为负数', en: 'a target cannot be negative' }),
    );
    const sum = input.targetsWan.reduce(addWan, '0');
    problems.require(compareWan(sum, plan.plannedInvestmentWan) === 0, 'input.targetsWan', {
      zh: `月度目标合计 ${canonicalWan(sum)} 万元，与年度计划 ${canonicalWan(plan.plannedInvestmentWan)} 万元不一致`,
      en: `the targets add up to ${canonicalWan(sum)} 万元, the annual plan is ${canonicalWan(plan.plannedInvestmentWan)} 万元`,
    });
    problems.throwIfAny();
    await ctx.em.transactional(async (em) => {
      await em.nativeUpdate(AnnualPlan, { id: plan.id }, { targetsAreCustom: true });
      await em.nativeDelete(MonthlyTarget, { annualPlan: plan.id });
      await em.insertMany(
        MonthlyTarget,
        input.targetsWan.map((targetWan, i) => ({
          annualPlan: plan.id,
          project: project.id,
          period: `${input.year}-${String(i + 1).padStart(2, '0')}-01`,
          targetWan,
        })),
      );
    });
  }
  ctx.loaders.project.monthlyTargets.clear(plan.id);
  ctx.loaders.project.annualPlans.clear(project.id);
  ctx.loaders.rollup.forgetReads();
  return ctx.em.findOneOrFail(AnnualPlan, { id: plan.id }, { refresh: true });
}

@Resolver(() => AnnualPlan)
export class PlanDecompositionResolver {
  @Mutation(() => AnnualPlan, {
    description:
      "Splits a project's annual plan into monthly targets (任务分解), or returns it to the even split. The project's managers only; " +
      "BAD_USER_INPUT unless there are twelve targets adding up exactly to the plan. Changing the plan's amount later returns to the even split.",
  })
  setMonthlyTargets(@Arg('input') input: SetMonthlyTargetsInput, @Ctx() ctx: Context) {
    return setMonthlyTargets(ctx, input);
  }

  @FieldResolver(() => [MonthlyTarget], { description: 'The monthly targets (月度目标), January to December.' })
  monthlyTargets(@Root() plan: AnnualPlan, @Ctx() ctx: Context) {
    return ctx.loaders.project.monthlyTargets.load(plan.id);
  }
}
