import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { WAN_COLUMN } from '../../money/wan';
import { WanScalar } from '../../money/wan.scalar';
import { PlanFundingSource } from './plan-funding';
import { Project } from './project.entity';
import { DesignationLevel, ProjectNature } from './project.enums';

@ObjectType({
  description:
    "A project's planned investment for one calendar year (年度计划投资). Being on a year's plan is what puts a " +
    "project on that year's key-project list, with the nature and designation levels it has on that list: they belong " +
    "to the year, so next year's list never rewrites this year's figures.",
})
@Check({ name: 'project_annual_plan_non_negative', expression: `"planned_investment_wan" >= 0` })
// The funding sources' shape and sum (src/db/sql/projects/kp_plan_funding_fits.sql), for writers other than the API.
@Check({ name: 'project_annual_plan_funding_fits', expression: 'kp_plan_funding_fits(funding_sources, planned_investment_wan) is true' })
@Entity({ tableName: 'project_annual_plan' })
@Unique({ name: 'project_annual_plan_year_unique', properties: ['project', 'year'] })
@Index({ name: 'project_annual_plan_year_index', properties: ['year', 'project'] })
export class AnnualPlan {
  [OptionalProps]?: 'updatedAt' | 'targetsAreCustom' | 'fundingSources';

  @Field(() => ID, { description: 'Stable identifier of the plan (for its `auditTrail`).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { deleteRule: 'cascade' })
  project!: Project;

  @Field(() => Int, { description: 'Calendar year of the plan.' })
  @Property({ type: 'smallint' })
  year!: number;

  @Field(() => WanScalar, { description: 'Planned investment for the year (年度计划投资), 万元.' })
  @Property({ columnType: WAN_COLUMN, type: 'decimal' })
  plannedInvestmentWan!: string;

  @Field(() => ProjectNature, {
    description:
      "Nature on the year's list (建设性质): new start (新开工), continuing (续建) or preparatory (前期). The start rates count by it.",
  })
  @Enum({ items: () => ProjectNature, nativeEnumName: 'project_nature' })
  nature!: ProjectNature;

  @Field(() => [DesignationLevel], {
    description:
      "Levels whose key-project lists include the project in the year (国家/省/市/县重点); the rollups' byDesignationLevel counts by them.",
  })
  @Enum({ items: () => DesignationLevel, array: true, nativeEnumName: 'designation_level' })
  designationLevels!: DesignationLevel[];

  @Field(() => [PlanFundingSource], {
    description:
      'Where the planned investment comes from (资金来源), in the order of the FundingSource enum; empty when not given. ' +
      'Together no more than the plan; what they leave is `unsourcedWan`.',
  })
  @Property({ type: 'json', columnType: 'jsonb', defaultRaw: `'[]'::jsonb` })
  fundingSources: PlanFundingSource[] = [];

  @Field({
    description:
      'Whether its monthly targets were set by hand (任务分解); false: the even split. Changing the amount returns to the even split.',
  })
  @Property({ default: false })
  targetsAreCustom: boolean = false;

  @Field({ description: 'When the plan was last set.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
