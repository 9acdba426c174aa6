import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { formerNameOf } from '../../graphql/deprecation';
import { Project } from '../project/project.entity';
import { ProgressReport } from './progress-report.entity';
import { ReviewAction } from './report-status';

@ObjectType({ description: 'One step in the review of a monthly report (审核记录): who did what, when, and why.' })
@Entity({ tableName: 'progress_report_review' })
export class ReportReview {
  [OptionalProps]?: 'actedAt' | 'actedBySubject';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index({ name: 'progress_report_review_report_id_index' })
  @ManyToOne(() => ProgressReport, { deleteRule: 'cascade' })
  report!: ProgressReport;

  /** The report's project, for row-level security. */
  @ManyToOne(() => Project, { deleteRule: 'cascade' })
  project!: Project;

  @Field(() => ReviewAction, { description: 'What was done.' })
  @Enum({ items: () => ReviewAction, nativeEnumName: 'report_review_action' })
  action!: ReviewAction;

  @Field({ nullable: true, description: 'The reason given (required when returning).' })
  @Property({ type: 'text', nullable: true })
  reason?: string;

  @Field({ description: 'When.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  actedAt: Date = new Date();

  @Field({ ...formerNameOf('actedBySubject') })
  @Property({ length: 100 })
  actedBy!: string;

  @Field({ description: 'Keycloak subject of who did it.' })
  get actedBySubject(): string {
    return this.actedBy;
  }

  @Field({ description: 'Display name of who did it.' })
  @Property({ length: 100 })
  actedByName!: string;
}
