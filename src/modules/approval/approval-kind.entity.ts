import { randomUUID } from 'node:crypto';
import { Check, Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Tenant } from '../tenant/tenant.entity';

@ObjectType({
  description:
    "One approval of a city's preparatory list (前期手续), e.g. 环境影响评价批复: its usual approving office, whether a " +
    'project needs it before the start (开工前置), and the rule of its light (审批信号灯): the time limit and warning days.',
})
@Entity({ tableName: 'approval_kind' })
@Unique({ properties: ['city', 'code'] })
@Check({ name: 'approval_kind_time_limit_check', expression: `"time_limit_days" > 0` })
@Check({ name: 'approval_kind_warning_check', expression: `"warning_days" >= 0 and "warning_days" < "time_limit_days"` })
export class ApprovalKind {
  [OptionalProps]?: 'isRequiredToStart' | 'warningDays' | 'version' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { description: 'Stable identifier of the kind.' })
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { fieldName: 'city_code', deleteRule: 'restrict' })
  city!: Tenant;

  @Field({ description: 'Code of the kind within its city, e.g. ENVIRONMENTAL_IMPACT: what inputs name it by (`kindCode`).' })
  @Property({ length: 40 })
  code!: string;

  @Field({ description: 'Its name, e.g. 环境影响评价批复.' })
  @Property({ length: 50 })
  name!: string;

  @Field({ description: 'The office that usually grants it (审批部门), e.g. 德州市生态环境局; a project may name another.' })
  @Property({ length: 100 })
  office!: string;

  @Field({
    description:
      'Required before the start (开工前置): a project is confirmed started only with it approved or not needed, or an exception.',
  })
  @Property({ default: false })
  isRequiredToStart: boolean = false;

  @Field(() => Int, { description: 'Time limit (办理时限) in days from submission; past it the approval is overdue (red).' })
  @Property({ type: 'int' })
  timeLimitDays!: number;

  @Field(() => Int, {
    description: 'Warning days (预警): yellow when fewer days than this remain before the time limit or the planned date.',
  })
  @Property({ type: 'int', default: 0 })
  warningDays: number = 0;

  @Field(() => Int, { description: 'Place in the list (办理顺序), from 1.' })
  @Property({ type: 'int' })
  position!: number;

  @Field(() => Int, {
    description: 'Version of the record; send it back as `version` in an update to be told CONFLICT when someone changed it since.',
  })
  @Property({ version: true, default: 1 })
  version: number = 1;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
