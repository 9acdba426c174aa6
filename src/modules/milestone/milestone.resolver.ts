import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { chinaDate } from '../../calendar/period';
import type { Context } from '../../context';
import { Project } from '../project/project.entity';
import { ProjectService } from '../project/project.service';
import { Milestone } from './milestone.entity';
import { AddMilestoneInput, CompleteMilestoneInput, UpdateMilestoneInput } from './milestone.inputs';
import { MilestoneService } from './milestone.service';

const VERSION_DESCRIPTION =
  'The version you last read; CONFLICT (field `version`) when the milestone changed since. Omit to skip the check.';

@Resolver(() => Milestone)
export class MilestoneResolver {
  @Mutation(() => Milestone, { description: "Adds a milestone to a project's schedule (倒排工期)." })
  addMilestone(@Arg('input') input: AddMilestoneInput, @Ctx() ctx: Context) {
    return new MilestoneService(ctx).add(input);
  }

  @Mutation(() => Milestone, { description: 'Changes the title, deadline or note of a milestone.' })
  updateMilestone(@Arg('input') input: UpdateMilestoneInput, @Ctx() ctx: Context) {
    return new MilestoneService(ctx).update(input);
  }

  @Mutation(() => Milestone, { description: 'Marks a milestone done. Done already: CONFLICT.' })
  completeMilestone(@Arg('input') input: CompleteMilestoneInput, @Ctx() ctx: Context) {
    return new MilestoneService(ctx).complete(input);
  }

  @Mutation(() => Milestone, { description: 'Reopens a milestone marked done by mistake. Not done: CONFLICT.' })
  reopenMilestone(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, { nullable: true, description: VERSION_DESCRIPTION }) version: number | null | undefined,
    @Ctx() ctx: Context,
  ) {
    return new MilestoneService(ctx).reopen(id, version);
  }

  @Mutation(() => ID, { description: 'Deletes a milestone entered by mistake; returns its id.' })
  deleteMilestone(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, { nullable: true, description: VERSION_DESCRIPTION }) version: number | null | undefined,
    @Ctx() ctx: Context,
  ) {
    return new MilestoneService(ctx).remove(id, version);
  }

  @FieldResolver(() => Project, { description: 'The project whose schedule holds the milestone.' })
  project(@Root() milestone: Milestone, @Ctx() ctx: Context) {
    return new ProjectService(ctx).get(milestone.project.id);
  }
}

/** A project's schedule, from the module that keeps it. */
@Resolver(() => Project)
export class ProjectMilestoneResolver {
  @FieldResolver(() => [Milestone], { description: 'Schedule milestones, by due date.' })
  milestones(@Root() project: Project, @Ctx() ctx: Context) {
    return ctx.loaders.milestone.byProject.load(project.id);
  }

  @FieldResolver(() => Int, { description: 'Open milestones past their due date (逾期节点), as of today.' })
  async overdueMilestoneCount(@Root() project: Project, @Ctx() ctx: Context) {
    const today = chinaDate();
    const milestones = await ctx.loaders.milestone.byProject.load(project.id);
    return milestones.filter((m) => !m.doneOn && m.dueOn < today).length;
  }
}
