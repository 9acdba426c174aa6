import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { formerNameOf } from '../../graphql/deprecation';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { Project } from '../project/project.entity';
import { Tenant } from '../tenant/tenant.entity';
import { AssignmentKind } from './assignment.enums';

@ObjectType({
  description:
    'Someone assigned to a project (包抓): a leader, a responsible unit or a contact, identified by their Keycloak ' +
    'subject. While active it lets them act on the project (report progress, keep milestones) wherever it sits ' +
    'below them; the record stays after it ends.',
})
@Entity({ tableName: 'project_assignment' })
@Index({ name: 'project_assignment_subject_index', properties: ['subject', 'endedAt'] })
@Index({
  name: 'project_assignment_active_unique',
  expression:
    'create unique index "project_assignment_active_unique" on "project_assignment" ("project_id", "subject", "kind") where "ended_at" is null',
})
export class ProjectAssignment {
  [OptionalProps]?: 'assignedAt' | 'isActive' | 'assigneeSubject' | 'assigneeName' | 'assignedBySubject' | 'endedBySubject';

  @Field(() => ID, { description: 'Stable identifier of the assignment.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { deleteRule: 'cascade' })
  project!: Project;

  /**
   * The project's owner, copied here so the row-level security policy of this table needs no look
   * at `project` (whose own policy looks here: the copy breaks the cycle).
   */
  @ManyToOne(() => Tenant, { fieldName: 'owner_tenant_code', deleteRule: 'restrict' })
  owner!: Tenant;

  @Field({ ...formerNameOf('assigneeSubject', 'the same value, named for whom it is (the assignee)') })
  @Property({ length: 100 })
  subject!: string;

  @Field({ ...formerNameOf('assigneeName', 'the same value, named for whom it is (the assignee)') })
  @Property({ length: 100 })
  name!: string;

  @Field({ description: 'Keycloak user id (`sub`, a UUID) of the assignee: their rights on the project follow it.' })
  get assigneeSubject(): string {
    return this.subject;
  }

  @Field({ description: 'Name of the assignee as shown to people, as given when assigned, e.g. 刘洋 or 德城区住房和城乡建设局.' })
  get assigneeName(): string {
    return this.name;
  }

  @Field(() => AssignmentKind, { description: 'As what the assignee acts on the project.' })
  @Enum({ items: () => AssignmentKind, nativeEnumName: 'assignment_kind' })
  kind!: AssignmentKind;

  @Field(() => LocalDateScalar, { description: 'Date the assignment took effect.' })
  @Property({ type: 'date' })
  startedOn!: string;

  @Field({ description: 'When the assignment was recorded.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  assignedAt: Date = new Date();

  @Field({ ...formerNameOf('assignedBySubject') })
  @Property({ length: 100 })
  assignedBy!: string;

  @Field({ description: 'Keycloak subject of who assigned.' })
  get assignedBySubject(): string {
    return this.assignedBy;
  }

  @Field({ description: 'Name of who assigned.' })
  @Property({ length: 100 })
  assignedByName!: string;

  @Field({ nullable: true, description: 'When the assignment ended; its rights ended with it.' })
  @Property({ type: 'timestamptz', nullable: true })
  endedAt?: Date;

  @Field({ nullable: true, ...formerNameOf('endedBySubject') })
  @Property({ length: 100, nullable: true })
  endedBy?: string;

  @Field(() => String, { nullable: true, description: 'Keycloak subject of who ended it.' })
  get endedBySubject(): string | undefined {
    return this.endedBy;
  }

  @Field({ nullable: true, description: 'Name of who ended it.' })
  @Property({ length: 100, nullable: true })
  endedByName?: string;

  @Field({ description: 'True until the assignment ends.' })
  get isActive(): boolean {
    return !this.endedAt;
  }
}
