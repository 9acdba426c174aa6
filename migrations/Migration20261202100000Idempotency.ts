import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotent mutations (幂等). A client that retries a mutation after a timeout sends the same
 * `Idempotency-Key`; the first request's response is kept here, in the same transaction as what it
 * changed, so a retry returns it instead of acting twice. Keys belong to the viewer who sent them
 * (row-level security on the subject): one integrator's key never answers another's request.
 *
 * A request that changed nothing (every mutation in it failed) leaves no row: its retry acts anew.
 * Rows older than the retention are pruned, and a key may then be used again.
 */
export class Migration20261202100000Idempotency extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "idempotent_request" (
      "subject" varchar(100) not null,
      "key" varchar(200) not null,
      "request_hash" char(64) not null,
      "response" jsonb null,
      "created_at" timestamptz not null default now(),
      constraint "idempotent_request_pkey" primary key ("subject", "key"));`);
    this.addSql(`create index "idempotent_request_created_at" on "idempotent_request" ("created_at");`);
    this.addSql(`grant select, insert, update on "idempotent_request" to kp_app;`);
    this.addSql(`alter table "idempotent_request" enable row level security;`);
    this.addSql(`alter table "idempotent_request" force row level security;`);
    this.addSql(`create policy "idempotent_request_own" on "idempotent_request"
      using ("subject" = kp_subject()) with check ("subject" = kp_subject());`);
    // Pruning crosses subjects, so it runs as the owner; it takes nothing but the retention.
    this.addSql(`create or replace function kp_prune_idempotent_requests(keep interval) returns int
      language sql security definer set search_path = public as $$
        with gone as (delete from idempotent_request where created_at < now() - keep returning 1)
        select count(*)::int from gone $$;`);
    this.addSql(`revoke all on function kp_prune_idempotent_requests(interval) from public;`);
    this.addSql(`grant execute on function kp_prune_idempotent_requests(interval) to kp_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists kp_prune_idempotent_requests(interval);`);
    this.addSql(`drop table if exists "idempotent_request";`);
  }
}
