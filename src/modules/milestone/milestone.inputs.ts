import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';

const VERSION_DESCRIPTION =
  'The version you last read; CONFLICT (field `input.version`) when the milestone changed since. Omit to skip the check.';

@InputType({ description: "A new milestone in a project's schedule." })
export class AddMilestoneInput {
  @Field(() => ID, { description: 'Id of the project.' })
  projectId!: string;

  @Field({ description: 'What must be done (节点内容), at most 200 characters.' })
  title!: string;

  @Field(() => LocalDateScalar, { description: 'Deadline (计划完成时间).' })
  dueOn!: string;

  @Field(() => String, { nullable: true, description: 'Remarks.' })
  note?: string | null;
}

@InputType({ description: 'Changes to a milestone. Omitted fields stay as they are; null clears the note.' })
export class UpdateMilestoneInput {
  @Field(() => ID, { description: 'Id of the milestone.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'What must be done (节点内容).' })
  title?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'A new deadline (moving a deadline is recorded in the audit trail).' })
  dueOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Remarks; null clears them.' })
  note?: string | null;

  @Field(() => Int, { nullable: true, description: VERSION_DESCRIPTION })
  version?: number | null;
}

@InputType({ description: 'Marks a milestone done.' })
export class CompleteMilestoneInput {
  @Field(() => ID, { description: 'Id of the milestone.' })
  id!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date it was done; today when omitted; not in the future.' })
  doneOn?: string | null;

  @Field(() => Int, { nullable: true, description: VERSION_DESCRIPTION })
  version?: number | null;
}
