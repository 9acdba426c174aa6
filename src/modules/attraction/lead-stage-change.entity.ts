import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { formerNameOf } from '../../graphql/deprecation';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { WanScalar } from '../../money/wan.scalar';
import { WAN_COLUMN } from '../../money/wan';
import { LeadStage } from './attraction.enums';
import { InvestmentLead } from './investment-lead.entity';

@ObjectType({
  description: 'One dated step of a lead (招商线索阶段变更), with the amount it carried; the history is never rewritten.',
})
@Entity({ tableName: 'investment_lead_stage_change' })
@Index({ properties: ['lead', 'changedOn'] })
export class LeadStageChange {
  [OptionalProps]?: 'recordedAt' | 'recordedBySubject';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => InvestmentLead, { deleteRule: 'cascade' })
  lead!: InvestmentLead;

  @Field(() => LeadStage, { description: 'The step reached.' })
  @Enum({ items: () => LeadStage, nativeEnumName: 'lead_stage' })
  stage!: LeadStage;

  @Field(() => LocalDateScalar, { description: 'Date it was reached.' })
  @Property({ type: 'date' })
  changedOn!: string;

  @Field(() => WanScalar, {
    nullable: true,
    description: 'The amount of the step, 万元: intended at INTENT, signed at CONTRACT_SIGNED, in place at FUNDS_IN_PLACE.',
  })
  @Property({ columnType: WAN_COLUMN, type: 'decimal', nullable: true })
  amountWan?: string;

  @Field({ nullable: true, description: "Remarks, e.g. the agreement's number or the project it started as." })
  @Property({ type: 'text', nullable: true })
  note?: string;

  @Field({ description: 'When the step was recorded.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  recordedAt: Date = new Date();

  @Field({ ...formerNameOf('recordedBySubject') })
  @Property({ length: 100 })
  recordedBy!: string;

  @Field({ description: 'Keycloak subject of who recorded it.' })
  get recordedBySubject(): string {
    return this.recordedBy;
  }

  @Field({ description: 'Display name of who recorded it.' })
  @Property({ length: 100 })
  recordedByName!: string;
}
