import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { Tenant } from '../tenant/tenant.entity';

/**
 * A tenant's target-responsibility letter (目标责任书) for a year as one record: what a change is
 * checked against (`version`) and what announces it (TARGETS_SET). Its measures are
 * ResponsibilityTarget rows, replaced with it.
 */
@ObjectType({
  description:
    "A tenant's target-responsibility letter (目标责任书) for a year, signed with the tenant above it: its measures, who set it " +
    'last and its version, which a change sends back (`SetResponsibilityTargetsInput.version`). Its changes are in its ' +
    '`auditTrail` (entity RESPONSIBILITY_LETTER), each measure in its own (RESPONSIBILITY_TARGET).',
})
@Entity({ tableName: 'responsibility_letter' })
@Unique({ name: 'responsibility_letter_tenant_year_unique', properties: ['tenant', 'year'] })
export class ResponsibilityLetter {
  [OptionalProps]?: 'updatedAt' | 'version' | 'updatedBySubject';

  @Field(() => ID, { description: 'Stable identifier of the letter (for its `auditTrail`).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { fieldName: 'tenant_code', deleteRule: 'restrict' })
  tenant!: Tenant;

  @Field(() => Int, { description: 'The calendar year the letter is for.' })
  @Property({ type: 'smallint' })
  year!: number;

  @Field(() => LocalDateScalar, { description: 'Day it was signed (签订日期).' })
  @Property({ type: 'date' })
  signedOn!: string;

  @Field(() => Int, { description: 'Version, 1 when first set and one more at each change.' })
  @Property({ version: true })
  version: number = 1;

  /** Subject of who set it last. */
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
