import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { chinaDate } from '../../calendar/period';
import { Blocker } from '../blocker/blocker.entity';
import { Project } from '../project/project.entity';
import { Tenant } from '../tenant/tenant.entity';
import { OrderEventKind, OrderStatus, OrderSubject } from './supervision-order.enums';

@ObjectType({
  description:
    'A supervision order (督办单): a supervisor (督查室) or a leader requires something of a tenant and/or a responsible ' +
    'unit about a project, a blocker or a tenant, by a date. The addressee acknowledges it (签收) and reports back ' +
    '(反馈); the issuer closes it (办结) or sends it back (退回). Past its deadline and not closed it is overdue and ' +
    'escalated one level above the addressee (提级督办).',
})
@Entity({ tableName: 'supervision_order' })
@Index({ properties: ['tenant', 'status'] })
@Index({ properties: ['project'] })
@Index({ properties: ['addressee', 'status'] })
export class SupervisionOrder {
  [OptionalProps]?: 'status' | 'issuedAt' | 'version' | 'updatedAt' | 'isClosed' | 'isOverdue' | 'isEscalated';

  @Field(() => ID, { description: 'Stable identifier of the order.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => OrderSubject, { description: 'What it is about (督办对象).' })
  @Enum({ items: () => OrderSubject, nativeEnumName: 'order_subject' })
  subject!: OrderSubject;

  /** The project it is about, also for a blocker's order (its project): it is read with the project. */
  @ManyToOne(() => Project, { nullable: true, deleteRule: 'cascade' })
  project?: Project;

  @ManyToOne(() => Blocker, { nullable: true, deleteRule: 'cascade' })
  blocker?: Blocker;

  /** The tenant it concerns: the project's owner, or the tenant itself; its figures count there. */
  @ManyToOne(() => Tenant, { fieldName: 'owner_tenant_code', deleteRule: 'restrict' })
  tenant!: Tenant;

  @Field({ description: 'Title, as on the notice (督办事项), e.g. 关于加快XX项目土地报批进度的督办通知.' })
  @Property({ length: 200 })
  title!: string;

  @Field({ description: 'What is required (督办要求).' })
  @Property({ type: 'text' })
  requirement!: string;

  @ManyToOne(() => Tenant, { fieldName: 'addressee_tenant_code', nullable: true, deleteRule: 'restrict' })
  addressee?: Tenant;

  @Field(() => String, { nullable: true, description: 'Responsible unit addressed (承办单位), e.g. 德城区自然资源局.' })
  @Property({ length: 100, nullable: true })
  addresseeUnit?: string;

  @Field(() => LocalDateScalar, { description: 'Date by which it must be done (办结时限).' })
  @Property({ type: 'date' })
  deadlineOn!: string;

  @Field(() => OrderStatus, { description: 'Where it stands (督办状态).' })
  @Enum({ items: () => OrderStatus, nativeEnumName: 'order_status', default: OrderStatus.ISSUED })
  status: OrderStatus = OrderStatus.ISSUED;

  @Field({ description: 'Keycloak subject of who issued it.' })
  @Property({ length: 100 })
  issuedBySubject!: string;

  @Field({ description: 'Name of who issued it.' })
  @Property({ length: 100 })
  issuedByName!: string;

  @Field(() => String, { nullable: true, description: 'Division code of the tenant of who issued it.' })
  @Property({ length: 12, nullable: true })
  issuedByTenantCode?: string;

  @Field({ description: 'When it was issued.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  issuedAt: Date = new Date();

  @Field(() => String, { nullable: true, description: 'The latest feedback (最新反馈); every one is in the history.' })
  @Property({ type: 'text', nullable: true })
  latestFeedback?: string;

  @Field(() => String, { nullable: true, description: 'Why it was last sent back (退回理由).' })
  @Property({ type: 'text', nullable: true })
  sendBackReason?: string;

  @Field({ nullable: true, description: 'When it was closed (办结).' })
  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date;

  /** The level it was escalated to when it fell overdue; absent before. */
  @ManyToOne(() => Tenant, { fieldName: 'escalated_to_code', nullable: true, deleteRule: 'restrict' })
  escalatedTo?: Tenant;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it was escalated for being overdue (提级督办日期).' })
  @Property({ type: 'date', nullable: true })
  escalatedOn?: string;

  @Field(() => Int, {
    description: 'Version of the record; send it back as `version` in an update to be told CONFLICT when someone changed it since.',
  })
  @Property({ version: true, default: 1 })
  version: number = 1;

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field({ description: 'Closed (已办结).' })
  get isClosed(): boolean {
    return this.status === OrderStatus.CLOSED;
  }

  @Field({ description: 'Not closed and past its deadline (逾期), China Standard Time, today.' })
  get isOverdue(): boolean {
    return !this.isClosed && this.deadlineOn < chinaDate();
  }

  @Field({ description: 'Escalated above the addressee for being overdue (已提级督办).' })
  get isEscalated(): boolean {
    return this.escalatedTo !== undefined && this.escalatedTo !== null;
  }
}

@ObjectType({ description: 'One step in the history of a supervision order (督办记录): who did what, when, and the text.' })
@Entity({ tableName: 'supervision_order_event' })
@Unique({ properties: ['order', 'seq'] })
export class SupervisionOrderEvent {
  [OptionalProps]?: 'actedAt';

  @Field(() => ID, { description: 'Stable identifier of the step.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => SupervisionOrder, { deleteRule: 'cascade' })
  order!: SupervisionOrder;

  /** The order's version after this step: orders the history, also within one transaction. */
  @Field(() => Int, { description: "Position in the history, from 1 (the order's version after the step)." })
  @Property({ type: 'int' })
  seq!: number;

  @Field(() => OrderEventKind, { description: 'What happened.' })
  @Enum({ items: () => OrderEventKind, nativeEnumName: 'order_event_kind' })
  kind!: OrderEventKind;

  @Field({ description: 'When it happened.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  actedAt: Date = new Date();

  @Field(() => String, { nullable: true, description: 'Keycloak subject of who did it; null for the daily overdue check.' })
  @Property({ length: 100, nullable: true })
  actedBySubject?: string;

  @Field(() => String, { nullable: true, description: 'Name of who did it; null for the daily overdue check.' })
  @Property({ length: 100, nullable: true })
  actedByName?: string;

  @Field(() => String, { nullable: true, description: 'Feedback (反馈内容) or reason (退回理由).' })
  @Property({ type: 'text', nullable: true })
  note?: string;

  @Field(() => String, { nullable: true, description: 'For an escalation: the level it came from (division code).' })
  @Property({ length: 12, nullable: true })
  fromTenantCode?: string;

  @Field(() => String, { nullable: true, description: 'For an escalation: the level it went to (division code).' })
  @Property({ length: 12, nullable: true })
  toTenantCode?: string;

  @Field(() => OrderStatus, { description: 'Status of the order after this step.' })
  @Enum({ items: () => OrderStatus, nativeEnumName: 'order_status' })
  statusAfter!: OrderStatus;
}
