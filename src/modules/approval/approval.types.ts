import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { TenantBasis } from '../project/tenant-basis';
import { LightColor } from '../rollup/traffic-light';
import { ApprovalKind } from './approval-kind.entity';
import { ApprovalState } from './approval.enums';

@ObjectType('ProjectApproval', {
  description:
    "One line of a project's preparatory approvals checklist (前期手续): a kind of its city's list and where the project " +
    'stands with it. Kinds nobody recorded for the project read NOT_STARTED with no id.',
})
export class ApprovalItem {
  @Field(() => ID, { nullable: true, description: 'Id of the recorded item; null while nothing was recorded for this kind.' })
  id?: string;

  @Field(() => ApprovalKind, { description: 'The kind of approval, with its rule.' })
  kind!: ApprovalKind;

  @Field(() => ApprovalState, { description: 'Where the project stands with it.' })
  state!: ApprovalState;

  @Field({ description: "The office handling it (审批部门): the project's own when recorded, else the kind's usual one." })
  office!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date it was submitted (报审日期).' })
  submittedOn?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date it was granted (批复日期).' })
  approvedOn?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Planned date to have it granted (计划办结).' })
  plannedOn?: string;

  @Field(() => String, { nullable: true, description: 'Document number of the grant (批复文号), e.g. 德审批环字〔2026〕15号.' })
  documentNumber?: string;

  @Field(() => String, { nullable: true, description: 'Remarks.' })
  note?: string;

  @Field(() => Int, {
    description: 'Version of the item (0 while nothing was recorded): send it back as `version` to be told CONFLICT when it changed since.',
  })
  version!: number;

  @Field(() => LightColor, {
    description:
      "Its approval light today (审批信号灯) by the kind's rule: red when overdue (planned date passed, or the time limit " +
      'since submission exceeded), yellow within the warning days of either, green otherwise and once approved or not needed.',
  })
  light!: LightColor;

  @Field({ description: 'Overdue today (超期): the light is red.' })
  isOverdue!: boolean;
}

@ObjectType({
  description:
    "Preparatory approval figures (前期手续) of a tenant's subtree at the end of the period (today for the current month), " +
    'from the dates recorded on each item (submitted, approved), the projects placed as the rollup places them (owner or ' +
    'location). Computed at read over the subtree.',
})
export class ApprovalFigures {
  @Field(() => TenantBasis, { description: "The rollup's basis." })
  basis!: TenantBasis;

  @Field(() => Int, { description: 'Recorded approvals not granted by then and needed (待批复): not started or submitted.' })
  pendingCount!: number;

  @Field(() => Int, { description: 'Of those, submitted (已报审).' })
  submittedCount!: number;

  @Field(() => Int, {
    description: 'Of those, overdue (超期): planned date passed, or more days since submission than the time limit (办理时限).',
  })
  overdueCount!: number;

  @Field(() => Int, {
    description:
      'Projects held up by an approval (手续制约开工): before the start by then, with no start exception, and an approval ' +
      'their city requires to start neither granted by then nor marked not needed (never recorded counts as not started).',
  })
  heldUpProjectCount!: number;

  @Field(() => [OfficeApprovalFigures], {
    description: 'The pending approvals per approving office (审批部门), most overdue first, each with its light.',
  })
  byOffice!: OfficeApprovalFigures[];
}

@ObjectType({ description: "One approving office's pending approvals in a subtree (审批部门办理情况), with its light." })
export class OfficeApprovalFigures {
  @Field({ description: 'The office, e.g. 德州市自然资源和规划局.' })
  office!: string;

  @Field(() => Int, { description: 'Approvals pending with it.' })
  pendingCount!: number;

  @Field(() => Int, { description: 'Of those, submitted to it.' })
  submittedCount!: number;

  @Field(() => Int, { description: 'Of those, overdue (red).' })
  overdueCount!: number;

  @Field(() => Int, { description: 'Of those, not overdue but within the warning days (yellow).' })
  warnedCount!: number;

  @Field(() => LightColor, { description: "The office's light (审批信号灯): red with any overdue approval, yellow with any warned." })
  light!: LightColor;
}
