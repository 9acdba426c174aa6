import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Project } from '../project/project.entity';

@ObjectType({
  description:
    "A leader's recorded exception (容缺开工) letting a project be confirmed started without all the approvals its city " +
    'requires before the start; audited, one per project, never withdrawn (a wrong one stays on the record).',
})
@Entity({ tableName: 'project_start_exception' })
@Unique({ properties: ['project'] })
export class StartException {
  [OptionalProps]?: 'recordedAt';

  @Field(() => ID, { description: 'Stable identifier of the exception.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { deleteRule: 'cascade' })
  project!: Project;

  @Field({ description: 'Why the project may start before its approvals (e.g. 容缺受理, 承诺制试点), as recorded.' })
  @Property({ type: 'text' })
  reason!: string;

  @Field({ description: 'Keycloak subject of who recorded it.' })
  @Property({ length: 100 })
  recordedBySubject!: string;

  @Field({ description: 'Name of who recorded it.' })
  @Property({ length: 100 })
  recordedByName!: string;

  @Field({ description: 'When it was recorded.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  recordedAt: Date = new Date();
}
