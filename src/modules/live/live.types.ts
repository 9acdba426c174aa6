import { Extensions, Field, ID, ObjectType } from 'type-graphql';
import type { Period } from '../../calendar/period';
import type { ApiChange } from '../../graphql/api-fields';
import { formerNameOf } from '../../graphql/deprecation';
import { encodeCursor, type ChangeEvent, type EventPayload } from '../../realtime/change-event';
import { RESOLVED_FROM_EVENT } from '../../realtime/event-only';
import { ChangeKind } from './change-kind';

@Extensions(RESOLVED_FROM_EVENT)
@ObjectType({
  description:
    'One changed value, named and written as the audit trail names and writes it (AuditChange): as text in the format the API uses for that ' +
    'field elsewhere: Period `YYYY-MM`, LocalDate `YYYY-MM-DD`, DateTimeISO in UTC ending in `Z`, Wan as an exact decimal without trailing ' +
    'zeros, an enum by its name, a list as a JSON array; a reference to another record (`owner`, `location`, `escalatedTo`) as its key, a ' +
    "tenant's division code. The record an event is about is named among them: `report`, `milestone`, `assignment`, `blocker`, `lead` or `arrival` with " +
    'its id (a yearly plan: its `year`), in `after`, or in `before` for a removal.',
})
export class FieldChange implements ApiChange {
  @Field({
    description:
      "The field as the API names it on the changed record's type today (e.g. completedInvestmentWan, stage, doneOn, escalatedTo, raisedBySubject), " +
      'or the record named (e.g. report).',
  })
  field!: string;

  @Field(() => String, { nullable: true, description: 'Value before; null when it was absent (a new record).' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'Value after; null when it is absent now (a removal).' })
  after!: string | null;
}

@Extensions(RESOLVED_FROM_EVENT)
@ObjectType({ description: 'Who made a change.' })
export class Actor {
  @Field({ description: 'Keycloak subject.' })
  subject!: string;

  @Field(() => String, { nullable: true, description: 'Display name at the time.' })
  name!: string | null;
}

// Resolved from the event itself, but for `project` (live.resolver.ts): documents without it skip the per-event transaction.
@Extensions(RESOLVED_FROM_EVENT)
@ObjectType({ description: 'A committed change to a project, in the order every replica and client sees them.' })
export class ProjectChange implements EventPayload {
  constructor(readonly event: ChangeEvent) {}

  @Field({ description: 'Position in the stream: pass it as `after` when reconnecting to receive what was missed.' })
  get cursor(): string {
    return encodeCursor(this.event.cursor);
  }

  @Field(() => ChangeKind, { description: 'What happened.' })
  get kind(): ChangeKind {
    return this.event.kind as ChangeKind;
  }

  @Field({ description: 'When the change was made (its transaction began).' })
  get actedAt(): Date {
    return this.event.occurredAt;
  }

  @Field(() => String, {
    nullable: true,
    description: 'Keycloak subject of who made it; null for what the calendar does (a milestone falling overdue).',
  })
  get actedBySubject(): string | null {
    return this.event.actorSubject;
  }

  @Field(() => String, {
    nullable: true,
    description: 'Display name of who made it, at the time; null when unknown or done by the calendar.',
  })
  get actedByName(): string | null {
    return this.event.actorSubject ? this.event.actorName : null;
  }

  @Field({ ...formerNameOf('actedAt') })
  get at(): Date {
    return this.event.occurredAt;
  }

  @Field(() => Actor, {
    nullable: true,
    description: 'Who made it, as one object; null for what the calendar does.',
    deprecationReason: 'Use `actedBySubject`: the subject as a plain field, and `actedByName` the name, as every who/when field is named.',
  })
  get by(): Actor | null {
    return this.event.actorSubject ? Object.assign(new Actor(), { subject: this.event.actorSubject, name: this.event.actorName }) : null;
  }

  @Field({ description: 'Division code of the tenant that owns the project.' })
  get tenantCode(): string {
    return this.event.tenantCode;
  }

  @Field(() => ID, { nullable: true, description: 'The project.' })
  get projectId(): string | null {
    return this.event.projectId;
  }

  @Field(() => [FieldChange], {
    description: "The values that changed, in the API's formats, and the record the event is about (see FieldChange).",
  })
  get changes(): readonly FieldChange[] {
    // Named and formatted once per event by the relay, shared by every subscriber.
    return this.event.changes;
  }
}

/** What a rollup stream yields: a reason to read the tenant's rollup again. */
export interface RollupTick {
  readonly tenantCode: string;
  readonly period: Period;
}
