import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { ApprovalState } from './approval.enums';

@InputType({
  description:
    "Sets where a project stands with one approval of its city's list (前期手续). The whole item is given each time: " +
    'omitted dates and texts are cleared. SUBMITTED needs `submittedOn`; APPROVED needs `submittedOn` and `approvedOn` ' +
    '(not before it); no date in the future except `plannedOn`.',
})
export class SetProjectApprovalInput {
  @Field(() => ID, { description: 'Id of the project.' })
  projectId!: string;

  @Field({ description: "Code of the kind in the project's city list (`approvalKinds`), e.g. ENVIRONMENTAL_IMPACT." })
  kindCode!: string;

  @Field(() => ApprovalState, { description: 'The state.' })
  state!: ApprovalState;

  @Field(() => String, { nullable: true, description: "The office handling it, when not the kind's usual one; at most 100 characters." })
  office?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date it was submitted (报审日期).' })
  submittedOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date it was granted (批复日期).' })
  approvedOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Planned date to have it granted (计划办结).' })
  plannedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Document number of the grant (批复文号); at most 100 characters.' })
  documentNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Remarks; at most 2000 characters.' })
  note?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "The item's version you last read (0 when nothing was recorded); CONFLICT (field `input.version`) when it changed since. Omit to skip the check.",
  })
  version?: number | null;
}

@InputType({
  description:
    "Changes one kind of a city's approval list. Omitted fields stay as they are. Allowed to the city's leaders and administrators.",
})
export class UpdateApprovalKindInput {
  @Field({ description: 'The city (six-digit division code).' })
  cityCode!: string;

  @Field({ description: 'Code of the kind.' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'A new name; at most 50 characters.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'The usual approving office; at most 100 characters.' })
  office?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether a project needs it before the start (开工前置).' })
  isRequiredToStart?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Time limit in days (办理时限), 1 to 365.' })
  timeLimitDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'Warning days (预警), from 0 to below the time limit.' })
  warningDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'The version you last read; CONFLICT when it changed since. Omit to skip the check.' })
  version?: number | null;
}

@InputType({ description: "Adds a kind of approval to a city's list, at its end. Allowed to the city's leaders and administrators." })
export class AddApprovalKindInput {
  @Field({ description: 'The city (six-digit division code).' })
  cityCode!: string;

  @Field({ description: 'Code of the kind: capital letters, digits and _, at most 40 characters, new in the city.' })
  code!: string;

  @Field({ description: 'Its name, at most 50 characters, e.g. 水土保持方案批复.' })
  name!: string;

  @Field({ description: 'The usual approving office, at most 100 characters.' })
  office!: string;

  @Field(() => Boolean, { nullable: true, description: 'Whether a project needs it before the start (开工前置); false when omitted.' })
  isRequiredToStart?: boolean | null;

  @Field(() => Int, { description: 'Time limit in days (办理时限), 1 to 365.' })
  timeLimitDays!: number;

  @Field(() => Int, { nullable: true, description: 'Warning days (预警), from 0 to below the time limit; 0 when omitted.' })
  warningDays?: number | null;
}

@InputType({
  description:
    'Records an exception (容缺开工) letting a project be confirmed started without all its required approvals. Allowed ' +
    "to the city's and counties' leaders above the project; once per project.",
})
export class RecordStartExceptionInput {
  @Field(() => ID, { description: 'Id of the project.' })
  projectId!: string;

  @Field({ description: 'Why (e.g. 容缺受理, 承诺制试点, the committee decision), at most 2000 characters.' })
  reason!: string;
}
