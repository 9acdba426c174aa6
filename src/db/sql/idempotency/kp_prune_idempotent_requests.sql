-- kp_prune_idempotent_requests: Deletes the answers kept for idempotent retries once older than
-- `keep` (scheduled housekeeping).
--
-- Called by: src/graphql/idempotency.ts (idempotencyRetention, a housekeeping job)

create or replace function kp_prune_idempotent_requests(keep interval)
  returns integer
  language sql
  security definer
  set search_path = public
as $$
  with gone as (delete from idempotent_request where created_at < now() - keep returning 1)
  select count(*)::int from gone
$$;

revoke execute on function kp_prune_idempotent_requests(interval) from public;
grant execute on function kp_prune_idempotent_requests(interval) to kp_app;
