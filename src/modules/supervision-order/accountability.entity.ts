import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { Blocker } from '../blocker/blocker.entity';
import { Project } from '../project/project.entity';
import { Tenant } from '../tenant/tenant.entity';
import { AccountabilityMeasure } from './accountability.enums';
import { SupervisionOrder } from './supervision-order.entity';

@ObjectType({
  description:
    'An accountability outcome (问责结果) recorded on a closed supervision order or on a blocker: who was held to ' +
    'account, by what measure, when, and who recorded it. Read with the order or blocker it is recorded on.',
})
@Entity({ tableName: 'accountability_outcome' })
@Index({ properties: ['order'] })
@Index({ properties: ['blocker'] })
export class AccountabilityOutcome {
  [OptionalProps]?: 'recordedAt';

  @Field(() => ID, { description: 'Stable identifier of the outcome.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => SupervisionOrder, { nullable: true, deleteRule: 'cascade' })
  order?: SupervisionOrder;

  @ManyToOne(() => Blocker, { nullable: true, deleteRule: 'cascade' })
  blocker?: Blocker;

  /** The project of the order or blocker, when it has one: the outcome is read with it. */
  @ManyToOne(() => Project, { nullable: true, deleteRule: 'cascade' })
  project?: Project;

  /** The tenant the order or blocker concerns. */
  @ManyToOne(() => Tenant, { fieldName: 'owner_tenant_code', deleteRule: 'restrict' })
  tenant!: Tenant;

  @Field({ description: 'Name of the person held to account (问责对象).' })
  @Property({ length: 50 })
  personName!: string;

  @Field({ description: 'Their unit and post (单位及职务), e.g. 德城区自然资源局副局长.' })
  @Property({ length: 100 })
  personUnit!: string;

  @Field(() => AccountabilityMeasure, { description: 'The measure taken (问责方式).' })
  @Enum({ items: () => AccountabilityMeasure, nativeEnumName: 'accountability_measure' })
  measure!: AccountabilityMeasure;

  @Field(() => String, { nullable: true, description: 'Details of the measure and its grounds (问责情况说明).' })
  @Property({ type: 'text', nullable: true })
  detail?: string;

  @Field(() => LocalDateScalar, { description: 'The day the measure was decided (问责日期).' })
  @Property({ type: 'date' })
  decidedOn!: string;

  @Field({ description: 'Keycloak subject of who recorded it.' })
  @Property({ length: 100 })
  recordedBySubject!: string;

  @Field({ description: 'Name of who recorded it.' })
  @Property({ length: 100 })
  recordedByName!: string;

  @Field({ description: 'When it was recorded.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  recordedAt: Date = new Date();
}
