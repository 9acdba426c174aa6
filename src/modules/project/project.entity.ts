import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { WAN_COLUMN } from '../../money/wan';
import { WanScalar } from '../../money/wan.scalar';
import { Tenant } from '../tenant/tenant.entity';
import { DesignationLevel, ProjectCategory, ProjectNature, ProjectStage } from './project.enums';
import { DESCRIPTIVE_FIELD_LENGTHS } from './project-rules';

@ObjectType({
  description:
    'A key project (重点项目) registered by a town, county or city: what it is, who owns it, its money, its ' +
    'schedule and where it stands. Year figures are derived from its approved monthly progress reports.',
})
@Check({
  name: 'project_money_non_negative',
  expression: `"total_investment_wan" >= 0 and "funds_in_place_wan" >= 0 and "completed_before_tracking_wan" >= 0`,
})
@Check({
  name: 'project_schedule_order',
  expression: `"planned_completion_on" is null or "planned_start_on" is null or "planned_start_on" <= "planned_completion_on"`,
})
@Entity({ tableName: 'project' })
@Index({ properties: ['owner', 'createdAt', 'id'] })
// The orders of the list, walked for a viewer who reads most projects (see pageStatement in project-list.ts).
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['name', 'id'] })
@Index({ properties: ['totalInvestmentWan', 'id'] })
// Projects built in a small reach, found by key (READ_REACH in project-list.ts).
@Index({ properties: ['location'] })
@Index({ name: 'project_stage_index', properties: ['stage'] })
@Index({ name: 'project_owner_planned_start_index', properties: ['owner', 'plannedStartOn'] })
export class Project {
  [OptionalProps]?:
    | 'createdAt'
    | 'updatedAt'
    | 'fundsInPlaceWan'
    | 'completedBeforeTrackingWan'
    | 'isInStatisticsDatabase'
    | 'designationLevels'
    | 'startedOn'
    | 'version';

  @Field(() => ID, { description: 'Stable identifier of the project in this system.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({
    nullable: true,
    description:
      'National investment project code (项目代码, GB/T 40058-2021) issued by the national online approval platform ' +
      '(全国投资项目在线审批监管平台), e.g. 2411-371400-89-01-637015. Unique; absent while not yet issued.',
  })
  @Property({ length: 24, nullable: true, unique: 'project_code_unique' })
  code?: string;

  @Field({ description: 'Project name (项目名称).' })
  @Property({ length: 200 })
  name!: string;

  @Field({ nullable: true, description: 'Main construction content and scale (建设内容及规模).' })
  @Property({ type: 'text', nullable: true })
  constructionContent?: string;

  @Field(() => ProjectCategory, { description: 'Category (项目类别).' })
  @Enum({ items: () => ProjectCategory, nativeEnumName: 'project_category' })
  category!: ProjectCategory;

  /**
   * The nature it was registered with or last given (updateProject): the default of new plans, and
   * what the API shows while the project is on no list this year. Each year's list has its own
   * (AnnualPlan.nature); the GraphQL field is resolved in ProjectListingResolver.
   */
  @Enum({ items: () => ProjectNature, nativeEnumName: 'project_nature' })
  nature!: ProjectNature;

  @Field(() => ProjectStage, { description: 'Current stage; every change is dated in `stageHistory`.' })
  @Enum({ items: () => ProjectStage, nativeEnumName: 'project_stage' })
  stage!: ProjectStage;

  /** As `nature`: the levels it was registered with or last given; each year's plan has its own. */
  @Enum({ items: () => DesignationLevel, array: true, nativeEnumName: 'designation_level', default: [] })
  designationLevels: DesignationLevel[] = [];

  /** The tenant that registered the project and answers for it; exposed through a loader. */
  @ManyToOne(() => Tenant, { fieldName: 'owner_tenant_code', deleteRule: 'restrict' })
  owner!: Tenant;

  /**
   * Where the project is built when that differs from the owner (e.g. a city project in a town): the
   * location's county and town read it (属地) and count it in their figures by location.
   */
  @ManyToOne(() => Tenant, { fieldName: 'location_tenant_code', nullable: true, deleteRule: 'restrict' })
  location?: Tenant;

  @Field(() => WanScalar, { description: 'Total investment (总投资), 万元.' })
  @Property({ columnType: WAN_COLUMN, type: 'decimal' })
  totalInvestmentWan!: string;

  /** Kept by the database as the sum of the project's fund arrivals (kp_fund_totals); written only at registration. */
  @Field(() => WanScalar, {
    description: 'Funds in place (到位资金) to date, 万元: the sum of its fund arrivals (`fundArrivals`).',
  })
  @Property({ columnType: WAN_COLUMN, type: 'decimal', default: '0' })
  fundsInPlaceWan: string = '0';

  @Field(() => WanScalar, {
    description:
      'Investment completed before the first monthly report recorded here (系统上线前累计完成投资), 万元: the ' +
      'opening balance of `completedSinceStartWan` for projects that started before the product was in use.',
  })
  @Property({ columnType: WAN_COLUMN, type: 'decimal', default: '0' })
  completedBeforeTrackingWan: string = '0';

  @Field(() => LocalDateScalar, { nullable: true, description: 'Planned start date (计划开工时间).' })
  @Property({ type: 'date', nullable: true })
  plannedStartOn?: string;

  /**
   * Actual start, kept by a database trigger from the stage history for the rollups; never written
   * here. The GraphQL field `startedOn` reads the history itself, so it is never stale in a request.
   */
  @Property({ type: 'date', nullable: true })
  startedOn?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Planned completion date (计划竣工时间).' })
  @Property({ type: 'date', nullable: true })
  plannedCompletionOn?: string;

  @Field({
    description:
      'Entered in the fixed-asset investment statistics database (入库纳统). Only such projects (5 million CNY and ' +
      'more) count in the official investment statistics.',
  })
  @Property({ default: false })
  isInStatisticsDatabase: boolean = false;

  @Field({ nullable: true, description: 'Project owner / construction unit (项目业主 / 建设单位).' })
  @Property({ length: DESCRIPTIVE_FIELD_LENGTHS.ownerUnit, nullable: true })
  ownerUnit?: string;

  @Field({ nullable: true, description: 'Contact person for the project (联系人).' })
  @Property({ length: DESCRIPTIVE_FIELD_LENGTHS.contactName, nullable: true })
  contactName?: string;

  @Field({ nullable: true, description: 'Contact telephone (联系电话).' })
  @Property({ length: DESCRIPTIVE_FIELD_LENGTHS.contactPhone, nullable: true })
  contactPhone?: string;

  @Field(() => Int, {
    description:
      'Version of the record, one higher after every change to it (a stage change too; its yearly plans, reports and ' +
      'milestones are records of their own); send it back as `version` in an update to be told CONFLICT when someone ' +
      'changed it since.',
  })
  @Property({ version: true, default: 1 })
  version: number = 1;

  @Field({ description: 'When the project was registered here.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field({ description: 'When the project record last changed.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
