import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { BlockerStatus, BlockerType } from './blocker.enums';

const VERSION_DESCRIPTION = 'The version you last read; CONFLICT (field `input.version`) when the blocker changed since.';

@InputType({ description: 'A new blocker of a project (提出问题).' })
export class RaiseBlockerInput {
  @Field(() => ID, { description: 'Id of the project held up (所涉项目).' })
  projectId!: string;

  @Field(() => BlockerType, { description: 'Kind of blocker (制约类型).' })
  type!: BlockerType;

  @Field({ description: 'What holds the project up (问题描述), at most 2000 characters.' })
  description!: string;

  @Field({ description: 'Unit responsible for solving it (责任单位), at most 100 characters.' })
  responsibleUnit!: string;

  @Field(() => LocalDateScalar, { description: 'Date by which it must be solved (办结时限); not before today.' })
  deadlineOn!: string;
}

@InputType({ description: 'A step on a blocker that needs nothing but its id (start work on it, confirm its resolution).' })
export class BlockerStepInput {
  @Field(() => ID, { description: 'Id of the blocker.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: VERSION_DESCRIPTION })
  version?: number | null;
}

@InputType({ description: 'Escalation of a blocker one level up (提请上级协调).' })
export class EscalateBlockerInput {
  @Field(() => ID, { description: 'Id of the blocker.' })
  id!: string;

  @Field({ description: 'Why the level above must coordinate (提请协调事由), at most 2000 characters.' })
  reason!: string;

  @Field(() => Int, { nullable: true, description: VERSION_DESCRIPTION })
  version?: number | null;
}

@InputType({ description: 'Resolution of a blocker with feedback (办结反馈).' })
export class ResolveBlockerInput {
  @Field(() => ID, { description: 'Id of the blocker.' })
  id!: string;

  @Field({ description: 'How it was solved (办理结果), at most 2000 characters.' })
  feedback!: string;

  @Field(() => Int, { nullable: true, description: VERSION_DESCRIPTION })
  version?: number | null;
}

@InputType({ description: 'The raiser does not accept a resolution (退回重办).' })
export class ReopenBlockerInput {
  @Field(() => ID, { description: 'Id of the blocker.' })
  id!: string;

  @Field({ description: 'Why the resolution is not accepted (退回理由), at most 2000 characters.' })
  reason!: string;

  @Field(() => Int, { nullable: true, description: VERSION_DESCRIPTION })
  version?: number | null;
}

export enum BlockerOrder {
  DEADLINE_ASC = 'DEADLINE_ASC',
  RAISED_AT_DESC = 'RAISED_AT_DESC',
}

registerEnumType(BlockerOrder, {
  name: 'BlockerOrder',
  description: 'Order of a blocker list.',
  valuesConfig: {
    DEADLINE_ASC: { description: 'Most urgent first: earliest deadline first.' },
    RAISED_AT_DESC: { description: 'Newest first.' },
  },
});

@InputType({ description: 'Which blockers to list (问题台账筛选). Every condition given must hold.' })
export class BlockerFilter {
  @Field(() => String, { nullable: true, description: "Only blockers of projects owned within this tenant's subtree." })
  tenantCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only the blockers of this project.' })
  projectId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "True: only blockers escalated to the viewer's own tenant (the leaders' to-do list, 待协调); false: only those not.",
  })
  escalatedToMe?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Only blockers escalated to this tenant (division code).' })
  escalatedToCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: "True: only escalated ones (any level); false: only those at the project's level." })
  isEscalated?: boolean | null;

  @Field(() => [BlockerStatus], { nullable: true, description: 'Only these statuses.' })
  statuses?: BlockerStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: 'True: only open (OPEN, IN_PROGRESS); false: only resolved or closed.' })
  isOpen?: boolean | null;

  @Field(() => [BlockerType], { nullable: true, description: 'Only these types.' })
  types?: BlockerType[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True: only open ones past their deadline (逾期), today in China; false: only those not.',
  })
  isOverdue?: boolean | null;
}
