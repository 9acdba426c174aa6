-- kp_spend_rate_budget: Adds what one replica spent of each viewer's rate budget since its last
-- call and returns what the whole cluster has left of each key it asks about: a token bucket per key
-- (`budget` a minute, refilled continuously, by this database's clock so the replicas' clocks never
-- matter). A key met for the first time starts full. What is left may go below zero when the
-- replicas together overshot between two calls: the viewer then waits until the refill has paid
-- the overshoot back.
--
-- `spends` is a JSON array of {"k" (the key), "spent", "budget"}: keys with nothing spent are only
-- read (the replica still serves them and must learn what the others spent). Keys are written in
-- order, so two replicas writing the same keys at once never deadlock.
--
-- Called by: src/graphql/rate-limit.ts (RateLimiter, every RATE_LIMIT_SYNC_MS while requests come)

create or replace function kp_spend_rate_budget(spends jsonb)
  returns table (key text, tokens double precision)
  language sql
  security definer
  set search_path = public
as $$
  insert into rate_budget as b (key, tokens, budget, updated_at)
  select s.k, s.budget - s.spent, s.budget, clock_timestamp()
    from jsonb_to_recordset(spends) as s(k text, spent double precision, budget integer)
   where s.spent > 0
   order by s.k
  on conflict (key) do update
     set tokens = least(excluded.budget, b.tokens + extract(epoch from clock_timestamp() - b.updated_at) * excluded.budget / 60.0)
                  -- excluded.tokens is budget - spent (as for a new key): this takes `spent` away.
                  - (excluded.budget - excluded.tokens),
         budget = excluded.budget,
         updated_at = clock_timestamp();
  -- A statement of its own: it sees what the insert above wrote.
  select b.key::text, least(b.budget, b.tokens + extract(epoch from clock_timestamp() - b.updated_at) * b.budget / 60.0)
    from jsonb_to_recordset(spends) as s(k text)
    join rate_budget b on b.key = s.k;
$$;

revoke execute on function kp_spend_rate_budget(jsonb) from public;
grant execute on function kp_spend_rate_budget(jsonb) to kp_app;
