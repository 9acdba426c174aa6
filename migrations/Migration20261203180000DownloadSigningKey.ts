import { Migration } from '@mikro-orm/migrations';

/**
 * The key that signs download links (src/exports/download-link.ts). A browser cannot put a bearer
 * header on a link, so a link carries its own proof: an HMAC over who may use it, for what, until
 * when. Any replica must accept a link another replica signed, so the key lives where every replica
 * already looks: generated here, once, by the database (pgcrypto), rather than a secret every
 * deployment would have to configure and keep equal across replicas (a forgotten or mismatched one
 * would break downloads on some replicas only). Rotating it is `update download_signing_key set
 * secret = gen_random_bytes(32)`: the links already handed out (minutes long) stop working.
 *
 * No role but the owner reads the table (row-level security forced, no policy for kp_app, no
 * grant): requests reach the key only through kp_download_signing_key(), which runs as the owner.
 */
export class Migration20261203180000DownloadSigningKey extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "download_signing_key" (
      "id" smallint not null default 1,
      "secret" bytea not null default gen_random_bytes(32),
      "created_at" timestamptz not null default now(),
      constraint "download_signing_key_pkey" primary key ("id"),
      constraint "download_signing_key_one_row" check ("id" = 1),
      constraint "download_signing_key_secret_length" check (octet_length("secret") >= 32));`);
    this.addSql(`insert into "download_signing_key" default values;`);
    this.addSql(`revoke all on "download_signing_key" from public;`);
    this.addSql(`alter table "download_signing_key" enable row level security;`);
    this.addSql(`alter table "download_signing_key" force row level security;`);
    this.addSql(`select kp_owner_policies();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "download_signing_key";`);
  }
}
