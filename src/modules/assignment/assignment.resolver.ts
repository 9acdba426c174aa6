import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Project } from '../project/project.entity';
import { ProjectService } from '../project/project.service';
import { ProjectAssignment } from './assignment.entity';
import { AssignLeaderInput } from './assignment.inputs';
import { AssignmentService } from './assignment.service';

@Resolver(() => ProjectAssignment)
export class AssignmentResolver {
  @Query(() => [Project], {
    description: "Projects the viewer is assigned to (我的包抓项目), wherever they sit below the viewer's tenant, by name.",
  })
  myProjects(@Ctx() ctx: Context) {
    return new AssignmentService(ctx).myProjects();
  }

  @Mutation(() => ProjectAssignment, {
    description: 'Assigns a leader, responsible unit or contact to a project. City and county leaders above the project only.',
  })
  assignLeader(@Arg('input') input: AssignLeaderInput, @Ctx() ctx: Context) {
    return new AssignmentService(ctx).assign(input);
  }

  @Mutation(() => ProjectAssignment, {
    description: 'Ends an assignment; the rights it gave end at once and the record stays.',
  })
  unassignLeader(@Arg('id', () => ID, { description: 'Id of the assignment.' }) id: string, @Ctx() ctx: Context) {
    return new AssignmentService(ctx).unassign(id);
  }

  @FieldResolver(() => Project, { description: 'The project assigned.' })
  project(@Root() assignment: ProjectAssignment, @Ctx() ctx: Context) {
    return new ProjectService(ctx).get(assignment.project.id);
  }
}

@Resolver(() => Project)
export class ProjectAssignmentsResolver {
  @FieldResolver(() => [ProjectAssignment], {
    description: 'Who is assigned to the project (包抓领导, 责任单位, 联络员), active ones unless `includeEnded`.',
  })
  async assignments(
    @Root() project: Project,
    @Arg('includeEnded', { defaultValue: false, description: 'Include assignments that have ended.' }) includeEnded: boolean,
    @Ctx() ctx: Context,
  ) {
    const all = await ctx.loaders.assignment.byProject.load(project.id);
    return includeEnded ? all : all.filter((a) => a.isActive);
  }
}
