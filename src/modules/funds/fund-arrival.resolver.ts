import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Project } from '../project/project.entity';
import { ProjectService } from '../project/project.service';
import { FundArrival } from './fund-arrival.entity';
import { RecordFundArrivalInput } from './fund-arrival.inputs';
import { FundArrivalService } from './fund-arrival.service';

@Resolver(() => FundArrival)
export class FundArrivalResolver {
  @Mutation(() => FundArrival, {
    description:
      "Records funds that arrived for a project (到位资金) on a day; the project's `fundsInPlaceWan` grows by the amount and " +
      "the rollups count it in the month it arrived. Allowed to whoever may act on the project (its owner's officers, " +
      'its assigned leaders and units).',
  })
  recordFundArrival(@Arg('input') input: RecordFundArrivalInput, @Ctx() ctx: Context) {
    return new FundArrivalService(ctx).record(input);
  }

  @Mutation(() => Project, {
    description:
      'Takes back an arrival recorded by mistake (the audit trail keeps it); returns its project. CONFLICT for an arrival ' +
      "recorded through an investment lead (the lead's funds only grow).",
  })
  async removeFundArrival(@Arg('id', () => ID, { description: 'Id of the arrival.' }) id: string, @Ctx() ctx: Context) {
    const arrival = await new FundArrivalService(ctx).remove(id);
    return new ProjectService(ctx).get(arrival.project!.id);
  }

  @FieldResolver(() => Project, { nullable: true, description: 'The project the funds are for.' })
  project(@Root() arrival: FundArrival, @Ctx() ctx: Context) {
    return arrival.project ? ctx.loaders.project.byId.load(arrival.project.id) : null;
  }
}

@Resolver(() => Project)
export class ProjectFundsResolver {
  @FieldResolver(() => [FundArrival], { description: 'Funds that arrived (到位资金), by the day they arrived, oldest first.' })
  fundArrivals(@Root() project: Project, @Ctx() ctx: Context) {
    return ctx.loaders.funds.byProject.load(project.id);
  }
}
