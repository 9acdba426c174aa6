import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { AccountabilityMeasure } from './accountability.enums';
import { OrderStatus, OrderSubject } from './supervision-order.enums';

const VERSION_DESCRIPTION = 'The version you last read (版本号); CONFLICT (field `input.version`) when the order changed since.';

@InputType({ description: 'A new supervision order (下发督办).' })
export class IssueSupervisionOrderInput {
  @Field(() => OrderSubject, { description: 'What it is about (督办对象); the matching id below is required.' })
  subject!: OrderSubject;

  @Field(() => ID, { nullable: true, description: 'The project (督办项目), when `subject` is PROJECT.' })
  projectId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The blocker (督办问题), when `subject` is BLOCKER.' })
  blockerId?: string | null;

  @Field(() => String, { nullable: true, description: 'The tenant (督办区划), its division code, when `subject` is TENANT.' })
  tenantCode?: string | null;

  @Field({ description: 'Title of the notice (督办事项), at most 200 characters, e.g. 关于加快XX项目土地报批进度的督办通知.' })
  title!: string;

  @Field({ description: 'What is required (督办要求), at most 2000 characters.' })
  requirement!: string;

  @Field(() => String, {
    nullable: true,
    description: "Tenant addressed (承办区划), its division code, within the issuer's subtree; at least one of it and `addresseeUnit`.",
  })
  addresseeTenantCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Responsible unit addressed (承办单位), at most 100 characters.' })
  addresseeUnit?: string | null;

  @Field(() => LocalDateScalar, { description: 'Date by which it must be done (办结时限); not before today.' })
  deadlineOn!: string;
}

@InputType({ description: 'A step on an order that needs nothing but its id (acknowledge it, close it).' })
export class SupervisionOrderStepInput {
  @Field(() => ID, { description: 'Id of the order (督办单).' })
  id!: string;

  @Field(() => Int, { nullable: true, description: VERSION_DESCRIPTION })
  version?: number | null;
}

@InputType({ description: 'Feedback on an order (反馈) or the reason for sending it back (退回理由).' })
export class SupervisionOrderNoteInput {
  @Field(() => ID, { description: 'Id of the order (督办单).' })
  id!: string;

  @Field({ description: 'The text (反馈内容或退回理由), at most 2000 characters.' })
  note!: string;

  @Field(() => Int, { nullable: true, description: VERSION_DESCRIPTION })
  version?: number | null;
}

@InputType({ description: 'Which supervision orders to list (督办台账筛选). Every condition given must hold.' })
export class SupervisionOrderFilter {
  @Field(() => [OrderStatus], { nullable: true, description: 'Only these statuses (督办状态).' })
  statuses?: OrderStatus[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True: only overdue ones (逾期, not closed past the deadline); false: only those not.',
  })
  isOverdue?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Only those addressed to this tenant (承办区划), its division code.' })
  addresseeTenantCode?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "True: only those addressed to the viewer's own tenant (their to-do list, 待办督办); false: only those not.",
  })
  addressedToMe?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "True: only those escalated to the viewer's own tenant for being overdue (提级督办, the leaders' to-do list); false: only those not.",
  })
  escalatedToMe?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True: only those whose next step is the viewer’s (待我办理): ISSUED, ACKNOWLEDGED or SENT_BACK ones the viewer answers ' +
      '(签收, 反馈: an officer of the addressee tenant, or assigned to the project), and FEEDBACK_GIVEN ones the viewer decides ' +
      '(办结, 退回: who issued it, or whoever issues orders at the issuer’s tenant); false: only those not.',
  })
  awaitingMe?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only those about this project (督办项目), its blockers included.' })
  projectId?: string | null;

  @Field(() => String, { nullable: true, description: "Only those concerning this tenant's subtree (所属区划), its division code." })
  tenantCode?: string | null;
}

@InputType({ description: 'An accountability outcome (问责结果) on a closed order or on a blocker: exactly one of the two ids.' })
export class RecordAccountabilityInput {
  @Field(() => ID, { nullable: true, description: 'The closed supervision order (督办单).' })
  orderId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The blocker (要素制约问题).' })
  blockerId?: string | null;

  @Field({ description: 'Name of the person held to account (问责对象), at most 50 characters.' })
  personName!: string;

  @Field({ description: 'Their unit and post (单位及职务), at most 100 characters.' })
  personUnit!: string;

  @Field(() => AccountabilityMeasure, { description: 'The measure (问责方式).' })
  measure!: AccountabilityMeasure;

  @Field(() => String, { nullable: true, description: 'Details and grounds (问责情况说明), at most 2000 characters.' })
  detail?: string | null;

  @Field(() => LocalDateScalar, { description: 'The day it was decided (问责日期); not after today.' })
  decidedOn!: string;
}
