import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PeriodScalar } from '../../calendar/calendar.scalars';
import { Period } from '../../calendar/period';
import type { Context } from '../../context';
import { Project } from '../project/project.entity';
import { projectLight } from './project-light';
import { TrafficLight } from './rollup.types';

/** A project's light is judged by the rollup's rules, so the rollup module adds it to `Project`. */
@Resolver(() => Project)
export class ProjectLightResolver {
  @FieldResolver(() => TrafficLight, {
    description: "The project's traffic light (信号灯) for a month, from its city's rules; the current month when omitted.",
  })
  trafficLight(
    @Root() project: Project,
    @Arg('period', () => PeriodScalar, { nullable: true, description: 'The month; the current one when omitted.' })
    period: Period | undefined,
    @Ctx() ctx: Context,
  ) {
    return projectLight(ctx, project, period ?? Period.current());
  }
}
