import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { chinaDate } from '../../calendar/period';
import { formerNameOf } from '../../graphql/deprecation';
import { Project } from '../project/project.entity';
import { Tenant } from '../tenant/tenant.entity';
import { BlockerEventKind, BlockerStatus, BlockerType, OPEN_STATUSES } from './blocker.enums';

@ObjectType({
  description:
    'A blocker holding a project up (要素制约, 问题台账): land, funding, approvals ... with a responsible unit and a ' +
    'deadline. It is worked on where the project sits and can be escalated one level at a time up to the city ' +
    '(提请协调); it ends resolved with feedback and closed once the raiser confirms (闭环).',
})
@Entity({ tableName: 'blocker' })
@Index({ properties: ['project', 'status'] })
@Index({ properties: ['escalatedTo', 'status'] })
export class Blocker {
  [OptionalProps]?:
    'status' | 'raisedAt' | 'version' | 'updatedAt' | 'isOpen' | 'isOverdue' | 'isEscalated' | 'raisedBySubject' | 'resolvedBySubject';

  @Field(() => ID, { description: 'Stable identifier of the blocker.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { deleteRule: 'cascade' })
  project!: Project;

  @Field(() => BlockerType, { description: 'Kind of blocker (要素制约类型).' })
  @Enum({ items: () => BlockerType, nativeEnumName: 'blocker_type' })
  type!: BlockerType;

  @Field({ description: 'What holds the project up (问题描述).' })
  @Property({ type: 'text' })
  description!: string;

  @Field({ description: 'Unit responsible for solving it (责任单位), e.g. 市自然资源和规划局.' })
  @Property({ length: 100 })
  responsibleUnit!: string;

  @Field(() => LocalDateScalar, { description: 'Date by which it must be solved (办结时限).' })
  @Property({ type: 'date' })
  deadlineOn!: string;

  @Field(() => BlockerStatus, { description: 'Where it stands (办理状态).' })
  @Enum({ items: () => BlockerStatus, nativeEnumName: 'blocker_status', default: BlockerStatus.OPEN })
  status: BlockerStatus = BlockerStatus.OPEN;

  @Field({ ...formerNameOf('raisedBySubject') })
  @Property({ length: 100 })
  raisedBy!: string;

  @Field({ description: 'Keycloak subject of who raised it; they (or a manager of their tenant) confirm its resolution.' })
  get raisedBySubject(): string {
    return this.raisedBy;
  }

  @Field({ description: 'Name of who raised it.' })
  @Property({ length: 100 })
  raisedByName!: string;

  @Field(() => String, { nullable: true, description: 'Division code of the tenant of who raised it, when they have one.' })
  @Property({ length: 12, nullable: true })
  raisedByTenantCode?: string;

  @Field({ description: 'When it was raised.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  raisedAt: Date = new Date();

  /** The level it has been escalated to; absent while handled at the project's own level. */
  @ManyToOne(() => Tenant, { fieldName: 'escalated_to_code', nullable: true, deleteRule: 'restrict' })
  escalatedTo?: Tenant;

  @Field(() => String, { nullable: true, description: 'Reason given for the latest escalation (提请协调事由).' })
  @Property({ type: 'text', nullable: true })
  escalationReason?: string;

  @Field(() => String, { nullable: true, description: 'Resolution feedback (办结反馈); absent until resolved.' })
  @Property({ type: 'text', nullable: true })
  resolution?: string;

  @Field({ nullable: true, description: 'When it was last resolved.' })
  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt?: Date;

  @Field(() => String, { nullable: true, ...formerNameOf('resolvedBySubject') })
  @Property({ length: 100, nullable: true })
  resolvedBy?: string;

  @Field(() => String, { nullable: true, description: 'Keycloak subject of who resolved it.' })
  get resolvedBySubject(): string | undefined {
    return this.resolvedBy;
  }

  @Field(() => String, { nullable: true, description: 'Name of who resolved it.' })
  @Property({ length: 100, nullable: true })
  resolvedByName?: string;

  @Field({ nullable: true, description: 'When the raiser confirmed the resolution (闭环).' })
  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date;

  @Field(() => Int, {
    description: 'Version of the record; send it back as `version` in an update to be told CONFLICT when someone changed it since.',
  })
  @Property({ version: true, default: 1 })
  version: number = 1;

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field({ description: 'Not yet solved: OPEN or IN_PROGRESS.' })
  get isOpen(): boolean {
    return OPEN_STATUSES.includes(this.status);
  }

  @Field({ description: 'Open past its deadline (逾期), China Standard Time, today.' })
  get isOverdue(): boolean {
    return this.isOpen && this.deadlineOn < chinaDate();
  }

  @Field({ description: "Escalated above the project's own level (已提请上级协调)." })
  get isEscalated(): boolean {
    return this.escalatedTo !== undefined && this.escalatedTo !== null;
  }
}

@ObjectType({ description: 'One step in the history of a blocker (办理记录): who did what, when, and why.' })
@Entity({ tableName: 'blocker_event' })
@Unique({ properties: ['blocker', 'seq'] })
export class BlockerEvent {
  [OptionalProps]?: 'at' | 'actedAt' | 'actedBySubject' | 'actedByName';

  @Field(() => ID, { description: 'Stable identifier of the step.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Blocker, { deleteRule: 'cascade' })
  blocker!: Blocker;

  /** The blocker's version after this step: orders the history, also within one transaction. */
  @Field(() => Int, { description: "Position in the history, from 1 (the blocker's version after the step)." })
  @Property({ type: 'int' })
  seq!: number;

  @Field(() => BlockerEventKind, { description: 'What happened.' })
  @Enum({ items: () => BlockerEventKind, nativeEnumName: 'blocker_event_kind' })
  kind!: BlockerEventKind;

  @Field({ ...formerNameOf('actedAt') })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date = new Date();

  @Field({ ...formerNameOf('actedBySubject') })
  @Property({ length: 100 })
  actorSubject!: string;

  @Field({ ...formerNameOf('actedByName') })
  @Property({ length: 100 })
  actorName!: string;

  @Field({ description: 'When it happened.' })
  get actedAt(): Date {
    return this.at;
  }

  @Field({ description: 'Keycloak subject of who did it.' })
  get actedBySubject(): string {
    return this.actorSubject;
  }

  @Field({ description: 'Name of who did it.' })
  get actedByName(): string {
    return this.actorName;
  }

  @Field(() => String, { nullable: true, description: 'Reason (escalation, reopening) or feedback (resolution).' })
  @Property({ type: 'text', nullable: true })
  note?: string;

  @Field(() => String, { nullable: true, description: 'For an escalation: the level it came from (division code).' })
  @Property({ length: 12, nullable: true })
  fromTenantCode?: string;

  @Field(() => String, { nullable: true, description: 'For an escalation: the level it went to (division code).' })
  @Property({ length: 12, nullable: true })
  toTenantCode?: string;

  @Field(() => BlockerStatus, { description: 'Status of the blocker after this step.' })
  @Enum({ items: () => BlockerStatus, nativeEnumName: 'blocker_status' })
  statusAfter!: BlockerStatus;

  /** The level after this step, for figures as of a past date. */
  @Property({ length: 12, nullable: true })
  escalatedToAfter?: string;
}
