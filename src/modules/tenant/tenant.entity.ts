import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { chinaDate } from '../../calendar/period';
import { TenantKind, TenantLevel } from './tenant.enums';

@ObjectType({
  description:
    'A government unit that uses the product (租户): a city, a county-level unit or a town, identified by its ' +
    'official administrative division code. Projects roll up from towns to counties to the city.',
})
@Check({ name: 'tenant_code_format', expression: `"code" ~ '^[0-9]{6}$' or "code" ~ '^[0-9]{9}$'` })
@Check({ name: 'tenant_validity_order', expression: `"valid_to" is null or "valid_from" is null or "valid_from" <= "valid_to"` })
@Entity({ tableName: 'tenant' })
@Index({ name: 'tenant_path_gist', expression: 'create index "tenant_path_gist" on "tenant" using gist ("path")' })
export class Tenant {
  [OptionalProps]?: 'validFrom' | 'validTo' | 'createdAt' | 'isActive';
  /** Tells MikroORM's types that references are made by division code. */
  [PrimaryKeyProp]?: 'code';

  @Field({
    description:
      'Official division code (行政区划代码): 6 digits for city and county (GB/T 2260, e.g. 371400), the first ' +
      '9 digits of the 12-digit statistical code for towns (e.g. 371402001).',
  })
  @PrimaryKey({ length: 12 })
  code!: string;

  @Field({ description: 'Official name, e.g. 德州市, 德城区, 新湖街道.' })
  @Property({ length: 100 })
  name!: string;

  @Field(() => TenantLevel, { description: 'Level in the hierarchy: city, county-level unit or town.' })
  @Enum({ items: () => TenantLevel, nativeEnumName: 'tenant_level' })
  level!: TenantLevel;

  @Field(() => TenantKind, { description: 'Kind of unit within its level (district, county, development zone, sub-district ...).' })
  @Enum({ items: () => TenantKind, nativeEnumName: 'tenant_kind' })
  kind!: TenantKind;

  /** Exposed through a field resolver backed by a loader. */
  @ManyToOne(() => Tenant, { nullable: true, fieldName: 'parent_code', deleteRule: 'restrict' })
  parent?: Tenant;

  @Field({ description: 'Codes from the city down to this tenant, dot-separated (e.g. 371400.371402.371402001).' })
  @Property({ columnType: 'ltree' })
  path!: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Date the unit came into being, when known.',
  })
  @Property({ type: 'date', nullable: true })
  validFrom?: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Date the unit was merged or abolished (撤并). A retired tenant keeps its projects and history but takes no new projects.',
  })
  @Property({ type: 'date', nullable: true })
  validTo?: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field({ description: 'True while the unit exists (no retirement date, or one in the future).' })
  get isActive(): boolean {
    return !this.validTo || this.validTo > chinaDate();
  }
}
