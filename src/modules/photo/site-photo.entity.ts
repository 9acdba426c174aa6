import { randomUUID } from 'node:crypto';
import { Check, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Milestone } from '../milestone/milestone.entity';
import { ProgressReport } from '../progress-report/progress-report.entity';
import { Project } from '../project/project.entity';

@ObjectType({
  description:
    'A photo of the site (形象进度照片) on a monthly report or a milestone: the caption, when and where the camera says it was ' +
    'taken (kept as evidence; the stored image carries no other metadata), whether it was taken long before the report’s ' +
    'month, and short-lived links to the image and its thumbnail that work in an <img src> without a header. Its changes ' +
    'are in its `auditTrail` (entity SITE_PHOTO).',
})
@Check({
  name: 'site_photo_attached_once',
  expression:
    `("project_id" is null and "report_id" is null and "milestone_id" is null and "attached_at" is null) or ` +
    `("project_id" is not null and "attached_at" is not null and "period" is not null and num_nonnulls("report_id", "milestone_id") = 1)`,
})
@Check({ name: 'site_photo_place_valid', expression: `("latitude" is null) = ("longitude" is null)` })
@Check({ name: 'site_photo_latitude_range', expression: `"latitude" >= -90 and "latitude" <= 90` })
@Check({ name: 'site_photo_longitude_range', expression: `"longitude" >= -180 and "longitude" <= 180` })
@Check({ name: 'site_photo_size_positive', expression: `"byte_size" > 0 and "width" > 0 and "height" > 0` })
@Entity({ tableName: 'site_photo' })
@Unique({ name: 'site_photo_object_key_unique', properties: ['objectKey'] })
@Unique({ name: 'site_photo_thumbnail_key_unique', properties: ['thumbnailKey'] })
@Index({ name: 'site_photo_report_id_index', properties: ['report'] })
@Index({ name: 'site_photo_milestone_id_index', properties: ['milestone'] })
@Index({ name: 'site_photo_project_id_index', properties: ['project'] })
@Index({
  name: 'site_photo_unattached_index',
  expression: 'create index "site_photo_unattached_index" on "site_photo" ("uploaded_at") where "project_id" is null',
})
export class SitePhoto {
  [OptionalProps]?: 'uploadedAt' | 'updatedAt' | 'version' | 'uploadedBySubject' | 'attachedBySubject';

  @Field(() => ID, { description: 'Stable identifier of the photo (the upload’s `uploadId` before it is attached).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The project of the report or milestone; null while the upload waits to be attached. */
  @ManyToOne(() => Project, { nullable: true, deleteRule: 'cascade' })
  project?: Project;

  /** The monthly report it shows; exposed through a loader. */
  @ManyToOne(() => ProgressReport, { nullable: true, deleteRule: 'cascade' })
  report?: ProgressReport;

  /** The milestone it shows; exposed through a loader. */
  @ManyToOne(() => Milestone, { nullable: true, deleteRule: 'cascade' })
  milestone?: Milestone;

  @Field(() => String, { nullable: true, description: 'Caption (说明), e.g. 3号楼主体施工至12层.' })
  @Property({ length: 200, nullable: true })
  caption?: string;

  /** Where the re-encoded image is stored (PhotoStore key); never shown. */
  @Property({ length: 200 })
  objectKey!: string;

  /** Where the thumbnail is stored. */
  @Property({ length: 200 })
  thumbnailKey!: string;

  @Field({ description: 'Media type of the stored image (image/jpeg: every upload is re-encoded).' })
  @Property({ length: 50 })
  contentType!: string;

  @Field(() => Int, { description: 'Size of the stored image, bytes.' })
  @Property({ type: 'int' })
  byteSize!: number;

  @Field(() => Int, { description: 'Width of the stored image, pixels (upright: the camera’s orientation applied).' })
  @Property({ type: 'int' })
  width!: number;

  @Field(() => Int, { description: 'Height of the stored image, pixels.' })
  @Property({ type: 'int' })
  height!: number;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the photo was taken (拍摄时间), from the camera’s EXIF DateTimeOriginal (China time when it names no zone); null when absent.',
  })
  @Property({ type: 'timestamptz', nullable: true })
  takenAt?: Date;

  @Field(() => Float, { nullable: true, description: 'Latitude where it was taken (拍摄地点), degrees north (WGS-84, from EXIF GPS).' })
  @Property({ type: 'decimal', columnType: 'numeric(9,6)', nullable: true })
  latitude?: string;

  @Field(() => Float, { nullable: true, description: 'Longitude where it was taken, degrees east.' })
  @Property({ type: 'decimal', columnType: 'numeric(9,6)', nullable: true })
  longitude?: string;

  /**
   * First day of the month the photo should show: its report's month, or for a milestone the month
   * it was attached in. One taken before the month preceding it is flagged (site-photo-period.ts).
   */
  @Property({ type: 'date', nullable: true })
  period?: string;

  @Field({ description: 'When it was uploaded.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  uploadedAt: Date = new Date();

  @Property({ length: 100 })
  uploadedBy!: string;

  @Field({ description: 'Keycloak subject of who uploaded it.' })
  get uploadedBySubject(): string {
    return this.uploadedBy;
  }

  @Field({ description: 'Display name of who uploaded it, at the time.' })
  @Property({ length: 100 })
  uploadedByName!: string;

  @Field(() => Date, { nullable: true, description: 'When it was attached to its report or milestone.' })
  @Property({ type: 'timestamptz', nullable: true })
  attachedAt?: Date;

  @Property({ length: 100, nullable: true })
  attachedBy?: string;

  @Field(() => String, { nullable: true, description: 'Keycloak subject of who attached it.' })
  get attachedBySubject(): string | undefined {
    return this.attachedBy;
  }

  @Field(() => String, { nullable: true, description: 'Display name of who attached it.' })
  @Property({ length: 100, nullable: true })
  attachedByName?: string;

  @Field(() => Int, {
    description: 'Version of the record; send it back as `version` to `deleteSitePhoto` to be told CONFLICT when someone changed it since.',
  })
  @Property({ version: true, default: 1 })
  version: number = 1;

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
