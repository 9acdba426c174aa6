import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Period } from '../../calendar/period';
import type { Context } from '../../context';
import type { AnnualPlan } from './annual-plan.entity';
import { Project } from './project.entity';
import { DesignationLevel, ProjectNature } from './project.enums';

/**
 * A project's nature and designation levels as it stands now. They belong to each year's list
 * (AnnualPlan): the project shows this year's, or, while it is on no list this year, those it was
 * registered with or last given.
 */
@Resolver(() => Project)
export class ProjectListingResolver {
  @FieldResolver(() => ProjectNature, {
    description:
      "Nature (建设性质) on this year's list: new, continuing or preparatory; while the project is on no list this year, the nature " +
      'it was registered with or last given. Other years: `annualPlans { year nature }`.',
  })
  async nature(@Root() project: Project, @Ctx() ctx: Context): Promise<ProjectNature> {
    return (await thisYearsPlan(project, ctx))?.nature ?? project.nature;
  }

  @FieldResolver(() => [DesignationLevel], {
    description:
      'Key-project lists (省重点, 市重点, 县重点 ...) the project is on this year; while it is on no list this year, the levels it was ' +
      'registered with or last given. Other years: `annualPlans { year designationLevels }`.',
  })
  async designationLevels(@Root() project: Project, @Ctx() ctx: Context): Promise<DesignationLevel[]> {
    return (await thisYearsPlan(project, ctx))?.designationLevels ?? project.designationLevels;
  }
}

async function thisYearsPlan(project: Project, ctx: Context): Promise<AnnualPlan | undefined> {
  const year = Period.current().year;
  return (await ctx.loaders.project.annualPlans.load(project.id)).find((plan) => plan.year === year);
}
