import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { Period } from '../../calendar/period';
import { formerNameOf } from '../../graphql/deprecation';
import { encodeCursor, type ChangeEvent } from './change-event';

/** Kinds of change the outbox records (see the ChangeEvents migration's trigger). */
export enum ChangeKind {
  PROJECT_CREATED = 'PROJECT_CREATED',
  PROJECT_UPDATED = 'PROJECT_UPDATED',
  STAGE_CHANGED = 'STAGE_CHANGED',
  PROGRESS_REPORTED = 'PROGRESS_REPORTED',
  PROGRESS_CORRECTED = 'PROGRESS_CORRECTED',
  PROGRESS_REPORT_REMOVED = 'PROGRESS_REPORT_REMOVED',
  MILESTONE_ADDED = 'MILESTONE_ADDED',
  MILESTONE_CHANGED = 'MILESTONE_CHANGED',
  MILESTONE_DONE = 'MILESTONE_DONE',
  MILESTONE_REOPENED = 'MILESTONE_REOPENED',
  MILESTONE_REMOVED = 'MILESTONE_REMOVED',
  MILESTONE_OVERDUE = 'MILESTONE_OVERDUE',
  ASSIGNMENT_CHANGED = 'ASSIGNMENT_CHANGED',
  ANNUAL_PLAN_CHANGED = 'ANNUAL_PLAN_CHANGED',
  REPORT_DRAFTED = 'REPORT_DRAFTED',
  REPORT_SUBMITTED = 'REPORT_SUBMITTED',
  REPORT_RETURNED = 'REPORT_RETURNED',
  REPORT_RESUBMITTED = 'REPORT_RESUBMITTED',
  REPORT_APPROVED = 'REPORT_APPROVED',
  BLOCKER_RAISED = 'BLOCKER_RAISED',
  BLOCKER_ESCALATED = 'BLOCKER_ESCALATED',
  BLOCKER_RESOLVED = 'BLOCKER_RESOLVED',
  BLOCKER_CLOSED = 'BLOCKER_CLOSED',
  BLOCKER_REOPENED = 'BLOCKER_REOPENED',
  BLOCKER_CHANGED = 'BLOCKER_CHANGED',
  LEAD_REGISTERED = 'LEAD_REGISTERED',
  LEAD_ADVANCED = 'LEAD_ADVANCED',
  LEAD_FUNDS_RECORDED = 'LEAD_FUNDS_RECORDED',
  LEAD_CHANGED = 'LEAD_CHANGED',
}

