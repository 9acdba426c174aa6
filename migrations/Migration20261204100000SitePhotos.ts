import { Migration } from '@mikro-orm/migrations';

/**
 * Site photos (形象进度照片, issue 18):
 * - `site_photo`: one photo of a site. Uploaded first (POST /photos: the image stored, no project
 *   yet, visible only to whoever uploaded it), then attached to a monthly report or a milestone
 *   (`attachSitePhoto`), from when it is read and written as the project's other records. What the
 *   camera said of time and place is kept as columns (the stored image has no metadata left);
 *   `period` is the month the photo should show (its report's, or the month it was attached to a
 *   milestone), against which one taken long before is flagged.
 * - `site_photo_discard`: keys of stored objects whose row is gone (deleted, its report or milestone
 *   deleted, or an upload never attached), filled by a trigger whatever deleted the row, emptied
 *   once the store removed them (after commit, or by housekeeping): no object outlives its row
 *   for long, and a rolled-back delete removes nothing. Only the kp_* functions reach it.
 * - Live events (`kp_record_photo_change`) and the audit trail on `site_photo`.
 */
export class Migration20261204100000SitePhotos extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "site_photo" (
      "id" uuid not null,
      "project_id" uuid null,
      "report_id" uuid null,
      "milestone_id" uuid null,
      "caption" varchar(200) null,
      "object_key" varchar(200) not null,
      "thumbnail_key" varchar(200) not null,
      "content_type" varchar(50) not null,
      "byte_size" int not null,
      "width" int not null,
      "height" int not null,
      "taken_at" timestamptz null,
      "latitude" numeric(9,6) null,
      "longitude" numeric(9,6) null,
      "period" date null,
      "uploaded_at" timestamptz not null default now(),
      "uploaded_by" varchar(100) not null,
      "uploaded_by_name" varchar(100) not null,
      "attached_at" timestamptz null,
      "attached_by" varchar(100) null,
      "attached_by_name" varchar(100) null,
      "version" int not null default 1,
      "updated_at" timestamptz not null default now(),
      constraint "site_photo_pkey" primary key ("id"),
      constraint "site_photo_attached_once" check (
        ("project_id" is null and "report_id" is null and "milestone_id" is null and "attached_at" is null)
        or ("project_id" is not null and "attached_at" is not null and "period" is not null and num_nonnulls("report_id", "milestone_id") = 1)),
      constraint "site_photo_place_valid" check (("latitude" is null) = ("longitude" is null)),
      constraint "site_photo_latitude_range" check ("latitude" >= -90 and "latitude" <= 90),
      constraint "site_photo_longitude_range" check ("longitude" >= -180 and "longitude" <= 180),
      constraint "site_photo_size_positive" check ("byte_size" > 0 and "width" > 0 and "height" > 0));`);
    this.addSql(`alter table "site_photo" add constraint "site_photo_object_key_unique" unique ("object_key");`);
    this.addSql(`create index "site_photo_report_id_index" on "site_photo" ("report_id");`);
    this.addSql(`create index "site_photo_milestone_id_index" on "site_photo" ("milestone_id");`);
    this.addSql(`create index "site_photo_project_id_index" on "site_photo" ("project_id");`);
    // Housekeeping looks for uploads never attached, oldest first.
    this.addSql(`create index "site_photo_unattached_index" on "site_photo" ("uploaded_at") where "project_id" is null;`);
    for (const [column, table] of [
      ['project_id', 'project'],
      ['report_id', 'progress_report'],
      ['milestone_id', 'milestone'],
    ]) {
      this.addSql(
        `alter table "site_photo" add constraint "site_photo_${column}_foreign" foreign key ("${column}") references "${table}" ("id") on update cascade on delete cascade;`,
      );
    }
    this.addSql(`create table "site_photo_discard" (
      "object_key" varchar(200) not null,
      "discarded_at" timestamptz not null default now(),
      constraint "site_photo_discard_pkey" primary key ("object_key"));`);

    // --- isolation: an upload is its uploader's until attached; then the project's, as its reports are
    this.addSql(`grant select, insert, update, delete on "site_photo" to kp_app;`);
    for (const table of ['site_photo', 'site_photo_discard']) {
      this.addSql(`alter table "${table}" enable row level security;`);
      this.addSql(`alter table "${table}" force row level security;`);
    }
    const ownUpload = `(project_id is null and uploaded_by = kp_subject())`;
    this.addSql(
      `create policy "site_photo_read" on "site_photo" for select using (${ownUpload} or project_id in (select p.id from project p));`,
    );
    this.addSql(`create policy "site_photo_insert" on "site_photo" for insert with check (${ownUpload});`);
    this.addSql(
      `create policy "site_photo_update" on "site_photo" for update using (${ownUpload} or kp_project_writable(project_id)) with check (project_id is not null and kp_project_writable(project_id));`,
    );
    this.addSql(`create policy "site_photo_delete" on "site_photo" for delete using (${ownUpload} or kp_project_writable(project_id));`);
    this.addSql(`select kp_owner_policies();`);

    // --- the discard queue; declared for src/db/sql/photos/*.sql, applied right after
    this.addSql(`create or replace function kp_discard_photo_objects() returns trigger language plpgsql as $$ begin return null; end $$;`);
    this.addSql(`create trigger "site_photo_discard_objects" after delete on "site_photo"
      for each row execute function kp_discard_photo_objects();`);

    // --- live events; declared for src/db/sql/change-events/kp_record_photo_change.sql, applied right after
    this.addSql(`create or replace function kp_record_photo_change() returns trigger language plpgsql as $$ begin return null; end $$;`);
    this.addSql(`create trigger "site_photo_change_event" after insert or update or delete on "site_photo"
      for each row execute function kp_record_photo_change();`);

    // --- the audit trail (as auditTriggerSql in migrations/support/audit-trigger.ts writes it)
    this.addSql(`create trigger "site_photo_audit_lock" before insert or update or delete on "site_photo"
      for each statement execute function kp_audit_lock();`);
    this.addSql(`create trigger "site_photo_audit" after insert or update or delete on "site_photo"
      for each row execute function kp_audit_record('SitePhoto', 'id', '');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "site_photo" cascade;`);
    this.addSql(`drop table if exists "site_photo_discard" cascade;`);
    this.addSql(`drop function if exists kp_record_photo_change();`);
    this.addSql(`drop function if exists kp_discard_photo_objects();`);
    this.addSql(`drop function if exists kp_stale_photo_uploads(timestamptz);`);
    this.addSql(`drop function if exists kp_discarded_photo_objects(int);`);
    this.addSql(`drop function if exists kp_forget_photo_objects(varchar[]);`);
  }
}
