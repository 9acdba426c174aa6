import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { WAN_COLUMN } from '../../money/wan';
import { WanScalar } from '../../money/wan.scalar';
import { Project } from '../project/project.entity';
import { Tenant } from '../tenant/tenant.entity';
import { LeadStage } from './attraction.enums';

@ObjectType({
  description:
    'An investment-attraction lead (招商引资线索 / 招商项目): an investor the owning tenant courts, followed from intent ' +
    '(意向) through framework agreement (框架协议), contract (签约) and start (开工) to funds in place (资金到位). ' +
    'Once started it has its key project (重点项目).',
})
@Check({
  name: 'investment_lead_money_non_negative',
  expression: `"intended_wan" >= 0 and ("signed_wan" is null or "signed_wan" > 0) and "funds_in_place_wan" >= 0`,
})
@Check({
  name: 'investment_lead_step_order',
  expression:
    `("framework_agreed_on" is null or "framework_agreed_on" >= "intent_on") and ` +
    `("signed_on" is null or "signed_on" >= coalesce("framework_agreed_on", "intent_on")) and ` +
    `("started_on" is null or "started_on" >= "signed_on") and ` +
    `("funds_in_place_on" is null or "funds_in_place_on" >= "started_on")`,
})
@Entity({ tableName: 'investment_lead' })
@Index({ properties: ['owner', 'createdAt', 'id'] })
@Index({ name: 'investment_lead_signed_on_index', properties: ['signedOn'] })
@Unique({ name: 'investment_lead_project_unique', properties: ['project'] })
export class InvestmentLead {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'fundsInPlaceWan' | 'version' | 'createdBySubject' | 'updatedBySubject';

  @Field(() => ID, { description: 'Stable identifier of the lead.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: "Name of the project the investor proposes (招商项目名称); becomes the key project's name." })
  @Property({ length: 200 })
  name!: string;

  @Field({ description: 'Investor (投资方 / 客商), the company courted; becomes the project owner (项目业主).' })
  @Property({ length: 200 })
  investorName!: string;

  @Field({ nullable: true, description: 'Where the investor comes from (客商来源地), e.g. 江苏省 or 德国; free text.' })
  @Property({ length: 100, nullable: true })
  investorOrigin?: string;

  @Field({ nullable: true, description: 'Industry (产业 / 行业), e.g. 新能源装备制造; free text.' })
  @Property({ length: 100, nullable: true })
  industry?: string;

  /** The tenant that courts the investor and answers for the lead; exposed through a loader. */
  @ManyToOne(() => Tenant, { fieldName: 'owner_tenant_code', deleteRule: 'restrict' })
  owner!: Tenant;

  @Field({ nullable: true, description: 'Unit responsible for the lead (招商责任单位), e.g. 县招商局; free text.' })
  @Property({ length: 200, nullable: true })
  responsibleUnit?: string;

  @Field(() => LeadStage, { description: 'The last step reached (当前阶段).' })
  @Enum({ items: () => LeadStage, nativeEnumName: 'lead_stage' })
  stage!: LeadStage;

  @Field(() => LocalDateScalar, { description: 'Date the intent was reached (达成意向日期).' })
  @Property({ type: 'date' })
  intentOn!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date the framework agreement was signed (框架协议签订日期).' })
  @Property({ type: 'date', nullable: true })
  frameworkAgreedOn?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date the contract was signed (签约日期).' })
  @Property({ type: 'date', nullable: true })
  signedOn?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date construction started (开工日期).' })
  @Property({ type: 'date', nullable: true })
  startedOn?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date the funds were all in place (资金到位日期).' })
  @Property({ type: 'date', nullable: true })
  fundsInPlaceOn?: string;

  @Field(() => WanScalar, { description: 'Intended investment (意向投资额), 万元.' })
  @Property({ columnType: WAN_COLUMN, type: 'decimal' })
  intendedWan!: string;

  @Field(() => WanScalar, { nullable: true, description: 'Contracted investment (签约额 / 合同投资额), 万元; set when signed.' })
  @Property({ columnType: WAN_COLUMN, type: 'decimal', nullable: true })
  signedWan?: string;

  @Field(() => WanScalar, { description: 'Funds in place (到位资金) to date, 万元; grows after the start.' })
  @Property({ columnType: WAN_COLUMN, type: 'decimal', default: '0' })
  fundsInPlaceWan: string = '0';

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of the latest funds record (最近到位日期).' })
  @Property({ type: 'date', nullable: true })
  fundsRecordedOn?: string;

  /** The key project the lead became; exposed through a loader. */
  @ManyToOne(() => Project, { nullable: true, deleteRule: 'set null' })
  project?: Project;

  @Field(() => Int, {
    description: 'Version of the record; send it back as `version` in an update to be told CONFLICT when someone changed it since.',
  })
  @Property({ version: true })
  version: number = 1;

  @Field({ description: 'When the lead was registered here.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field({ description: 'Display name of who registered the lead.' })
  @Property({ length: 100 })
  createdByName!: string;

  /** Subject (Keycloak user id) of who registered the lead. */
  @Property({ length: 100 })
  createdBy!: string;

  @Field({ description: 'Keycloak subject of who registered the lead.' })
  get createdBySubject(): string {
    return this.createdBy;
  }

  @Field({ description: 'When the lead last changed.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field({ description: 'Display name of who last changed the lead.' })
  @Property({ length: 100 })
  updatedByName!: string;

  /** Subject of who last changed the lead. */
  @Property({ length: 100 })
  updatedBy!: string;

  @Field({ description: 'Keycloak subject of who last changed the lead.' })
  get updatedBySubject(): string {
    return this.updatedBy;
  }
}
