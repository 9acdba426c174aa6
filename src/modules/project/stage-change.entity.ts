import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { formerNameOf } from '../../graphql/deprecation';
import { LocalDateScalar } from '../../calendar/calendar.scalars';
import { ProgressReport } from '../progress-report/progress-report.entity';
import { Project } from './project.entity';
import { ProjectStage } from './project.enums';

@ObjectType({ description: "One dated change of a project's stage (阶段变更); the history is never rewritten." })
@Entity({ tableName: 'project_stage_change' })
@Index({ properties: ['project', 'changedOn'] })
export class StageChange {
  [OptionalProps]?: 'recordedAt' | 'recordedBySubject';

  @Field(() => ID, { description: 'Stable identifier of the change (for its `auditTrail`).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { deleteRule: 'cascade' })
  project!: Project;

  @Field(() => ProjectStage, { nullable: true, description: 'Stage before the change; absent for the first stage.' })
  @Enum({ items: () => ProjectStage, nativeEnumName: 'project_stage', nullable: true })
  fromStage?: ProjectStage;

  @Field(() => ProjectStage, { description: 'Stage after the change.' })
  @Enum({ items: () => ProjectStage, nativeEnumName: 'project_stage' })
  toStage!: ProjectStage;

  @Field(() => LocalDateScalar, { description: 'Date the project reached the stage (e.g. the actual start date).' })
  @Property({ type: 'date' })
  changedOn!: string;

  /**
   * The monthly report whose review made the change: its approval confirmed the stage it claimed,
   * or its return took that stage back. Null for a manager's direct change. Exposed as `report`
   * by the progress-report module.
   */
  @Index({ name: 'project_stage_change_report_id_index' })
  @ManyToOne(() => ProgressReport, { nullable: true, deleteRule: 'set null' })
  report?: ProgressReport;

  @Field({ nullable: true, description: 'Why or how, e.g. the permit that allowed the start.' })
  @Property({ type: 'text', nullable: true })
  note?: string;

  @Field({ description: 'When the change was recorded.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  recordedAt: Date = new Date();

  @Field({ ...formerNameOf('recordedBySubject') })
  @Property({ length: 100 })
  recordedBy!: string;

  @Field({ description: 'Keycloak subject of who recorded it.' })
  get recordedBySubject(): string {
    return this.recordedBy;
  }

  @Field({ description: 'Display name of who recorded it.' })
  @Property({ length: 100 })
  recordedByName!: string;
}
