import { randomUUID } from 'node:crypto';
import { Check, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { PeriodScalar } from '../../calendar/calendar.scalars';
import { Period } from '../../calendar/period';
import { WAN_COLUMN } from '../../money/wan';
import { WanScalar } from '../../money/wan.scalar';
import { AnnualPlan } from './annual-plan.entity';
import { Project } from './project.entity';

/**
 * One month's share of an annual plan (任务分解). Written by the database (the even split, when a
 * plan is set or its amount changes) or by `setMonthlyTargets`; exposed through `AnnualPlan.monthlyTargets`.
 */
@ObjectType({ description: "One month's target of an annual plan (月度目标, 任务分解)." })
@Entity({ tableName: 'project_monthly_target' })
@Unique({ name: 'project_monthly_target_plan_period_unique', properties: ['annualPlan', 'period'] })
@Check({ name: 'project_monthly_target_period_is_month', expression: `extract(day from "period") = 1` })
@Check({ name: 'project_monthly_target_non_negative', expression: `"target_wan" >= 0` })
export class MonthlyTarget {
  [OptionalProps]?: 'id' | 'month';

  @Field(() => ID, { description: 'Stable identifier of the target (for its `auditTrail`).' })
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id: string = randomUUID();

  @ManyToOne(() => AnnualPlan, { deleteRule: 'cascade' })
  annualPlan!: AnnualPlan;

  /** The plan's project, for row-level security and rollups. */
  @Index({ name: 'project_monthly_target_project_id_index' })
  @ManyToOne(() => Project, { deleteRule: 'cascade' })
  project!: Project;

  /** First day of the month. */
  @Property({ type: 'date' })
  period!: string;

  @Field(() => PeriodScalar, { name: 'period', description: 'The month.' })
  get month(): Period {
    return Period.ofDate(this.period);
  }

  @Field(() => WanScalar, { description: 'Investment to complete in the month, 万元.' })
  @Property({ columnType: WAN_COLUMN, type: 'decimal' })
  targetWan!: string;
}
