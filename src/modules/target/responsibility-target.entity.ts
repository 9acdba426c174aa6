import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { WanScalar } from '../../money/wan.scalar';
import { WAN_COLUMN } from '../../money/wan';
import { Tenant } from '../tenant/tenant.entity';
import { TargetMeasure } from './target.enums';

/**
 * One measure of a tenant's target-responsibility letter (目标责任书) for a year, set by the tenant
 * above it (the city for itself). Shown through ResponsibilityTargetProgress, beside what was done.
 */
@ObjectType({ description: "One measure of a tenant's yearly target-responsibility letter (目标责任书)." })
@Check({ name: 'responsibility_target_value_positive', expression: `"target_value" > 0` })
@Entity({ tableName: 'responsibility_target' })
@Unique({ name: 'responsibility_target_tenant_year_measure_unique', properties: ['tenant', 'year', 'measure'] })
export class ResponsibilityTarget {
  [OptionalProps]?: 'updatedAt' | 'updatedBySubject';

  @Field(() => ID, { description: 'Stable identifier of the measure (for its `auditTrail`).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { fieldName: 'tenant_code', deleteRule: 'restrict' })
  tenant!: Tenant;

  @Field(() => Int, { description: 'The calendar year the letter is for.' })
  @Property({ type: 'smallint' })
  year!: number;

  @Field(() => TargetMeasure, { description: 'The measure.' })
  @Enum({ items: () => TargetMeasure, nativeEnumName: 'target_measure' })
  measure!: TargetMeasure;

  @Field(() => WanScalar, {
    description: 'The target: 万元 for INVESTMENT_COMPLETED and FUNDS_ARRIVED, a whole number of projects for the counting measures.',
  })
  @Property({ columnType: WAN_COLUMN, type: 'decimal' })
  targetValue!: string;

  @Field(() => LocalDateScalar, { description: 'Day the letter was signed (签订日期).' })
  @Property({ type: 'date' })
  signedOn!: string;

  /** Subject of who set it last (the tenant above's officer). */
  @Property({ length: 100 })
  updatedBy!: string;

  @Field({ description: 'Keycloak subject of who set it last.' })
  get updatedBySubject(): string {
    return this.updatedBy;
  }

  @Field({ description: 'Display name of who set it last.' })
  @Property({ length: 100 })
  updatedByName!: string;

  @Field({ description: 'When it was last set.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
