import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { WAN_COLUMN } from '../../money/wan';
import { WanScalar } from '../../money/wan.scalar';
import { InvestmentLead } from '../attraction/investment-lead.entity';
import { Project } from '../project/project.entity';
import { FundingSource } from '../project/funding-source';

@ObjectType({
  description:
    'Funds that arrived for a project (到位资金), on a day: each arrival is recorded once, never edited (a wrong one is ' +
    "removed and recorded again). A project's `fundsInPlaceWan` is the sum of its arrivals; the rollups count them by the " +
    'day they arrived (本年到位资金).',
})
@Check({ name: 'fund_arrival_amount_positive', expression: `"amount_wan" > 0` })
@Check({ name: 'fund_arrival_has_holder', expression: `"project_id" is not null or "lead_id" is not null` })
@Entity({ tableName: 'fund_arrival' })
@Index({ name: 'fund_arrival_project_id_arrived_on_index', properties: ['project', 'arrivedOn'] })
@Index({ name: 'fund_arrival_lead_id_index', properties: ['lead'] })
export class FundArrival {
  [OptionalProps]?: 'recordedAt' | 'recordedBySubject';

  @Field(() => ID, { description: 'Stable identifier of the arrival (for its `auditTrail` and `removeFundArrival`).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The project the funds are for; exposed through a field resolver. Absent only for a lead's funds migrated without one. */
  @ManyToOne(() => Project, { nullable: true, deleteRule: 'cascade' })
  project?: Project;

  /** The investment lead (招商线索) the funds came through, when recorded on the lead. */
  @ManyToOne(() => InvestmentLead, { nullable: true, deleteRule: 'cascade' })
  lead?: InvestmentLead;

  @Field(() => LocalDateScalar, { description: 'Day the funds arrived (到位日期); the period figures count it in its month.' })
  @Property({ type: 'date' })
  arrivedOn!: string;

  @Field(() => WanScalar, { description: 'Amount that arrived, 万元; more than zero.' })
  @Property({ columnType: WAN_COLUMN, type: 'decimal' })
  amountWan!: string;

  @Field(() => FundingSource, {
    nullable: true,
    description:
      'Which source the funds came from (资金来源); null when not given. The rollups break funds down by it (`byFundingSource`).',
  })
  @Enum({ items: () => FundingSource, nativeEnumName: 'funding_source', nullable: true })
  source?: FundingSource;

  @Field({ nullable: true, description: 'Where the funds come from or what they are for (e.g. 专项债, 企业自筹).' })
  @Property({ type: 'text', nullable: true })
  note?: string;

  @Field({ description: 'When the arrival was recorded.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  recordedAt: Date = new Date();

  @Property({ length: 100 })
  recordedBy!: string;

  @Field({ description: 'Keycloak subject of who recorded it.' })
  get recordedBySubject(): string {
    return this.recordedBy;
  }

  @Field({ description: 'Display name of who recorded it, at the time.' })
  @Property({ length: 100 })
  recordedByName!: string;
}
