import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'Where a viewer last caught up with their projects (上次查看): kept on the server, so the dashboard on any desk shows what changed since. Each viewer sees and sets only their own.',
})
@Entity({ tableName: 'seen_mark' })
export class SeenMark {
  /** The viewer's Keycloak subject: the row's owner, and what its row-level security policy matches. */
  @PrimaryKey({ length: 100 })
  subject!: string;

  @Field({ description: 'Changes up to this moment count as seen (标记为已读).' })
  @Property({ type: 'timestamptz' })
  seenAt!: Date;

  @Field({ description: 'When the viewer last set the mark.' })
  @Property({ type: 'timestamptz' })
  markedAt!: Date;
}
