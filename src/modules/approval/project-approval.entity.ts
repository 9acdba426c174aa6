import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Project } from '../project/project.entity';
import { ApprovalKind } from './approval-kind.entity';
import { ApprovalState } from './approval.enums';

/**
 * A project's recorded state of one approval kind (前期手续台账). No row means not started; the API
 * shows the whole checklist (ApprovalItem) with the city's kinds, recorded or not.
 */
@Entity({ tableName: 'project_approval' })
@Unique({ properties: ['project', 'kind'] })
@Check({ name: 'project_approval_approved_dated', expression: `("state" = 'APPROVED') = ("approved_on" is not null)` })
@Check({
  name: 'project_approval_submitted_dated',
  expression: `"submitted_on" is not null or "state" = 'NOT_NEEDED' or "state" = 'NOT_STARTED'`,
})
@Check({ name: 'project_approval_dates_in_order', expression: `"approved_on" is null or "submitted_on" <= "approved_on"` })
export class ProjectApproval {
  [OptionalProps]?: 'version' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { deleteRule: 'cascade' })
  project!: Project;

  @Index()
  @ManyToOne(() => ApprovalKind, { deleteRule: 'restrict' })
  kind!: ApprovalKind;

  @Enum({ items: () => ApprovalState, nativeEnumName: 'approval_state' })
  state!: ApprovalState;

  /** The office handling it for this project when not the kind's usual one. */
  @Property({ length: 100, nullable: true })
  office?: string;

  @Property({ type: 'date', nullable: true })
  submittedOn?: string;

  @Property({ type: 'date', nullable: true })
  approvedOn?: string;

  @Property({ type: 'date', nullable: true })
  plannedOn?: string;

  @Property({ length: 100, nullable: true })
  documentNumber?: string;

  @Property({ type: 'text', nullable: true })
  note?: string;

  @Property({ version: true, default: 1 })
  version: number = 1;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
