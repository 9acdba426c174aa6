-- kp_prune_rate_budgets: Forgets the rate budgets nobody spent from for `idle` (a bucket idle that
-- long is full again, exactly as a missing one starts). Scheduled housekeeping.
--
-- Called by: src/graphql/rate-limit.ts (rateBudgetRetention, a housekeeping job)

create or replace function kp_prune_rate_budgets(idle interval)
  returns integer
  language sql
  security definer
  set search_path = public
as $$
  with gone as (delete from rate_budget where updated_at < clock_timestamp() - idle returning 1)
  select count(*)::int from gone
$$;

revoke execute on function kp_prune_rate_budgets(interval) from public;
grant execute on function kp_prune_rate_budgets(interval) to kp_app;
