import { Field, InputType, Int } from 'type-graphql';

@InputType({ description: "New thresholds for a city's traffic lights; omitted ones stay as they are." })
export class SetTrafficLightRulesInput {
  @Field({ description: 'Division code of the city.' })
  cityCode!: string;

  @Field(() => Int, { nullable: true, description: 'Points behind time progress from which a light turns yellow (0-100).' })
  yellowGapPoints?: number | null;

  @Field(() => Int, { nullable: true, description: 'Points behind time progress from which a light turns red (0-100).' })
  redGapPoints?: number | null;

  @Field(() => Int, { nullable: true, description: 'Overdue milestones that turn a project yellow.' })
  projectOverdueYellow?: number | null;

  @Field(() => Int, { nullable: true, description: 'Overdue milestones that turn a project red.' })
  projectOverdueRed?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Percentage of its projects with an overdue milestone from which a tenant turns yellow (0-100).',
  })
  tenantOverdueSharePercentYellow?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Percentage of its projects with an overdue milestone from which a tenant turns red (0-100).',
  })
  tenantOverdueSharePercentRed?: number | null;

  @Field(() => Int, { nullable: true, description: 'Open blockers that turn a project yellow.' })
  blockerYellow?: number | null;

  @Field(() => Int, { nullable: true, description: 'Open blockers that turn a project red.' })
  blockerRed?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Percentage of its projects with an open blocker from which a tenant turns yellow (0-100).',
  })
  tenantBlockerSharePercentYellow?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Percentage of its projects with an open blocker from which a tenant turns red (0-100).',
  })
  tenantBlockerSharePercentRed?: number | null;
}
