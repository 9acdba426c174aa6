import { Field, ID, ObjectType } from 'type-graphql';
import type { Message } from '../../language/message';
import { connectionType } from '../../pagination/connection';
import { ChangeKind } from '../live/change-kind';
import { describeUnseenChange } from './unseen-change-text';

/** One row of unseen-changes.ts's statement. */
export interface UnseenChangeRow {
  kind: string;
  occurred_at: Date;
  project_id: string;
  project_name: string;
  record_id: string;
  actor_subject: string | null;
  actor_name: string | null;
  detail: Record<string, string | null>;
  at_key: string;
  key: string;
}

@ObjectType({
  description:
    "Something that happened to one of the viewer's assigned projects (包抓项目) since their mark (`seenMark`): a monthly report " +
    'submitted, approved or returned, a stage change, a blocker raised, escalated, resolved, closed or reopened, a milestone fallen overdue.',
})
export class UnseenChange {
  constructor(readonly row: UnseenChangeRow) {}

  @Field(() => ID, { description: 'Stable key of the change: its kind and the record it is about.' })
  get id(): string {
    return this.row.key;
  }

  @Field(() => ChangeKind, { description: 'What happened, named as `projectChanged` names it.' })
  get kind(): ChangeKind {
    return this.row.kind as ChangeKind;
  }

  @Field({ description: 'When it happened; for an overdue milestone, the start of the day after its due date (China time).' })
  get actedAt(): Date {
    return new Date(this.row.occurred_at);
  }

  @Field(() => String, {
    nullable: true,
    description: 'Keycloak subject of who did it; null for what the calendar does (a milestone falling overdue).',
  })
  get actedBySubject(): string | null {
    return this.row.actor_subject;
  }

  @Field(() => String, {
    nullable: true,
    description: 'Who did it, as named then; null for what the calendar does (a milestone falling overdue).',
  })
  get actedByName(): string | null {
    return this.row.actor_name;
  }

  @Field(() => ID, { description: 'The project.' })
  get projectId(): string {
    return this.row.project_id;
  }

  @Field({ description: "The project's name." })
  get projectName(): string {
    return this.row.project_name;
  }

  /** In both languages; the resolver shows the reader's. */
  get message(): Message {
    return describeUnseenChange(this.row);
  }
}

export const UnseenChangeConnection = connectionType(
  UnseenChange,
  'UnseenChangeConnection',
  "A page of what changed on the viewer's assigned projects since their mark, newest first.",
);
