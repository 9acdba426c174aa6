import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { DEFAULT_THRESHOLDS, type LightThresholds } from './traffic-light';

@ObjectType({
  description:
    "A city's thresholds for the traffic lights (信号灯规则) of its projects and tenants. Without a row of its own a city " +
    'uses the defaults shown by `trafficLightRules`.',
})
@Entity({ tableName: 'traffic_light_rule' })
export class TrafficLightRules implements LightThresholds {
  [OptionalProps]?: 'updatedAt' | 'updatedBySubject' | keyof LightThresholds;

  @Field({ description: 'Division code of the city the rules apply to.' })
  @PrimaryKey({ length: 12 })
  cityCode!: string;

  @Field(() => Int, { description: 'Points behind time progress from which a light turns yellow.' })
  @Property({ type: 'int' })
  yellowGapPoints: number = DEFAULT_THRESHOLDS.yellowGapPoints;

  @Field(() => Int, { description: 'Points behind time progress from which a light turns red.' })
  @Property({ type: 'int' })
  redGapPoints: number = DEFAULT_THRESHOLDS.redGapPoints;

  @Field(() => Int, { description: 'Overdue milestones that turn a project yellow.' })
  @Property({ type: 'int' })
  projectOverdueYellow: number = DEFAULT_THRESHOLDS.projectOverdueYellow;

  @Field(() => Int, { description: 'Overdue milestones that turn a project red.' })
  @Property({ type: 'int' })
  projectOverdueRed: number = DEFAULT_THRESHOLDS.projectOverdueRed;

  @Field(() => Int, { description: 'Percentage of its projects with an overdue milestone from which a tenant turns yellow.' })
  @Property({ type: 'int' })
  tenantOverdueSharePercentYellow: number = DEFAULT_THRESHOLDS.tenantOverdueSharePercentYellow;

  @Field(() => Int, { description: 'Percentage of its projects with an overdue milestone from which a tenant turns red.' })
  @Property({ type: 'int' })
  tenantOverdueSharePercentRed: number = DEFAULT_THRESHOLDS.tenantOverdueSharePercentRed;

  @Field(() => Int, { description: 'Open blockers that turn a project yellow.' })
  @Property({ type: 'int' })
  blockerYellow: number = DEFAULT_THRESHOLDS.blockerYellow;

  @Field(() => Int, { description: 'Open blockers that turn a project red.' })
  @Property({ type: 'int' })
  blockerRed: number = DEFAULT_THRESHOLDS.blockerRed;

  @Field(() => Int, { description: 'Percentage of its projects with an open blocker from which a tenant turns yellow.' })
  @Property({ type: 'int' })
  tenantBlockerSharePercentYellow: number = DEFAULT_THRESHOLDS.tenantBlockerSharePercentYellow;

  @Field(() => Int, { description: 'Percentage of its projects with an open blocker from which a tenant turns red.' })
  @Property({ type: 'int' })
  tenantBlockerSharePercentRed: number = DEFAULT_THRESHOLDS.tenantBlockerSharePercentRed;

  @Field({ nullable: true, description: 'When the city last changed its rules; absent while it uses the defaults.' })
  @Property({ type: 'timestamptz', nullable: true })
  updatedAt?: Date;

  @Field({ nullable: true, description: 'Name of who last changed them.' })
  @Property({ length: 100, nullable: true })
  updatedByName?: string;

  @Property({ length: 100, nullable: true })
  updatedBy?: string;

  @Field(() => String, { nullable: true, description: 'Keycloak subject of who last changed them.' })
  get updatedBySubject(): string | undefined {
    return this.updatedBy;
  }
}
