import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PeriodScalar } from '../../calendar/calendar.scalars';
import { Period } from '../../calendar/period';

/**
 * A published bulletin (已印发). Written once and never updated: the application role may insert
 * and read these rows, not change them (see the migration), so a correction made later cannot
 * rewrite what was circulated; a new version is a new row.
 */
@ObjectType({
  description:
    'A published version of a bulletin (已印发): frozen when published, so later corrections do not rewrite what was circulated.',
})
@Entity({ tableName: 'bulletin_publication' })
@Unique({ name: 'bulletin_publication_version_unique', properties: ['tenantCode', 'periodOn', 'version'] })
export class BulletinPublication {
  [OptionalProps]?: 'publishedAt' | 'hash' | 'period' | 'publishedBySubject';

  @Field(() => ID, { description: 'Id of the publication: read it back with `publishedBulletin(id)`.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'Division code of the tenant the bulletin is for.' })
  @Property({ length: 12 })
  tenantCode!: string;

  /** The month's first day. */
  @Property({ type: 'date', fieldName: 'period' })
  periodOn!: string;

  @Field(() => PeriodScalar, { description: 'The month.' })
  get period(): Period {
    return Period.ofDate(this.periodOn);
  }

  @Field(() => Int, { description: 'Version for the tenant and month: 1, 2, … in order of publication (第几版).' })
  @Property({ type: 'int' })
  version!: number;

  /** The frozen content (every section but the lagging projects' rows), as MonthlyBulletin's fields. */
  @Property({ type: 'jsonb' })
  content!: Record<string, unknown>;

  @Field(() => String, {
    description:
      'SHA-256 (hex) of the canonical serialisation of the frozen content: the content as JSON with object keys sorted, then ' +
      'each lagging project as such JSON in order, one per line (bulletin-hash.ts).',
  })
  /** Null only inside the publishing transaction, until every lagging row is written (the migration's update policy). */
  @Property({ length: 64, nullable: true, type: 'string' })
  hash!: string | null;

  @Field({ description: 'When it was published.' })
  @Property({ type: 'timestamptz' })
  publishedAt: Date = new Date();

  @Field({ description: 'Name of who published it (印发人).' })
  @Property({ length: 100 })
  publishedByName!: string;

  @Property({ length: 100 })
  publishedBy!: string;

  @Field({ description: 'Keycloak subject of who published it.' })
  get publishedBySubject(): string {
    return this.publishedBy;
  }

  @Field(() => Int, { description: 'Lagging projects frozen with it (滞后项目数).' })
  @Property({ type: 'int' })
  laggingProjectCount!: number;
}

/**
 * One lagging project of a publication, in the order of the live list. Rows, not one jsonb array on
 * the publication: a city's list pages and streams from them (keyset on `seq`) as the live list does
 * from the projects, and no reader holds 100,000 of them at once.
 */
@Entity({ tableName: 'bulletin_publication_lagging' })
export class BulletinPublicationLagging {
  @ManyToOne(() => BulletinPublication, { primary: true, fieldName: 'publication_id' })
  publication!: BulletinPublication;

  @PrimaryKey({ type: 'int' })
  seq!: number;

  /** A LaggingProject's fields. */
  @Property({ type: 'jsonb' })
  row!: Record<string, unknown>;
}
