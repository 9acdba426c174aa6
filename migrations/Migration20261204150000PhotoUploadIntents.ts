import { Migration } from '@mikro-orm/migrations';

/**
 * An upload's objects are queued for removal before they are stored, due an hour later, and taken
 * off the queue in the transaction that records the photo: a server that dies between storing the
 * objects and recording the row leaves them queued, and housekeeping removes them, where before they
 * stayed in the store with nothing pointing at them. `due_at` is when an entry may be removed (now,
 * for the objects of a deleted photo). The thumbnail key becomes unique, as the image's is, so the
 * housekeeping's check that no live photo uses a key reads an index.
 */
export class Migration20261204150000PhotoUploadIntents extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "site_photo_discard" add column "due_at" timestamptz not null default now();`);
    this.addSql(`create index "site_photo_discard_due_at_index" on "site_photo_discard" ("due_at");`);
    this.addSql(`alter table "site_photo" add constraint "site_photo_thumbnail_key_unique" unique ("thumbnail_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "site_photo" drop constraint if exists "site_photo_thumbnail_key_unique";`);
    this.addSql(`drop index if exists "site_photo_discard_due_at_index";`);
    this.addSql(`alter table "site_photo_discard" drop column if exists "due_at";`);
  }
}
