-- kp_download_signing_key: The key download links are signed with (HMAC-SHA256), the same for
-- every replica (see the migration DownloadSigningKey). SECURITY DEFINER: the application's role
-- has no access to the table itself, only to this one value.
--
-- Called by: src/exports/download-link-key.ts (signing a link in bulletinDownload, checking one at
--   GET /exports/bulletin/...)

create or replace function kp_download_signing_key()
  returns bytea
  language sql
  stable
  security definer
  set search_path = public
as $$
  select secret from download_signing_key where id = 1
$$;

revoke execute on function kp_download_signing_key() from public;
grant execute on function kp_download_signing_key() to kp_app;