registerEnumType(ChangeKind, {
  name: 'ChangeKind',
  description: 'What happened to a project, or to an investment lead (which may have no project yet).',
  valuesConfig: {
    PROJECT_CREATED: { description: 'A project was entered.' },
    PROJECT_UPDATED: { description: "A project's details changed (not its stage)." },
    STAGE_CHANGED: { description: 'A project moved to another stage (开工, 竣工 ...).' },
    PROGRESS_REPORTED: { description: 'A monthly report (月报) was filed; `report` holds its id.' },
    PROGRESS_CORRECTED: { description: 'A monthly report was corrected.' },
    PROGRESS_REPORT_REMOVED: { description: 'A monthly report was removed (`report` holds its id in `before`).' },
    MILESTONE_ADDED: { description: 'A milestone (节点) was added; `milestone` holds its id.' },
    MILESTONE_CHANGED: { description: "A milestone's title or due date changed." },
    MILESTONE_DONE: { description: 'A milestone was completed.' },
    MILESTONE_REOPENED: { description: 'A completed milestone was reopened.' },
    MILESTONE_REMOVED: { description: 'A milestone was deleted.' },
    MILESTONE_OVERDUE: { description: 'An open milestone passed its due date (announced once, the day after).' },
    ASSIGNMENT_CHANGED: { description: 'A leader or unit was assigned to the project (包抓), or the assignment ended; `assignment` holds its id.' },
    ANNUAL_PLAN_CHANGED: { description: "A year's planned investment was set or removed; `year` names the plan." },
    REPORT_DRAFTED: { description: 'A monthly report was saved as a draft (草稿).' },
    REPORT_SUBMITTED: { description: 'A draft monthly report was submitted for review (报送).' },
    REPORT_RETURNED: { description: 'A monthly report was returned with a reason (退回).' },
    REPORT_RESUBMITTED: { description: 'A returned monthly report was submitted again.' },
    REPORT_APPROVED: { description: 'A monthly report was approved (审核通过): its figures now count.' },
    BLOCKER_RAISED: { description: 'A blocker (要素制约) was raised; `changes` holds its values and `blocker` its id.' },
    BLOCKER_ESCALATED: { description: 'A blocker was escalated one level up (提请协调); `escalatedToCode` names the level.' },
    BLOCKER_RESOLVED: { description: 'A blocker was resolved with feedback (办结反馈).' },
    BLOCKER_CLOSED: { description: 'The raiser confirmed a resolution: the blocker is closed (闭环).' },
    BLOCKER_REOPENED: { description: 'The raiser rejected a resolution: the blocker is open again (退回重办).' },
    BLOCKER_CHANGED: { description: 'Anything else about a blocker changed (e.g. work on it started).' },
    LEAD_REGISTERED: { description: 'An investment lead (招商线索) was registered; `lead` holds its id, `projectId` is null until it starts.' },
    LEAD_ADVANCED: { description: 'A lead reached its next step (框架协议, 签约, 开工, 资金到位); `stage` names it.' },
    LEAD_FUNDS_RECORDED: { description: "A lead's funds in place (到位资金) were recorded." },
    LEAD_CHANGED: { description: "Anything else about a lead changed (its investor, amounts, responsible unit)." },
  },
});

@ObjectType({
  description:
    'One changed value, as text in the format the API uses for that field elsewhere: Period `YYYY-MM`, LocalDate `YYYY-MM-DD`, ' +
    'DateTimeISO in UTC ending in `Z`, Wan as an exact decimal without trailing zeros. The record an event is about is named among them: ' +
    '`report`, `milestone`, `assignment`, `blocker` or `lead` with its id (a yearly plan: its `year`), in `after`, or in `before` for a removal.',
})
export class FieldChange {
  @Field({ description: 'Name of the changed value as the API names the field (e.g. completedInvestmentWan, stage, doneOn), or of the record named (e.g. report).' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'Value before; null when it was absent (a new record).' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'Value after; null when it is absent now (a removal).' })
  after!: string | null;
}

@ObjectType({ description: 'Who made a change.' })
export class Actor {
  @Field({ description: 'Keycloak subject.' })
  subject!: string;

  @Field(() => String, { nullable: true, description: 'Display name at the time.' })
  name!: string | null;
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

@ObjectType({ description: 'A committed change to a project, in the order every replica and client sees them.' })
export class ProjectChange {
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

  @Field(() => String, { nullable: true, description: 'Keycloak subject of who made it; null for what the calendar does (a milestone falling overdue).' })
  get actedBySubject(): string | null {
    return this.event.actorSubject;
  }

  @Field(() => String, { nullable: true, description: 'Display name of who made it, at the time; null when unknown or done by the calendar.' })
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

  @Field(() => [FieldChange], { description: "The values that changed, in the API's formats, and the record the event is about (see FieldChange)." })
  get changes(): FieldChange[] {
    return Object.entries(this.event.changes).map(([column, change]) =>
      Object.assign(new FieldChange(), { field: camel(column), before: change.before, after: change.after }),
    );
  }
}

/**
 * Field names of `projectChanged` documents that resolve from the event itself, without the
 * database (`project` is not among them): such documents skip the per-event transaction.
 */
export const EVENT_ONLY_FIELDS: ReadonlySet<string> = new Set([
  'projectChanged', 'cursor', 'kind', 'actedAt', 'actedBySubject', 'actedByName', 'at', 'by', 'subject', 'name', 'tenantCode', 'projectId', 'changes', 'field', 'before', 'after', '__typename',
]);

/** What a rollup stream yields: a reason to read the tenant's rollup again. */
export interface RollupTick {
  readonly tenantCode: string;
  readonly period: Period;
}
