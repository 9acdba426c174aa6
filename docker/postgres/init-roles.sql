-- The application's roles, run once by an administrator in the application's database (the
-- postgres image runs it from /docker-entrypoint-initdb.d on first start, see docker/compose.yaml).
-- Safe to run again. See src/db/app-role.ts for what the server checks at start.
--
--   kp_app  group role every request works as (`set local role kp_app`): owns nothing, cannot
--           bypass row-level security. The isolation migration creates it when missing, which needs
--           CREATEROLE; creating it here lets a plain database owner run the migrations.
--   kp_api  the application's login (DATABASE_URL): a member of kp_app, owns nothing, no superuser,
--           no BYPASSRLS. The migrations run as the database owner (DATABASE_MIGRATION_URL).
--
-- The password 'kp_api' is for the local stack only: elsewhere set your own
-- (`alter role kp_api password '...'`, or psql's \password kp_api).
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'kp_app') then
    create role kp_app nologin nosuperuser nobypassrls noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'kp_api') then
    create role kp_api login password 'kp_api' nosuperuser nocreatedb nocreaterole nobypassrls inherit;
  end if;
end
$$;
grant kp_app to kp_api;
