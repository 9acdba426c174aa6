import { Check, Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';

export const DEFAULT_DEADLINE_DAY = 5;

@ObjectType({
  description:
    "A city's reporting rules (报送规则): by which day of the next month a month's report is due. Without a row of its own " +
    'a city uses the default (the 5th).',
})
@Entity({ tableName: 'reporting_rule' })
@Check({ name: 'reporting_rule_deadline_day_check', expression: `"deadline_day" >= 1 and "deadline_day" <= 28` })
export class ReportingRules {
  [OptionalProps]?: 'deadlineDay' | 'updatedBySubject';

  @Field({ description: 'Division code of the city the rules apply to.' })
  @PrimaryKey({ length: 12 })
  cityCode!: string;

  @Field(() => Int, { description: "Day of the next month (1-28) by which a month's report must be submitted (报送截止日)." })
  @Property({ type: 'smallint', default: DEFAULT_DEADLINE_DAY })
  deadlineDay: number = DEFAULT_DEADLINE_DAY;

  @Field({ nullable: true, description: 'When the rules were last changed.' })
  @Property({ type: 'timestamptz', nullable: true })
  updatedAt?: Date;

  @Property({ length: 100, nullable: true })
  updatedBy?: string;

  @Field(() => String, { nullable: true, description: 'Keycloak subject of who last changed them.' })
  get updatedBySubject(): string | undefined {
    return this.updatedBy;
  }

  @Field({ nullable: true, description: 'Display name of who last changed them.' })
  @Property({ length: 100, nullable: true })
  updatedByName?: string;
}
