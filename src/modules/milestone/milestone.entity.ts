import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { chinaDate } from '../../calendar/period';
import { Project } from '../project/project.entity';

@ObjectType({
  description:
    'A dated step in a project\'s schedule (节点, 倒排工期), e.g. "commissioning in May". Open past its due date, ' + 'it is overdue.',
})
@Entity({ tableName: 'milestone' })
@Index({ properties: ['project', 'dueOn'] })
export class Milestone {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'version' | 'isOverdue';

  @Field(() => ID, { description: 'Stable identifier of the milestone.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { deleteRule: 'cascade' })
  project!: Project;

  @Field({ description: 'What must be done, e.g. 主体封顶 or 设备调试.' })
  @Property({ length: 200 })
  title!: string;

  @Field(() => LocalDateScalar, { description: 'Deadline (计划完成时间).' })
  @Property({ type: 'date' })
  dueOn!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date it was done (实际完成时间); absent while open.' })
  @Property({ type: 'date', nullable: true })
  doneOn?: string;

  /** The day its becoming overdue was announced to live streams (kp_announce_overdue_milestones); once. */
  @Property({ type: 'date', nullable: true })
  overdueAnnouncedOn?: string;

  @Field({ nullable: true, description: 'Remarks, e.g. what the deadline depends on.' })
  @Property({ type: 'text', nullable: true })
  note?: string;

  @Field(() => Int, {
    description: 'Version of the record; send it back as `version` in an update to be told CONFLICT when someone changed it since.',
  })
  @Property({ version: true, default: 1 })
  version: number = 1;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field({ description: 'Still open on a date after its due date (China Standard Time, today).' })
  get isOverdue(): boolean {
    return isOverdueOn(this, chinaDate());
  }
}

/** An open milestone is overdue from the day after its due date. */
export function isOverdueOn(milestone: Pick<Milestone, 'dueOn' | 'doneOn'>, date: string): boolean {
  return !milestone.doneOn && milestone.dueOn < date;
}
