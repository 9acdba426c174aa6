import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { WAN_COLUMN } from '../../money/wan';
import { WanScalar } from '../../money/wan.scalar';
import { Project } from '../project/project.entity';
import { ProjectCategory } from '../project/project.enums';
import { Tenant } from '../tenant/tenant.entity';
import { ReserveMaturity, ReserveStatus } from './reserve.enums';

@ObjectType({
  description:
    'A project in the reserve pool (储备库, 谋划/储备): what it would build, what it would cost, when it is meant for, how ready ' +
    "it is and who pushes it. It leaves the pool promoted into a year's key-project list (the key project keeps the link, and " +
    'this record its history) or dropped with the reason. Its changes are in its `auditTrail` (entity RESERVE_PROJECT).',
})
@Check({ name: 'reserve_project_estimate_positive', expression: `"estimated_investment_wan" > 0` })
@Check({
  name: 'reserve_project_exit_consistent',
  expression:
    `("status" = 'POOLED' and "closed_on" is null and "project_id" is null) or ` +
    `("status" = 'PROMOTED' and "closed_on" is not null and "project_id" is not null and "promoted_year" is not null) or ` +
    `("status" = 'DROPPED' and "closed_on" is not null and "drop_reason" is not null)`,
})
@Entity({ tableName: 'reserve_project' })
@Index({ properties: ['owner', 'createdAt', 'id'] })
@Unique({ name: 'reserve_project_project_unique', properties: ['project'] })
export class ReserveProject {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'version' | 'status' | 'createdBySubject' | 'updatedBySubject';

  @Field(() => ID, { description: 'Stable identifier of the reserve project.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'Name (项目名称); becomes the key project’s name when promoted.' })
  @Property({ length: 200 })
  name!: string;

  @Field({ nullable: true, description: 'What it would build (建设内容).' })
  @Property({ type: 'text', nullable: true })
  constructionContent?: string;

  @Field(() => ProjectCategory, { description: 'Category (项目类别), as the key project would have it.' })
  @Enum({ items: () => ProjectCategory, nativeEnumName: 'project_category' })
  category!: ProjectCategory;

  /** The tenant whose pool holds it; exposed through a loader. */
  @ManyToOne(() => Tenant, { fieldName: 'owner_tenant_code', deleteRule: 'restrict' })
  owner!: Tenant;

  @Field(() => WanScalar, { description: 'Estimated total investment (估算总投资), 万元; more than zero.' })
  @Property({ columnType: WAN_COLUMN, type: 'decimal' })
  estimatedInvestmentWan!: string;

  @Field(() => Int, { description: 'Year it is meant to be listed and started in (拟实施年度).' })
  @Property({ type: 'smallint' })
  intendedYear!: number;

  @Field(() => ReserveMaturity, { description: 'How ready it is (成熟度).' })
  @Enum({ items: () => ReserveMaturity, nativeEnumName: 'reserve_maturity' })
  maturity!: ReserveMaturity;

  @Field({ nullable: true, description: 'The unit pushing it (推进单位 / 责任单位).' })
  @Property({ length: 200, nullable: true })
  promotingUnit?: string;

  @Field(() => LocalDateScalar, { description: 'Day it entered the pool (入库日期).' })
  @Property({ type: 'date' })
  pooledOn!: string;

  @Field(() => ReserveStatus, { description: 'In the pool, promoted or dropped.' })
  @Enum({ items: () => ReserveStatus, nativeEnumName: 'reserve_status', default: ReserveStatus.POOLED })
  status: ReserveStatus = ReserveStatus.POOLED;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day it left the pool (转化或出库日期); null while pooled.' })
  @Property({ type: 'date', nullable: true })
  closedOn?: string;

  @Field(() => Int, { nullable: true, description: 'The year whose key-project list it was promoted into (转入年度).' })
  @Property({ type: 'smallint', nullable: true })
  promotedYear?: number;

  @Field({ nullable: true, description: 'Why it was dropped (出库原因).' })
  @Property({ type: 'text', nullable: true })
  dropReason?: string;

  /** The key project it became; exposed through a field resolver under the project's own scope. */
  @ManyToOne(() => Project, { nullable: true, deleteRule: 'set null' })
  project?: Project;

  @Field(() => Int, {
    description: 'Version of the record; send it back as `version` to be told CONFLICT when someone changed it since.',
  })
  @Property({ version: true })
  version: number = 1;

  @Field({ description: 'When it was entered.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field({ description: 'Display name of who entered it.' })
  @Property({ length: 100 })
  createdByName!: string;

  /** Subject (Keycloak user id) of who entered it. */
  @Property({ length: 100 })
  createdBy!: string;

  @Field({ description: 'Keycloak subject of who entered it.' })
  get createdBySubject(): string {
    return this.createdBy;
  }

  @Field({ description: 'When it last changed.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field({ description: 'Display name of who last changed it.' })
  @Property({ length: 100 })
  updatedByName!: string;

  /** Subject of who last changed it. */
  @Property({ length: 100 })
  updatedBy!: string;

  @Field({ description: 'Keycloak subject of who last changed it.' })
  get updatedBySubject(): string {
    return this.updatedBy;
  }
}
